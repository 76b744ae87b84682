import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { yamlFileNameFor } from '../../shared/fileNames';
import { ImportRequest } from '../../shared/import';

/** The plan's file: the chosen name, with `.plan.yaml` added when the user left it out (plans are recognised by name). */
function planFile(target: vscode.Uri): vscode.Uri {
  return target.with({ path: yamlFileNameFor('plan', target.path) });
}

/**
 * "ISC Plan: Import from ISC…": pick an ISC search document, trigger payload or IdentityIQ plan XML,
 * let the server convert it, save the plan (next to the input by default) and open it.
 */
async function importFromIsc(client: LanguageClient): Promise<void> {
  const picked = await vscode.window.showOpenDialog({
    title:
      'Import from ISC: an account-activity search document, a Provisioning Completed trigger payload or an IdentityIQ plan XML',
    canSelectMany: false,
    filters: { 'ISC records': ['json', 'xml'], 'All files': ['*'] },
  });
  const input = picked?.[0];
  if (!input) return;
  const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(input));
  const result = await client.sendRequest(ImportRequest.type, {
    fileName: input.scheme === 'file' ? input.fsPath : input.path,
    text,
  });
  if ('error' in result) {
    void vscode.window.showErrorMessage(
      `ISC Plan: cannot import ${vscode.workspace.asRelativePath(input)}: ${result.error}`,
    );
    return;
  }
  const target = await vscode.window.showSaveDialog({
    title: 'Save the imported plan',
    defaultUri: vscode.Uri.joinPath(input, '..', result.suggestedName),
    filters: { 'Plan (YAML)': ['yaml', 'yml'] },
  });
  if (!target) return;
  const file = planFile(target);
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(result.planText));
  await vscode.window.showTextDocument(file);
  void vscode.window.showInformationMessage(`ISC Plan: imported ${result.summary}.`);
}

/** Registers `iscPlan.import`. */
export function registerImportCommand(client: LanguageClient): vscode.Disposable {
  return vscode.commands.registerCommand('iscPlan.import', () => importFromIsc(client));
}
