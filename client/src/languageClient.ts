import * as vscode from 'vscode';
import type {
  CloseHandlerResult,
  ErrorHandlerResult,
  LanguageClientOptions,
  ServerOptions,
} from 'vscode-languageclient/node';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
} from 'vscode-languageclient/node';
import type { InitializationOptions } from '../../shared/protocol';
import { DRY_RUN_VIEW_COMMAND } from '../../shared/protocol';

export const PLAN_LANGUAGES = ['isc-plan-yaml', 'isc-plan-json'] as const;

/** Files the server handles: our languages, and plan/catalog names under any language id. */
const DOCUMENT_SELECTOR: LanguageClientOptions['documentSelector'] = [
  ...PLAN_LANGUAGES.map((language) => ({ language })),
  { scheme: 'file', pattern: '**/*.{plan,sources}.{yaml,yml,json}' },
  { scheme: 'untitled', pattern: '**/*.{plan,sources}.{yaml,yml,json}' },
  { scheme: 'file', pattern: '**/.isc-plan.yaml' },
];

const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/** Creates the language client for the bundled server (IPC), with a bounded restart policy. */
export function createLanguageClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
): LanguageClient {
  const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const initializationOptions: InitializationOptions = {
    trusted: vscode.workspace.isTrusted,
    clientCommands: [DRY_RUN_VIEW_COMMAND],
  };
  const restarts: number[] = [];
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions,
    markdown: { isTrusted: false, supportHtml: false },
    errorHandler: {
      error: (): ErrorHandlerResult => ({ action: ErrorAction.Continue }),
      closed: (): CloseHandlerResult => {
        const now = Date.now();
        restarts.push(now);
        while (restarts.length > 0 && now - restarts[0]! > RESTART_WINDOW_MS) restarts.shift();
        if (restarts.length > MAX_RESTARTS) {
          return {
            action: CloseAction.DoNotRestart,
            message: `The ISC Plan language server stopped ${restarts.length} times in 3 minutes and will not be restarted. See the "ISC Plan" output, then run "ISC Plan: Restart Language Server".`,
          };
        }
        output.warn(`The language server stopped; restarting (${restarts.length}/${MAX_RESTARTS}).`);
        return { action: CloseAction.Restart, handled: true };
      },
    },
    initializationFailedHandler: (error) => {
      output.error(`The language server failed to start: ${String(error)}`);
      void vscode.window
        .showErrorMessage(
          'ISC Plan: the language server failed to start. Details are in the "ISC Plan" output.',
          'Show Output',
        )
        .then((pick) => {
          if (pick) output.show();
        });
      return false;
    },
  };
  return new LanguageClient('iscPlan', 'ISC Plan', serverOptions, clientOptions);
}
