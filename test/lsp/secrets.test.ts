import * as assert from 'node:assert/strict';
import * as path from 'path';
import type { Hover } from 'vscode-languageserver-protocol';
import { DryRunReportRequest, DryRunRequest } from '../../shared/dryRun';
import { CATALOG } from '../unit/helpers';
import { LspTestClient } from './lspClient';
import { makeWorkspace, removeWorkspace } from './workspace';

const PASSWORD = 'Winter-Kennwort-7731';

const PLAN = `kind: ProvisioningPlan
identity: { name: jane.doe }
accountRequests:
  - source: Active Directory
    operation: Modify
    nativeIdentity: CN=Jane
    attributeRequests:
      - { name: password, operation: Set, value: ${PASSWORD} }
`;

/**
 * The editor's outputs never show a password as written (docs/rules.md#plaintext-secret): the
 * diagnostics, the hover, the dry-run view's model and the report the view exports.
 */
suite('language server over stdio: a password is shown as ********', () => {
  let client: LspTestClient;
  let root: string;
  let uri: string;

  suiteSetup(async () => {
    root = makeWorkspace({ 'acme.sources.yaml': CATALOG });
    client = new LspTestClient();
    client.configuration = { simulation: { runs: 50, seed: 1 } };
    await client.initialize(root);
    uri = await client.open(path.join(root, 'p.plan.yaml'), PLAN);
  });

  suiteTeardown(async () => {
    await client.shutdown();
    removeWorkspace(root);
  });

  test('the diagnostic is plaintext-secret on the value and does not repeat it', async () => {
    const published = await client.waitFor((p) => p.uri === uri);
    const secret = published.diagnostics.filter((d) => d.code === 'plaintext-secret');
    assert.deepEqual(
      secret.map((d) => d.range),
      [{ start: { line: 7, character: 49 }, end: { line: 7, character: 69 } }],
    );
    assert.doesNotMatch(JSON.stringify(published.diagnostics), /Kennwort/);
  });

  test('the hover on the value shows ********', async () => {
    const hover = await client.connection.sendRequest<Hover>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 7, character: 52 },
    });
    const markdown = JSON.stringify(hover.contents);
    assert.match(markdown, /\*{8}/);
    assert.doesNotMatch(markdown, /Kennwort/);
  });

  test("the dry-run view's model carries ******** in the trigger payload", async () => {
    const model = await client.connection.sendRequest(DryRunRequest.type, {
      uri,
      runs: 50,
      seed: 1,
      scenarios: [],
    });
    const payload = model!.plans[0]!.simulation.trigger.payload;
    assert.deepEqual(payload.accountRequests[0]!.attributeRequests, [
      { attributeName: 'password', attributeValue: '********', operation: 'Set' },
    ]);
    assert.doesNotMatch(JSON.stringify(model), /Kennwort/);
  });

  for (const format of ['json', 'markdown'] as const) {
    test(`the exported ${format} report does not print the password`, async () => {
      const report = await client.connection.sendRequest(DryRunReportRequest.type, {
        uri,
        runs: 50,
        seed: 1,
        scenarios: [],
        format,
      });
      assert.ok(report && report.length > 200, 'a report was exported');
      assert.doesNotMatch(report, /Kennwort/);
      if (format === 'json') assert.match(report, /"attributeValue": "\*{8}"/);
    });
  }
});
