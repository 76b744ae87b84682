import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticKeys, openSample, sampleUri, waitFor } from './helpers';

suite('extension host: activation and diagnostics', () => {
  test('a plan file opens in the plan language and activates the extension', async () => {
    const editor = await openSample('plans/jane-joins-finance.plan.yaml');
    assert.equal(editor.document.languageId, 'isc-plan-yaml');
    const extension = vscode.extensions.getExtension('isc-plan.isc-plan');
    assert.ok(extension, 'the extension is installed');
    await waitFor(() => (extension.isActive ? true : undefined), 'activation');
  });

  test('the mistakes sample shows each rule at its exact range', async () => {
    const editor = await openSample('mistakes/unknown-names.plan.yaml');
    const keys = await waitFor(() => {
      const found = diagnosticKeys(editor.document.uri);
      return found.length >= 5 ? found : undefined;
    }, 'diagnostics of unknown-names.plan.yaml');
    assert.deepEqual(keys, [
      'schema@27:15-27:20',
      'unknown-attribute@50:16-50:26',
      'unknown-integration@39:19-39:33',
      'unknown-source@18:12-18:28',
      'unknown-source@55:12-55:26',
    ]);
    const typo = vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.code === 'schema');
    assert.equal(typo?.severity, vscode.DiagnosticSeverity.Error);
    assert.match(typo?.message ?? '', /Did you mean "Modify"\?/);
  });

  test('a JSON plan is checked too', async () => {
    const editor = await openSample('plans/contractor-onboarding.plan.json');
    assert.equal(editor.document.languageId, 'isc-plan-json');
    const keys = await waitFor(() => {
      const found = diagnosticKeys(editor.document.uri);
      return found.length > 0 ? found : undefined;
    }, 'diagnostics of the JSON plan');
    assert.ok(
      keys.every((k) => k.startsWith('routed-to-manual@')),
      keys.join(', '),
    );
  });

  test('editing a catalog re-validates an open plan that uses it', async () => {
    const plan = await openSample('plans/jane-joins-finance.plan.yaml');
    await waitFor(
      () =>
        diagnosticKeys(plan.document.uri).some((k) => k.startsWith('routed-to-manual@')) ? true : undefined,
      "the plan's diagnostics",
    );
    const catalog = await vscode.workspace.openTextDocument(sampleUri('tenant/acme.sources.yaml'));
    const text = catalog.getText();
    const at = text.indexOf('- name: Payroll') + '- name: '.length;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      catalog.uri,
      new vscode.Range(catalog.positionAt(at), catalog.positionAt(at + 'Payroll'.length)),
      'Payroll Export',
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    const keys = await waitFor(() => {
      const found = diagnosticKeys(plan.document.uri);
      return found.some((k) => k.startsWith('unknown-source@')) ? found : undefined;
    }, 'unknown-source after renaming Payroll in the catalog');
    assert.ok(keys.some((k) => k.startsWith('unknown-source@')));
    const undo = new vscode.WorkspaceEdit();
    undo.replace(
      catalog.uri,
      new vscode.Range(catalog.positionAt(at), catalog.positionAt(at + 'Payroll Export'.length)),
      'Payroll',
    );
    assert.ok(await vscode.workspace.applyEdit(undo));
    await waitFor(
      () =>
        diagnosticKeys(plan.document.uri).some((k) => k.startsWith('unknown-source@')) ? undefined : true,
      'the plan to be clean again',
    );
  });
});
