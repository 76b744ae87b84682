import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverText, openSample, positionOf, waitFor } from './helpers';

suite('extension host: hover and quick fixes', () => {
  test("hovering a request's source shows its channel and why", async () => {
    const editor = await openSample('plans/jane-joins-finance.plan.yaml');
    const position = positionOf(editor.document, 'source: Payroll', 'source: '.length + 2);
    const text = await waitFor(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        editor.document.uri,
        position,
      );
      const value = hoverText(hovers);
      return value.includes('Channel') ? value : undefined;
    }, 'a hover on the Payroll source');
    assert.match(text, /\*\*Channel: manual work item\*\* → payroll\.admin/);
    assert.match(text, /Payroll is a flat-file source \(connectionType file\): ISC does not provision it/);
  });

  test('hovering an operation value explains it with the std command', async () => {
    const editor = await openSample('plans/jane-joins-finance.plan.yaml');
    const position = positionOf(editor.document, 'operation: Add', 'operation: '.length + 1);
    const text = await waitFor(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        editor.document.uri,
        position,
      );
      const value = hoverText(hovers);
      return value.length > 0 ? value : undefined;
    }, 'a hover on Add');
    assert.match(text, /`Add`/);
  });

  test('the enum typo quick fix changes Modfy to Modify', async () => {
    const editor = await openSample('mistakes/unknown-names.plan.yaml');
    const document = editor.document;
    const typo = await waitFor(
      () => vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'schema'),
      'the Modfy diagnostic',
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      typo.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === 'Change to "Modify"');
    assert.ok(fix?.edit, `quick fixes: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.lineAt(typo.range.start.line).text.trim(), 'operation: Modify');
    await waitFor(
      () =>
        vscode.languages.getDiagnostics(document.uri).some((d) => d.code === 'schema') ? undefined : true,
      'the schema diagnostic to go away',
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});

suite('extension host: completion', () => {
  test('after "operation: " the seven operations are offered, in ISC order', async () => {
    const editor = await openSample('plans/jane-joins-finance.plan.yaml');
    const document = editor.document;
    const line = positionOf(document, 'operation: Create').line;
    const position = new vscode.Position(line, document.lineAt(line).text.indexOf('Create'));
    const list = await waitFor(async () => {
      const items = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        document.uri,
        position,
      );
      return items.items.length > 0 ? items : undefined;
    }, 'completion items');
    const labels = list.items
      .filter((i) => i.kind !== vscode.CompletionItemKind.Snippet)
      .sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''))
      .map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.deepEqual(labels, ['Create', 'Modify', 'Delete', 'Enable', 'Disable', 'Lock', 'Unlock']);
  });

  test('after "source: " the catalog\'s sources are offered', async () => {
    const editor = await openSample('plans/jane-joins-finance.plan.yaml');
    const document = editor.document;
    const line = positionOf(document, 'source: Payroll').line;
    const position = new vscode.Position(line, document.lineAt(line).text.indexOf('Payroll'));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      position,
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const source of ['Active Directory', 'Workday', 'Payroll', 'Finance File Share', 'HR Portal']) {
      assert.ok(labels.includes(source), `${source} in ${labels.join(', ')}`);
    }
  });
});
