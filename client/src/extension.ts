import * as path from 'path';
import type * as vscode from 'vscode';
import type * as MainModule from './main';
import type { IscPlanApi } from './main';

export type { IscPlanApi };

type Main = typeof MainModule;
let main: Main | undefined;

/**
 * Activated by plan and catalog files, the extension's commands, or a dry-run view to restore.
 * The language client and the view are in a second bundle (`dist/main.js`), loaded once
 * activation has returned: VS Code's extension host is not held up while ~0.5 MB of client code
 * loads, and activation resolves when the language server has started.
 */
export async function activate(context: vscode.ExtensionContext): Promise<IscPlanApi> {
  await Promise.resolve();
  // A runtime path keeps the bundler from inlining the client into this file.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  main = require(path.join(__dirname, 'main.js')) as Main;
  return main.start(context);
}

export async function deactivate(): Promise<void> {
  await main?.stop();
}
