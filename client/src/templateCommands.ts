import * as vscode from 'vscode';
import { yamlFileNameFor } from '../../shared/fileNames';
import { CATALOG_TEMPLATE, PLAN_TEMPLATE } from './templates';

/** "New Plan from Template…" / "New Catalog from Template…": save a starting file where the user says and open it. */
async function newFromTemplate(kind: 'plan' | 'catalog'): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = kind === 'plan' ? 'new-request.plan.yaml' : 'tenant.sources.yaml';
  const target = await vscode.window.showSaveDialog({
    title: kind === 'plan' ? 'New provisioning plan' : 'New source catalog',
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
    filters: { YAML: ['yaml', 'yml'] },
  });
  if (!target) return;
  const file = target.with({ path: yamlFileNameFor(kind, target.path) });
  await vscode.workspace.fs.writeFile(
    file,
    new TextEncoder().encode(kind === 'plan' ? PLAN_TEMPLATE : CATALOG_TEMPLATE),
  );
  await vscode.window.showTextDocument(file);
}

/** The palette commands that create a plan or a catalog from a template. */
export function registerTemplateCommands(): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('iscPlan.newPlan', () => newFromTemplate('plan')),
    vscode.commands.registerCommand('iscPlan.newCatalog', () => newFromTemplate('catalog')),
  ];
}
