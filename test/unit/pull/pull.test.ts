import * as assert from 'assert';
import * as path from 'path';
import type { StandInTenant } from '../../harness/standInTenant';
import { startStandInTenant } from '../../harness/standInTenant';
import { filesUnder, pullIn, readPulled, TempFolder } from './pullHelpers';

type Record_ = Record<string, unknown>;

suite('isc-plan pull against the stand-in tenant', function () {
  this.timeout(120_000);
  let tenant: StandInTenant;

  suiteSetup(async () => {
    tenant = await startStandInTenant();
  });
  suiteTeardown(async () => {
    await tenant.close();
  });
  setup(() => {
    tenant.requests.length = 0;
    tenant.invalidAnswers.length = 0;
    tenant.faults = {};
  });

  test('writes the tenant in its own shapes, with a manifest, through GETs and the token request only', async () => {
    const folder = new TempFolder();
    const run = await pullIn(folder, tenant, ['--activities', '3650d']);
    assert.strictEqual(run.code, 0, run.stderr);
    const sources = readPulled<Record_[]>(folder, 'sources.json');
    assert.deepStrictEqual(
      sources.map((s) => s['name']),
      tenant.data.sources.map((s) => s['name']),
    );
    assert.deepStrictEqual(sources[0]!['owner'], tenant.data.sources[0]!['owner']);
    assert.deepStrictEqual(
      readPulled<Record_[]>(folder, 'service-desk-integrations.json').map((s) => s['name']),
      ['ServiceNow Tickets', 'Jira Service Desk'],
    );
    assert.deepStrictEqual(readPulled(folder, 'status-check-configuration.json'), tenant.data.statusCheck);
    assert.deepStrictEqual(readPulled(folder, 'account-schemas.json'), tenant.data.schemas);
    assert.deepStrictEqual(readPulled(folder, 'aggregation-schedules.json'), tenant.data.schedules);
    const activities = readPulled<Record_[]>(folder, 'account-activities.json');
    assert.strictEqual(activities.length, 3000, 'paged to the end (12 pages of 250)');
    assert.deepStrictEqual(activities[2999], tenant.data.accountActivities[2999]);
    const manifest = readPulled<Record_>(folder, 'manifest.json');
    assert.strictEqual(manifest['tenant'], new URL(tenant.url).host);
    assert.deepStrictEqual(manifest['apiVersions'], ['v2024', 'v3']);
    assert.deepStrictEqual(manifest['counts'], {
      sources: 36,
      serviceDeskIntegrations: 2,
      accountSchemas: 36,
      aggregationSchedules: 35,
      accountActivities: 3000,
    });
    const methods = new Set(
      tenant.requests.map((r) => (r.method === 'GET' ? 'GET' : `${r.method} ${r.path}`)),
    );
    assert.deepStrictEqual([...methods].sort(), ['GET', 'POST /oauth/token']);
    assert.deepStrictEqual(tenant.invalidAnswers, [], 'every answer matches SailPoint’s schemas');
    assert.match(
      run.stdout,
      /^Pulled 127\.0\.0\.1:\d+ into isc-tenant\/: 36 sources, 2 service desk integrations/,
    );
    assert.match(run.stdout, /catalog:\n {4}- isc-tenant\/sources\.json\n/);
  });

  test('no secret reaches a file, stdout or stderr', async () => {
    const folder = new TempFolder();
    const run = await pullIn(folder, tenant, ['--activities', '3650d']);
    assert.strictEqual(run.code, 0, run.stderr);
    const texts = {
      ...filesUnder(path.join(folder.root, 'isc-tenant')),
      stdout: run.stdout,
      stderr: run.stderr,
    };
    assert.ok(tenant.data.secrets.length > 50);
    for (const [name, text] of Object.entries(texts)) {
      for (const secret of [...tenant.data.secrets, tenant.clientSecret]) {
        assert.ok(!text.includes(secret), `${name} holds a secret`);
      }
    }
    const ad = readPulled<Record_[]>(folder, 'sources.json')[0]!['connectorAttributes'] as Record_;
    assert.deepStrictEqual(Object.keys(ad).sort(), [
      'domainSettings',
      'host',
      'provisioningMaxRetries',
      'provisioningRetryThreshold',
      'retryableErrors',
      'user',
    ]);
    assert.deepStrictEqual(ad['domainSettings'], [{ domain: 'acme.example' }]);
    const dropped = readPulled<Record_>(folder, 'manifest.json')['droppedAsSecret'] as string[];
    assert.ok(
      dropped.includes('Active Directory: connectorAttributes.password'),
      dropped.slice(0, 5).join('\n'),
    );
    assert.ok(dropped.includes('ServiceNow Tickets: attributes.password'));
  });
});
