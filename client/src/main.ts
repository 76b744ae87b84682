import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { PlanStatusParams } from '../../shared/protocol';
import { PlanStatusNotification, WorkspaceTrustNotification } from '../../shared/protocol';
import type { DiffReport } from '../../shared/diff';
import type { DryRunModel } from '../../shared/dryRun';
import { comparisonOf, registerCompareCommand } from './dryRun/compareCommand';
import { registerDryRunCommands } from './dryRun/dryRunCommands';
import { DryRunPanel } from './dryRun/dryRunPanel';
import { createLanguageClient } from './languageClient';
import { registerImportCommand } from './importCommand';
import { registerPullCommands } from './pullCommand';
import { registerTemplateCommands } from './templateCommands';
import { PlanStatusItem } from './planStatus';
import type { CachedBundle } from './codeCache';

let client: LanguageClient | undefined;

/**
 * Everything the extension does: the language client, the commands, the dry-run view. Loaded by
 * `extension.ts` through V8's code cache.
 */

/** What the extension offers other extensions (and its tests). */
export interface IscPlanApi {
  /** The dry-run model the view of a plan shows now, if a view is open. */
  dryRunModel(uri: vscode.Uri): DryRunModel | null | undefined;
  /** The comparison "Compare with Git HEAD" last showed for a catalog, if any. */
  comparison(uri: vscode.Uri): DiffReport | undefined;
}

/** How this code was loaded (see `extension.ts`). */
export interface LoadedBundle extends Pick<CachedBundle<unknown>, 'cache' | 'loadMs' | 'note' | 'saveCache'> {
  /** How long activating has held the extension host's thread so far (ms). */
  blockedMs(): number;
}

/** Starts the extension (see `extension.ts`). */
export async function start(context: vscode.ExtensionContext, bundle: LoadedBundle): Promise<IscPlanApi> {
  const output = vscode.window.createOutputChannel('ISC Plan', { log: true });
  const checked = new vscode.EventEmitter<PlanStatusParams>();
  const languageClient = createLanguageClient(context, output);
  client = languageClient;
  const events = {
    onPlanChecked: (listener: (uri: string) => void): vscode.Disposable =>
      checked.event((p) => listener(p.uri)),
  };
  context.subscriptions.push(
    output,
    checked,
    new PlanStatusItem(checked.event),
    ...registerDryRunCommands(context, languageClient, events),
    ...registerTemplateCommands(),
    registerImportCommand(languageClient),
    ...registerPullCommands(context, output),
    registerCompareCommand(context, languageClient),
    vscode.commands.registerCommand('iscPlan.restartServer', () => languageClient.restart()),
    vscode.commands.registerCommand('iscPlan.showOutput', () => output.show()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void languageClient.sendNotification(WorkspaceTrustNotification.type, { trusted: true });
    }),
    languageClient.onNotification(PlanStatusNotification.type, (params) => checked.fire(params)),
  );
  await languageClient.start();
  const version = String((context.extension.packageJSON as { version?: string }).version);
  output.info(
    `ISC Plan ${version} started (client code cache: ${bundle.cache}, loaded in ${bundle.loadMs.toFixed(1)} ms; ` +
      `activating held the extension host's thread for ${bundle.blockedMs().toFixed(1)} ms).`,
  );
  if (bundle.note) output.warn(bundle.note);
  // Saved once the client has started, so the cache holds the code that starting it compiled.
  const notSaved = await bundle.saveCache();
  if (notSaved) output.warn(notSaved);
  return {
    dryRunModel: (uri) => DryRunPanel.modelOf(uri.toString()),
    comparison: (uri) => comparisonOf(uri.toString()),
  };
}

export async function stop(): Promise<void> {
  await client?.stop();
  client = undefined;
}
