import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DryRunRequest } from '../../shared/dryRun';
import { CATALOG } from '../unit/helpers';
import { LspTestClient } from './lspClient';
import { makeWorkspace, removeWorkspace } from './workspace';

function plan(requests: number): string {
  let text = 'kind: ProvisioningPlan\nidentity: { name: jane.doe }\naccountRequests:\n';
  for (let i = 0; i < requests; i++) {
    text += `  - source: ${i % 3 === 0 ? 'Payroll' : 'Active Directory'}\n    operation: Modify\n    nativeIdentity: CN=User ${i}\n`;
  }
  return text;
}

const HOSTILE: Record<string, string> = {
  'alias-bomb.plan.yaml': [
    'a: &a ["x","x","x","x","x","x","x","x","x"]',
    ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`),
    'kind: ProvisioningPlan',
  ].join('\n'),
  'self-alias.plan.yaml': 'kind: ProvisioningPlan\naccountRequests: &a [1, *a]\n',
  'missing-alias.plan.yaml': 'kind: ProvisioningPlan\naccountRequests: *nope\n',
  'deep-flow.plan.yaml': `kind: ProvisioningPlan\nx: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
  'deep-map.plan.yaml': `kind: ProvisioningPlan\nx: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`,
  'deep-block-seq.plan.yaml': `kind: ProvisioningPlan\nx:\n${'- '.repeat(10_000)}x\n`,
  'deep-tagged.plan.yaml': `kind: ProvisioningPlan\nx: !t ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
  'deep-commented.plan.json': `/**/${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
  'documents.plan.yaml': `kind: ProvisioningPlan\n${'---\n'.repeat(200_000)}`,
  'deep-block-map.plan.yaml': Array.from({ length: 1_000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'),
  'huge.plan.yaml': `kind: ProvisioningPlan\ncomments: "${'x'.repeat(5 * 1024 * 1024)}"\n`,
  'binary.plan.yaml': 'kind: ProvisioningPlan\n\u0000\u0001\u0002garbage\n',
};

suite('language server over stdio: robustness', () => {
  let client: LspTestClient;
  let root: string;

  setup(async () => {
    root = makeWorkspace({ 'acme.sources.yaml': CATALOG });
    client = new LspTestClient();
    await client.initialize(root);
  });

  teardown(async () => {
    await client.shutdown();
    removeWorkspace(root);
  });

  test('200 changes in a burst publish the last version, and no older one after it', async () => {
    const text = plan(50);
    const uri = await client.open(path.join(root, 'burst.plan.yaml'), text);
    await client.waitFor((p) => p.uri === uri && p.version === 1);
    let current = text;
    for (let version = 2; version <= 201; version++) {
      // Alternate between breaking and fixing request 10's source, typing one character at a time.
      const offset = current.indexOf('CN=User 10\n') + 'CN=User 10'.length;
      const line = current.slice(0, offset).split('\n').length - 1;
      const character = offset - current.lastIndexOf('\n', offset - 1) - 1;
      current = current.slice(0, offset) + 'x' + current.slice(offset);
      void client.change(uri, version, [
        { range: { start: { line, character }, end: { line, character } }, text: 'x' },
      ]);
    }
    const last = await client.waitFor((p) => p.uri === uri && p.version === 201, 20_000);
    const index = client.published.indexOf(last);
    const later = client.published.slice(index + 1).filter((p) => p.uri === uri);
    assert.deepEqual(later, []);
    const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
    assert.deepEqual(
      [...versions].sort((a, b) => a - b),
      versions,
      'versions are published in order',
    );
    assert.ok(versions.length < 100, `a burst is folded into few validations (got ${versions.length})`);
  });

  test('incremental re-checking gives what a fresh open gives', async () => {
    const text = plan(30);
    const uri = await client.open(path.join(root, 'edited.plan.yaml'), text);
    await client.waitFor((p) => p.uri === uri && p.version === 1);
    const edits = [
      { find: 'source: Payroll', replace: 'source: Payrol' },
      { find: '    nativeIdentity: CN=User 4\n', replace: '' },
      {
        find: 'operation: Modify\n    nativeIdentity: CN=User 7',
        replace: 'operation: Lock\n    nativeIdentity: CN=User 7',
      },
    ];
    let current = text;
    let version = 1;
    for (const edit of edits) {
      const start = current.indexOf(edit.find);
      const before = current.slice(0, start);
      const startPos = {
        line: before.split('\n').length - 1,
        character: start - before.lastIndexOf('\n') - 1,
      };
      const endText = current.slice(0, start + edit.find.length);
      const endPos = {
        line: endText.split('\n').length - 1,
        character: start + edit.find.length - endText.lastIndexOf('\n') - 1,
      };
      current = before + edit.replace + current.slice(start + edit.find.length);
      await client.change(uri, ++version, [{ range: { start: startPos, end: endPos }, text: edit.replace }]);
    }
    const incremental = await client.waitFor((p) => p.uri === uri && p.version === version);
    const fresh = await client.open(path.join(root, 'fresh.plan.yaml'), current);
    const full = await client.waitFor((p) => p.uri === fresh);
    assert.deepEqual(incremental.diagnostics, full.diagnostics);
    assert.ok(incremental.diagnostics.some((d) => d.code === 'unknown-source'));
    assert.ok(incremental.diagnostics.some((d) => d.code === 'missing-native-identity'));
    assert.ok(incremental.diagnostics.some((d) => d.code === 'lock-not-automatable'));
  });

  for (const [name, text] of Object.entries(HOSTILE)) {
    test(`survives ${name} with a diagnostic and keeps answering`, async () => {
      const uri = await client.open(path.join(root, name), text);
      const published = await client.waitFor((p) => p.uri === uri, 30_000);
      assert.ok(published.diagnostics.length > 0, 'the hostile file gets a diagnostic');
      assert.ok(
        published.diagnostics.every((d) => d.range.start.line === d.range.end.line),
        'diagnostics stay on one line',
      );
      const after = await client.open(path.join(root, 'after.plan.yaml'), plan(2));
      const next = await client.waitFor((p) => p.uri === after, 30_000);
      assert.deepEqual(
        next.diagnostics.map((d) => d.code),
        ['routed-to-manual'],
      );
      assert.ok(client.alive);
    });
  }
});

suite('language server over stdio: files a path names (docs/formats.md#limits)', () => {
  let client: LspTestClient;
  let root: string;
  let outside: string;

  setup(() => {
    root = makeWorkspace({ 'acme.sources.yaml': CATALOG });
    outside = makeWorkspace({ 'secret.sources.yaml': CATALOG });
    client = new LspTestClient();
  });

  teardown(async () => {
    await client.shutdown();
    removeWorkspace(root);
    removeWorkspace(outside);
  });

  const planNaming = (catalog: string): string =>
    `kind: ProvisioningPlan\ncatalog: ${catalog}\nidentity: { name: jane.doe }\naccountRequests:\n  - source: Payroll\n    operation: Modify\n    nativeIdentity: "1"\n`;

  test('a named pipe as a catalog is refused as not a regular file, and the server keeps answering', async function () {
    if (process.platform === 'win32') this.skip();
    assert.equal(spawnSync('mkfifo', [path.join(root, 'pipe.sources.yaml')]).status, 0);
    await client.initialize(root);
    const uri = await client.open(path.join(root, 'p.plan.yaml'), planNaming('pipe.sources.yaml'));
    const published = await client.waitFor((p) => p.uri === uri, 10_000);
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, (d.message as string).split(' The path')[0]]),
      [
        [
          'catalog-unreadable',
          'pipe.sources.yaml: the file cannot be read: is not a regular file (a named pipe).',
        ],
      ],
    );
  });

  test('Restricted Mode: a symbolic link in the workspace to a catalog outside it is not read', async () => {
    fs.symlinkSync(path.join(outside, 'secret.sources.yaml'), path.join(root, 'link.sources.yaml'));
    await client.initialize(root, {}, { trusted: false });
    const linked = await client.open(path.join(root, 'linked.plan.yaml'), planNaming('link.sources.yaml'));
    const inside = await client.open(path.join(root, 'inside.plan.yaml'), planNaming('acme.sources.yaml'));
    const [fromLink, fromInside] = [
      await client.waitFor((p) => p.uri === linked, 10_000),
      await client.waitFor((p) => p.uri === inside, 10_000),
    ];
    assert.deepEqual(
      fromLink.diagnostics.map((d) => [d.code, (d.message as string).split(' The path')[0]]),
      [
        [
          'catalog-unreadable',
          'link.sources.yaml: the file cannot be read: outside the workspace folders, which an untrusted workspace does not read.',
        ],
      ],
    );
    assert.deepEqual(
      fromInside.diagnostics.map((d) => d.code),
      ['routed-to-manual'],
      'a catalog inside the workspace is still read',
    );
  });
});

suite("language server over stdio: a client's numbers are checked", () => {
  let client: LspTestClient;
  let root: string;

  suiteSetup(async () => {
    root = makeWorkspace({ 'acme.sources.yaml': CATALOG });
    client = new LspTestClient();
    await client.initialize(root);
  });

  suiteTeardown(async () => {
    await client.shutdown();
    removeWorkspace(root);
  });

  const refused: [string, Record<string, unknown>, string][] = [
    ['runs "x"', { runs: 'x' }, 'runs must be a whole number from 1 to 100000'],
    ['runs 1e9', { runs: 1e9 }, 'runs must be a whole number from 1 to 100000'],
    ['seed 1.5', { seed: 1.5 }, 'seed must be a whole number from 0 to 2147483647'],
    ['moment 3e9', { moment: 3e9 }, 'moment must be a number of hours from 0 to 8760'],
    ['scenarios not a list', { scenarios: 'outage:AD:1' }, 'scenarios must be a list of at most 8 texts'],
  ];
  for (const [name, change, message] of refused) {
    test(`a dry run with ${name} is refused with InvalidParams naming the range`, async () => {
      const uri = await client.open(path.join(root, 'n.plan.yaml'), plan(2));
      const params = { uri, runs: 10, seed: 1, scenarios: [], ...change };
      await assert.rejects(
        client.connection.sendRequest(DryRunRequest.method, params),
        (error: { code: number; message: string }) =>
          error.code === -32602 && error.message.startsWith(`Invalid dry-run parameters: ${message}`),
      );
      const model = await client.connection.sendRequest(DryRunRequest.type, {
        uri,
        runs: 10,
        seed: 1,
        scenarios: [],
      });
      assert.equal(model?.runs, 10, 'the next dry run is answered');
    });
  }
});
