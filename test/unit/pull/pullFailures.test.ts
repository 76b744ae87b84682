import * as assert from 'assert';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import type { StandInTenant } from '../../harness/standInTenant';
import { startStandInTenant } from '../../harness/standInTenant';
import { filesUnder, pullIn, readPulled, TempFolder } from './pullHelpers';

suite('isc-plan pull: failures leave earlier files as they were', function () {
  this.timeout(120_000);
  let tenant: StandInTenant;

  suiteSetup(async () => {
    tenant = await startStandInTenant({ activityCount: 600 });
  });
  suiteTeardown(async () => {
    await tenant.close();
  });
  setup(() => {
    tenant.requests.length = 0;
    tenant.faults = {};
  });

  /** A folder with a first, good pull in isc-tenant/. */
  async function pulledOnce(): Promise<{ folder: TempFolder; before: Record<string, string> }> {
    const folder = new TempFolder();
    const first = await pullIn(folder, tenant, []);
    assert.strictEqual(first.code, 0, first.stderr);
    return { folder, before: filesUnder(path.join(folder.root, 'isc-tenant')) };
  }

  function assertUnchanged(folder: TempFolder, before: Record<string, string>): void {
    assert.deepStrictEqual(filesUnder(path.join(folder.root, 'isc-tenant')), before);
    const leftovers = fs.readdirSync(folder.root).filter((name) => name !== 'isc-tenant');
    assert.deepStrictEqual(leftovers, [], 'no staging folder is left behind');
  }

  test('429 with Retry-After is waited out, and the pull completes', async () => {
    tenant.faults = { tooManyRequests: { path: '/v3/sources', times: 2, retryAfter: '0' } };
    const folder = new TempFolder();
    // Without Retry-After the back-off (ten minutes here) would outlast the test.
    const run = await pullIn(folder, tenant, [], { ISC_PLAN_PULL_BACKOFF_MS: '600000' });
    assert.strictEqual(run.code, 0, run.stderr);
    const listCalls = tenant.requests.filter((r) => r.path === '/v3/sources');
    assert.strictEqual(listCalls.length, 3, 'two 429s, then the answer');
    assert.strictEqual(readPulled<unknown[]>(folder, 'sources.json').length, 36);
  });

  test('429 that does not end: a clear message, nothing written', async () => {
    const { folder, before } = await pulledOnce();
    tenant.faults = {
      tooManyRequests: { path: '/v3/service-desk-integrations', times: 99, retryAfter: '0' },
    };
    const run = await pullIn(folder, tenant, []);
    assert.strictEqual(run.code, 1);
    assert.match(
      run.stderr,
      /kept answering 429 Too Many Requests reading the service desk integrations \(GET \/v3\/service-desk-integrations\); try again later; nothing was written, isc-tenant is as it was\n$/,
    );
    assertUnchanged(folder, before);
  });

  test('401 for a wrong secret names the variables to check, and never the secret', async () => {
    const { folder, before } = await pulledOnce();
    const run = await pullIn(folder, tenant, [], { SAIL_CLIENT_SECRET: 'wrong-secret-value' });
    assert.strictEqual(run.code, 1);
    assert.match(
      run.stderr,
      /refused the client credentials \(401\): check SAIL_CLIENT_ID and SAIL_CLIENT_SECRET/,
    );
    assert.ok(!run.stderr.includes('wrong-secret-value') && !run.stdout.includes('wrong-secret-value'));
    assertUnchanged(folder, before);
  });

  test('403 names the scope the API client lacks', async () => {
    const { folder, before } = await pulledOnce();
    tenant.faults = { scopes: ['idn:sources:read'] };
    const run = await pullIn(folder, tenant, []);
    assert.strictEqual(run.code, 1);
    assert.match(
      run.stderr,
      /forbade reading the schemas of source "Active Directory" \(GET \/v3\/sources\/\{sourceId\}\/schemas\) \(403\): the API client lacks the scope idn:source-schema:read;/,
    );
    assertUnchanged(folder, before);
  });

  test('a connection dropped in the middle of the activities leaves the previous pull intact', async () => {
    const { folder, before } = await pulledOnce();
    tenant.faults = { drop: { path: '/v3/account-activities', fromOffset: 250 } };
    const run = await pullIn(folder, tenant, ['--activities', '3650d']);
    assert.strictEqual(run.code, 1);
    assert.match(run.stderr, /the connection to 127\.0\.0\.1:\d+ dropped reading the account activities/);
    const pages = tenant.requests.filter((r) => r.path === '/v3/account-activities');
    assert.strictEqual(pages.length, 6, 'the first page, then the second tried 1 + 4 times');
    assertUnchanged(folder, before);
  });

  test('no answer within --timeout: a clear message', async () => {
    const { folder, before } = await pulledOnce();
    tenant.faults = { hang: '/v3/service-desk-integrations/status-check-configuration' };
    const run = await pullIn(folder, tenant, ['--timeout', '0.5']);
    assert.strictEqual(run.code, 1);
    assert.match(run.stderr, /did not answer in time reading the status-check configuration/);
    assertUnchanged(folder, before);
  });

  test('an unreachable host: a clear message', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const folder = new TempFolder();
    const run = await pullIn(folder, { ...tenant, url: `http://127.0.0.1:${closed}` }, []);
    assert.strictEqual(run.code, 1);
    assert.match(run.stderr, /cannot reach 127\.0\.0\.1:\d+: connection refused \(check SAIL_BASE_URL\)/);
    assert.deepStrictEqual(fs.readdirSync(folder.root), []);
  });

  test('missing credentials and a folder that is not a pull are refused before anything is read', async () => {
    const folder = new TempFolder({ 'isc-tenant/notes.txt': 'mine' });
    const missing = await pullIn(folder, tenant, [], { SAIL_CLIENT_SECRET: '' });
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /pull needs the environment variable SAIL_CLIENT_SECRET/);
    const foreign = await pullIn(folder, tenant, []);
    assert.strictEqual(foreign.code, 2);
    assert.match(foreign.stderr, /--out isc-tenant: the folder holds files but no manifest\.json/);
    assert.deepStrictEqual(tenant.requests, []);
    assert.strictEqual(fs.readFileSync(path.join(folder.root, 'isc-tenant/notes.txt'), 'utf8'), 'mine');
  });

  test('a later pull replaces the files and says what changed', async () => {
    const { folder } = await pulledOnce();
    const sources = tenant.data.sources;
    const saved = [...sources];
    const removed = sources.splice(1, 1)[0]!;
    const newId = 'f'.repeat(32);
    sources.push({ ...saved[0]!, id: newId, name: 'New HR System' });
    tenant.data.schemas[newId] = [];
    tenant.data.schedules[newId] = [];
    const features = sources[0]!['features'];
    sources[0] = {
      ...sources[0]!,
      features: [...(features as string[]).filter((f) => f !== 'PASSWORD'), 'SEARCH'],
    };
    try {
      const run = await pullIn(folder, tenant, []);
      assert.strictEqual(run.code, 0, run.stderr);
      assert.match(
        run.stdout,
        new RegExp(
          'Since the last pull:\\n' +
            '  sources added \\(1\\): New HR System\\n' +
            `  sources removed \\(1\\): ${removed['name'] as string}\\n` +
            '  features of Active Directory: \\+SEARCH -PASSWORD\\n',
        ),
      );
      const manifest = readPulled<{ changes: { sourcesAdded: string[] } }>(folder, 'manifest.json');
      assert.deepStrictEqual(manifest.changes.sourcesAdded, ['New HR System']);
    } finally {
      sources.splice(0, sources.length, ...saved);
    }
  });

  test('--sources limits the sources, their schemas and schedules, and the activities', async () => {
    const folder = new TempFolder();
    const run = await pullIn(folder, tenant, [
      '--sources',
      'Workday',
      'Badge System',
      '--activities',
      '3650d',
    ]);
    assert.strictEqual(run.code, 0, run.stderr);
    const names = readPulled<{ name: string; id: string }[]>(folder, 'sources.json');
    assert.deepStrictEqual(
      names.map((s) => s.name),
      ['Workday', 'Badge System'],
    );
    assert.deepStrictEqual(
      Object.keys(readPulled(folder, 'account-schemas.json')),
      names.map((s) => s.id),
    );
    const ids = new Set(names.map((s) => s.id));
    const activities = readPulled<{ items: { sourceId: string }[] }[]>(folder, 'account-activities.json');
    assert.ok(activities.length > 0);
    assert.ok(activities.every((a) => a.items.some((item) => ids.has(item.sourceId))));
    const unknown = await pullIn(new TempFolder(), tenant, ['--sources', 'Nope']);
    assert.strictEqual(unknown.code, 1);
    assert.match(unknown.stderr, /--sources: the tenant has no source named "Nope"/);
  });
});
