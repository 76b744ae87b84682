/**
 * The activation floor of the benchmark: a minimal extension that only creates
 * vscode-languageclient's `LanguageClient` for our server and starts it, which is what any extension
 * built on that library loads and runs when it activates. bench/activation.ts bundles and minifies
 * it as our client is bundled, and measures it beside isc-plan in the same run.
 */
import * as path from 'path';
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = path.join(context.extensionPath, 'server.js');
  client = new LanguageClient(
    'benchFloor',
    'Bench floor',
    { run: { module, transport: TransportKind.ipc }, debug: { module, transport: TransportKind.ipc } },
    { documentSelector: [{ language: 'bench-floor' }] },
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
