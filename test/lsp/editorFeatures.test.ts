import * as assert from 'node:assert/strict';
import * as path from 'path';
import type { CodeAction, CodeLens, Hover } from 'vscode-languageserver-protocol';
import type { DryRunModel } from '../../shared/dryRun';
import { DryRunRequest } from '../../shared/dryRun';
import { milestoneText } from '../../shared/format';
import { DRY_RUN_VIEW_COMMAND } from '../../shared/protocol';
import { CATALOG } from '../unit/helpers';
import { LspTestClient } from './lspClient';
import { makeWorkspace, removeWorkspace } from './workspace';

const PLAN = `kind: ProvisioningPlan
identity: { name: jane.doe }
accountRequests:
  - source: Active Directory
    operation: Modify
    nativeIdentity: CN=Jane
    attributeRequests:
      - { name: department, operation: Add, value: Finance }
  - source: Payroll
    operation: Create
  - source: HR Portal
    operation: Modfy
    nativeIdentity: jane
`;

function at(text: string, needle: string, shift = 0): { line: number; character: number } {
  const index = text.indexOf(needle) + shift;
  const before = text.slice(0, index);
  return { line: before.split('\n').length - 1, character: index - before.lastIndexOf('\n') - 1 };
}

suite('language server over stdio: hover, code lens, quick fixes', () => {
  let client: LspTestClient;
  let root: string;
  let uri: string;

  suiteSetup(async () => {
    root = makeWorkspace({ 'acme.sources.yaml': CATALOG });
    client = new LspTestClient();
    client.configuration = { simulation: { runs: 200, seed: 1, submittedAt: '2026-11-25T09:00:00Z' } };
    // As the VS Code client: its code lenses open the dry-run view.
    await client.initialize(root, {}, { clientCommands: [DRY_RUN_VIEW_COMMAND] });
    uri = await client.open(path.join(root, 'jane.plan.yaml'), PLAN);
    await client.waitFor((p) => p.uri === uri);
  });

  suiteTeardown(async () => {
    await client.shutdown();
    removeWorkspace(root);
  });

  test("hover on a request's source shows the source and its prediction", async () => {
    const hover = await client.connection.sendRequest<Hover>('textDocument/hover', {
      textDocument: { uri },
      position: at(PLAN, 'Payroll', 2),
    });
    const value = (hover.contents as { kind: string; value: string }).value;
    assert.equal((hover.contents as { kind: string }).kind, 'markdown');
    assert.deepEqual(hover.range, { start: at(PLAN, 'Payroll'), end: at(PLAN, 'Payroll', 7) });
    const [source, prediction] = value.split('\n\n---\n\n');
    assert.equal(
      source,
      '**Payroll** · connectionType `file`  \nFeatures: `DIRECT_PERMISSIONS`  \nOwner: payroll.admin  \nAggregation: _not given: a flat-file source is aggregated when someone uploads a file (verified at the next file upload, which ISC does not schedule)_  \n_From acme.sources.yaml_',
    );
    assert.equal(
      prediction!.split('\n\n_Assumed:_')[0],
      '**Channel: manual work item** → payroll.admin\n\n- Payroll is a flat-file source (connectionType file): ISC does not provision it through a connector, whatever its features say, so ISC creates a manual work item for its owner payroll.admin.\n\n| started | committed | verified |\n| --- | --- | --- |\n| ~1 s | ~1 d (p90 13 d) | — |\n\n_Verified_: the end of the first aggregation after the change; until then ISC shows the item COMMITED ("Committed"). That this aggregation is what verifies, and that the connector\'s answer does not already update the account in ISC, is the model\'s assumption.\n\nOutcomes: success 99 % · drift 2 %',
    );
    assert.match(
      prediction!,
      /_Assumed:_\n- No completion time for manual tasks of Payroll: assumed 8 business hours typically, 72 business hours at the 90th percentile/,
    );
  });

  test('code lenses over each plan (its account activity) and each request', async () => {
    const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', {
      textDocument: { uri },
    });
    assert.deepEqual(
      lenses.map((l) => [
        l.range.start.line,
        l.command?.title,
        l.command?.command,
        l.command?.arguments?.slice(1),
      ]),
      [
        [0, 'account activity: COMPLETED in under 1 % of runs · PENDING 100 %', 'iscPlan.dryRun', [0]],
        [3, 'connector · committed ~51 s (p90 7 min) · verified ~3.3 h', 'iscPlan.dryRun', [0, 0]],
        [8, 'manual · committed ~1 d (p90 13 d)', 'iscPlan.dryRun', [0, 1]],
        [
          10,
          'ticketing · committed ~4.5 h (p90 1.1 d) · verified ~16 h (p90 1.7 d)',
          'iscPlan.dryRun',
          [0, 2],
        ],
      ],
    );
    assert.ok(lenses.every((l) => l.command?.arguments?.[0] === uri));
  });

  test('the dry run submits when the editor does (the setting) and agrees with the code lens', async () => {
    const model = await client.connection.sendRequest<DryRunModel>(DryRunRequest.method, {
      uri,
      runs: 200,
      seed: 1,
      scenarios: [],
    });
    assert.equal(model.at, '2026-11-25T09:00:00.000Z');
    const payroll = model.plans[0]!.simulation.requests[1]!;
    assert.equal(payroll.channel, 'manual');
    assert.equal(
      `committed ${milestoneText(payroll.milestones.committed)} · verified ${milestoneText(payroll.milestones.verified)}`,
      'committed ~1 d (p90 13 d) · verified —',
    );
  });

  test('quick fixes repair what they say, exactly', async () => {
    const diagnostics = client.latest(uri)!.diagnostics;
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0]!.range,
      context: { diagnostics },
    });
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred, a.edit?.changes?.[uri]]),
      [
        [
          'Change Add to Set',
          'quickfix',
          true,
          [{ range: { start: at(PLAN, 'Add'), end: at(PLAN, 'Add', 3) }, newText: 'Set' }],
        ],
        [
          'Change to "Modify"',
          'quickfix',
          true,
          [{ range: { start: at(PLAN, 'Modfy'), end: at(PLAN, 'Modfy', 5) }, newText: 'Modify' }],
        ],
      ],
    );
  });
});
