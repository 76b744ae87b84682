import * as assert from 'node:assert/strict';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { CATALOG } from '../unit/helpers';
import { LspTestClient } from './lspClient';
import { makeWorkspace, removeWorkspace, writeFile } from './workspace';

const PLAN = `kind: ProvisioningPlan
identity: { name: jane.doe }
accountRequests:
  - source: Active Directory
    operation: Modify
    nativeIdentity: CN=Jane
  - source: Payroll
    operation: Create
`;

const codes = (p: { diagnostics: { code?: string | number }[] }): string[] =>
  p.diagnostics.map((d) => String(d.code)).sort();

suite('language server over stdio: diagnostics', () => {
  let client: LspTestClient;
  let root: string;

  setup(async () => {
    root = makeWorkspace({
      'tenant/acme.sources.yaml': CATALOG,
      'tenant/jane.plan.yaml': PLAN,
      'notes.yaml': 'a: [',
    });
    client = new LspTestClient();
    await client.initialize(root);
  });

  teardown(async () => {
    await client.shutdown();
    removeWorkspace(root);
  });

  test('a plan opened with language id yaml, or none, gets its diagnostics; other YAML files none', async () => {
    const uri = await client.open(path.join(root, 'tenant/jane.plan.yaml'), PLAN, 'yaml');
    const other = await client.open(path.join(root, 'tenant/copy.plan.yaml'), PLAN, '');
    const notes = await client.open(path.join(root, 'notes.yaml'), 'a: [', 'yaml');
    const first = await client.waitFor((p) => p.uri === uri);
    assert.deepEqual(codes(first), ['routed-to-manual']);
    assert.equal(first.version, 1);
    assert.deepEqual(first.diagnostics[0]!.range, {
      start: { line: 7, character: 15 },
      end: { line: 7, character: 21 },
    });
    assert.equal(first.diagnostics[0]!.source, 'isc-plan');
    assert.deepEqual(codes(await client.waitFor((p) => p.uri === other)), ['routed-to-manual']);
    await client.open(path.join(root, 'tenant/last.plan.yaml'), PLAN, 'yaml');
    await client.waitFor((p) => p.uri.endsWith('last.plan.yaml'));
    assert.equal(client.published.filter((p) => p.uri === notes).length, 0);
  });

  test('edits publish the diagnostics of the new version; closing clears them', async () => {
    const uri = await client.open(path.join(root, 'tenant/jane.plan.yaml'), PLAN);
    await client.waitFor((p) => p.uri === uri && p.version === 1);
    await client.change(uri, 2, [
      {
        range: { start: { line: 3, character: 12 }, end: { line: 3, character: 28 } },
        text: 'Active Directroy',
      },
    ]);
    const second = await client.waitFor((p) => p.uri === uri && p.version === 2);
    assert.deepEqual(codes(second), ['routed-to-manual', 'unknown-source']);
    await client.close(uri);
    const cleared = await client.waitFor((p) => p.uri === uri && p.version === undefined);
    assert.deepEqual(cleared.diagnostics, []);
  });

  test('editing an open catalog re-validates the plans that use it', async () => {
    const plan = await client.open(path.join(root, 'tenant/jane.plan.yaml'), PLAN);
    await client.waitFor((p) => p.uri === plan);
    const catalogUri = await client.open(path.join(root, 'tenant/acme.sources.yaml'), CATALOG);
    await client.waitFor((p) => p.uri === catalogUri);
    const before = client.published.length;
    const renamed = CATALOG.replace('name: Payroll', 'name: Payroll Files');
    await client.change(catalogUri, 2, [{ text: renamed }]);
    // Opening the catalog re-checks the plan too; wait for the check that sees the renamed source.
    const after = await client.waitFor(
      (p) => p.uri === plan && client.published.indexOf(p) >= before && codes(p).includes('unknown-source'),
    );
    assert.deepEqual(codes(after), ['unknown-source']);
  });

  test('closing a catalog with unsaved changes: the plans that use it read the catalog on disk again', async () => {
    const plan = await client.open(path.join(root, 'tenant/jane.plan.yaml'), PLAN);
    await client.waitFor((p) => p.uri === plan);
    const catalogUri = await client.open(path.join(root, 'tenant/acme.sources.yaml'), CATALOG);
    await client.change(catalogUri, 2, [{ text: CATALOG.replace('name: Payroll', 'name: Payroll Files') }]);
    await client.waitFor((p) => p.uri === plan && codes(p).includes('unknown-source'));
    const before = client.published.length;
    await client.close(catalogUri);
    const after = await client.waitFor((p) => p.uri === plan && client.published.indexOf(p) >= before);
    assert.deepEqual(codes(after), ['routed-to-manual']);
  });

  test('closing a catalog that holds what the disk holds re-checks nothing', async () => {
    const plan = await client.open(path.join(root, 'tenant/jane.plan.yaml'), PLAN);
    const catalogUri = await client.open(path.join(root, 'tenant/acme.sources.yaml'), CATALOG);
    await client.waitFor((p) => p.uri === catalogUri);
    // Opening the catalog re-checks the plan; let that settle first.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = client.published.length;
    await client.close(catalogUri);
    await client.waitFor((p) => p.uri === catalogUri && client.published.indexOf(p) >= before);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(
      client.published.slice(before).map((p) => p.uri),
      [catalogUri],
      'only the cleared diagnostics of the closed catalog',
    );
    assert.deepEqual(codes(client.latest(plan)!), ['routed-to-manual']);
  });

  test('a catalog changed on disk re-validates the open plans that use it', async () => {
    const plan = await client.open(path.join(root, 'tenant/jane.plan.yaml'), PLAN);
    assert.deepEqual(codes(await client.waitFor((p) => p.uri === plan)), ['routed-to-manual']);
    const before = client.published.length;
    const file = writeFile(
      root,
      'tenant/acme.sources.yaml',
      CATALOG.replace(
        'connectionType: file\n    features: [DIRECT_PERMISSIONS]',
        'connectionType: direct\n    features: [PROVISIONING]',
      ),
    );
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: URI.file(file).toString(), type: 2 }],
    });
    const after = await client.waitFor(
      (p) => p.uri === plan && client.published.indexOf(p) >= before && codes(p).length === 0,
    );
    assert.deepEqual(codes(after), []);
  });

  test('a settings change (iscPlan.catalogs) re-validates with the new catalogs', async () => {
    const lonely = writeFile(root, 'elsewhere/lonely.plan.yaml', PLAN);
    const uri = await client.open(lonely, PLAN);
    assert.deepEqual(codes(await client.waitFor((p) => p.uri === uri)), ['no-catalog']);
    client.configuration = { catalogs: ['tenant/acme.sources.yaml'] };
    const before = client.published.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const after = await client.waitFor(
      (p) => p.uri === uri && client.published.indexOf(p) >= before && !codes(p).includes('no-catalog'),
    );
    assert.deepEqual(codes(after), ['routed-to-manual']);
  });

  test('.isc-plan.yaml severities apply, and a bad entry is reported in that file', async () => {
    writeFile(root, '.isc-plan.yaml', 'rules:\n  routed-to-manual: off\n  no-such-rule: warning\n');
    const uri = await client.open(path.join(root, 'tenant/jane.plan.yaml'), PLAN);
    assert.deepEqual(codes(await client.waitFor((p) => p.uri === uri)), []);
    const config = await client.open(
      path.join(root, '.isc-plan.yaml'),
      'rules:\n  routed-to-manual: off\n  no-such-rule: warning\n',
      'yaml',
    );
    const published = await client.waitFor((p) => p.uri === config);
    assert.deepEqual(codes(published), ['schema']);
    assert.deepEqual(published.diagnostics[0]!.range.start, { line: 2, character: 2 });
  });
});
