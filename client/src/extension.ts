import * as path from 'path';
import type * as vscode from 'vscode';
import { prepareBundle } from './codeCache';
import type { PreparedBundle } from './codeCache';
import type * as MainModule from './main';
import type { IscPlanApi } from './main';

export type { IscPlanApi };

type Main = typeof MainModule;
let main: Main | undefined;
let deactivated = false;

/** Time this extension has held the extension host's thread while activating (ms). */
let blockedMs = 0;

/** Runs `work` and counts its time as blocking the extension host. */
function blocking<T>(work: () => T): T {
  const started = performance.now();
  try {
    return work();
  } finally {
    blockedMs += performance.now() - started;
  }
}

/**
 * Activated by plan and catalog files, the extension's commands, or a dry-run view to restore.
 * The language client and the view are a second bundle (`dist/main.js`), loaded through V8's code
 * cache in the extension's global storage: at once when the cache exists, otherwise once a worker
 * thread has made it (the first activation after an install or update), so that the extension host's
 * thread never compiles the bundle. Activation resolves when the language server has started.
 */
export function activate(context: vscode.ExtensionContext): Promise<IscPlanApi> {
  return blocking(() => {
    const prepared = prepareBundle<Main>(path.join(__dirname, 'main.js'), {
      cacheDir: context.globalStorageUri.fsPath,
      workerFile: path.join(__dirname, 'codeCacheWorker.js'),
      hostModules: ['vscode'],
    });
    return prepared instanceof Promise
      ? prepared.then((ready) =>
          // VS Code may shut the extension down while the worker builds the cache: then nothing starts.
          deactivated
            ? Promise.reject(new Error('ISC Plan was deactivated before its client was loaded'))
            : blocking(() => start(context, ready)),
        )
      : start(context, prepared);
  });
}

/** Loads the client bundle on this thread and starts it. */
function start(context: vscode.ExtensionContext, prepared: PreparedBundle<Main>): Promise<IscPlanApi> {
  const bundle = prepared.load();
  main = bundle.exports;
  return main.start(context, { ...bundle, blockedMs: () => blockedMs });
}

export async function deactivate(): Promise<void> {
  deactivated = true;
  await main?.stop();
}
