import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WorkspaceTrustNotification } from '../../shared/protocol';
import { createLanguageClient } from './languageClient';
import { PlanStatusItem } from './planStatus';

let client: LanguageClient | undefined;

/** Activated by plan and catalog files, the extension's commands, or a dry-run view to restore. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('ISC Plan', { log: true });
  context.subscriptions.push(output);
  client = createLanguageClient(context, output);
  const status = new PlanStatusItem(client);
  context.subscriptions.push(
    status,
    vscode.commands.registerCommand('iscPlan.restartServer', async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand('iscPlan.showOutput', () => output.show()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void client?.sendNotification(WorkspaceTrustNotification.type, { trusted: true });
    }),
  );
  await client.start();
  status.listen();
  output.info(`ISC Plan ${String(context.extension.packageJSON.version)} started.`);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
