import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IscPlanApi } from '../../../client/src/extension';
import { openSample, waitFor } from './helpers';

function api(): IscPlanApi {
  const extension = vscode.extensions.getExtension<IscPlanApi>('isc-plan.isc-plan');
  assert.ok(extension?.isActive, 'the extension is active');
  return extension.exports;
}

suite('extension host: code lenses and the dry run', () => {
  test('a code lens over the plan shows its account activity, one over each request its channel and delays', async () => {
    const editor = await openSample('plans/jane-joins-finance.plan.yaml');
    const lenses = await waitFor(async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        editor.document.uri,
        100,
      );
      return found.length >= 6 && found.every((l) => l.command) ? found : undefined;
    }, 'code lenses');
    const titles = lenses.map((l) => l.command!.title);
    assert.equal(titles.length, 6);
    assert.match(titles[0]!, /^account activity: COMPLETED ~.* · SUCCESS \d+ %/);
    assert.deepEqual(lenses[0]!.command!.arguments, [editor.document.uri.toString(), 0]);
    assert.match(titles[1]!, /^connector · committed ~\d/);
    assert.match(titles[3]!, /^manual · committed ~/);
    assert.match(titles[4]!, /^ticketing · committed ~/);
    assert.match(titles[5]!, /\+ manual part/);
    assert.deepEqual(lenses[3]!.command!.arguments, [editor.document.uri.toString(), 0, 2]);
  });

  test("the dry-run command opens the view, which receives the plan's model", async () => {
    const editor = await openSample('plans/jane-joins-finance.plan.yaml');
    await vscode.commands.executeCommand('iscPlan.dryRun');
    const model = await waitFor(
      () => api().dryRunModel(editor.document.uri) ?? undefined,
      'the dry-run model',
    );
    assert.equal(model.fileName, 'jane-joins-finance.plan.yaml');
    assert.equal(model.runs, 1000);
    assert.equal(model.seed, 1);
    const plan = model.plans[0]!;
    assert.deepEqual(plan.summary.channels, { connector: 3, manual: 1, ticketing: 1, none: 0, unknown: 0 });
    assert.deepEqual(
      plan.simulation.requests.map((r) => r.channel),
      ['connector', 'connector', 'manual', 'ticketing', 'connector'],
    );
    assert.ok(plan.simulation.events.some((e) => e.words.provisioningStatus === 'COMMITED'));
    const tab = await waitFor(
      () =>
        vscode.window.tabGroups.all
          .flatMap((g) => g.tabs)
          .find((t) => t.input instanceof vscode.TabInputWebview),
      'the dry-run tab',
    );
    assert.equal(tab.label, 'Dry run: jane-joins-finance.plan.yaml');
  });

  test('a code lens opens the view at its request', async () => {
    const editor = await openSample('plans/leaver-disable.plan.yaml');
    await vscode.commands.executeCommand('iscPlan.dryRun', editor.document.uri.toString(), 0, 3);
    const model = await waitFor(
      () => api().dryRunModel(editor.document.uri) ?? undefined,
      'the dry-run model',
    );
    assert.equal(model.plans[0]!.simulation.requests[3]!.channel, 'manual');
  });
});
