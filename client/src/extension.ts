import * as path from 'path';
import type * as vscode from 'vscode';
import { loadWithCodeCache } from './codeCache';
import type * as MainModule from './main';
import type { IscPlanApi } from './main';

export type { IscPlanApi };

type Main = typeof MainModule;
let main: Main | undefined;

/**
 * Activated by plan and catalog files, the extension's commands, or a dry-run view to restore.
 * The language client and the view are a second bundle (`dist/main.js`), loaded here through V8's
 * code cache in the extension's global storage, so that activations after the first skip compiling
 * it. Activation resolves when the language server has started.
 */
export async function activate(context: vscode.ExtensionContext): Promise<IscPlanApi> {
  const bundle = loadWithCodeCache<Main>(path.join(__dirname, 'main.js'), context.globalStorageUri.fsPath);
  main = bundle.exports;
  return main.start(context, bundle);
}

export async function deactivate(): Promise<void> {
  await main?.stop();
}
