import { execFile } from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { DiffReport } from '../../../shared/diff';
import { CompareCatalogRequest } from '../../../shared/diff';
import { CATALOG_FILE } from '../../../shared/fileNames';
import { parseViewMessage } from '../../../shared/webviewMessages';
import { createNonce, dryRunHtml } from './panelHtml';

/** What `git` printed, or why it failed (its first line). */
function git(cwd: string, args: string[]): Promise<{ out: string } | { error: string }> {
  return new Promise((resolve) => {
    execFile(
      'git',
      args,
      { cwd, maxBuffer: 64 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        resolve(
          error
            ? { error: (stderr || error.message).trim().split('\n')[0] ?? 'git failed' }
            : { out: stdout },
        );
      },
    );
  });
}

/** The catalog's text at HEAD (null: not in HEAD) and how HEAD is named, or why it cannot be read. */
async function headText(file: string): Promise<{ text: string | null; label: string } | { error: string }> {
  const folder = path.dirname(file);
  const commit = await git(folder, ['rev-parse', '--short=12', 'HEAD']);
  if ('error' in commit) {
    return { error: `${path.basename(file)} is not in a git repository with a commit (${commit.error})` };
  }
  const label = `HEAD (${commit.out.trim()})`;
  const known = await git(folder, ['ls-tree', '--name-only', 'HEAD', '--', path.basename(file)]);
  if ('error' in known || known.out.trim() === '') return { text: null, label };
  const shown = await git(folder, ['show', `HEAD:./${path.basename(file)}`]);
  return 'error' in shown ? { error: shown.error } : { text: shown.out, label };
}

/** The comparisons shown last, by catalog URI (for tests, through the extension's API). */
const shownReports = new Map<string, DiffReport>();

/** The comparison last shown for a catalog, if any. */
export function comparisonOf(uri: string): DiffReport | undefined {
  return shownReports.get(uri);
}

/** Opens the dry-run view beside the editor with the comparison. */
function showComparison(context: vscode.ExtensionContext, catalog: vscode.Uri, report: DiffReport): void {
  const panel = vscode.window.createWebviewPanel(
    'iscPlan.compare',
    `Compare: ${path.basename(catalog.fsPath)} with HEAD`,
    { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
    {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'media')],
      enableFindWidget: true,
    },
  );
  const webview = panel.webview;
  const media = (file: string): string =>
    webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'dist', 'media', file)).toString();
  const listener = webview.onDidReceiveMessage((raw: unknown) => {
    if (parseViewMessage(raw)?.type === 'ready') void webview.postMessage({ type: 'diff', report });
  });
  panel.onDidDispose(() => {
    listener.dispose();
  });
  webview.html = dryRunHtml({ cspSource: webview.cspSource, media, nonce: createNonce() });
}

/** "ISC Plan: Compare with Git HEAD": what the catalog's change since HEAD does to the plans that use it. */
async function compareWithHead(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  given?: unknown,
): Promise<void> {
  const catalog = given instanceof vscode.Uri ? given : vscode.window.activeTextEditor?.document.uri;
  if (!catalog || catalog.scheme !== 'file' || !CATALOG_FILE.test(catalog.path)) {
    void vscode.window.showWarningMessage(
      'ISC Plan: open a catalog file (*.sources.yaml, *.sources.yml or *.sources.json) first.',
    );
    return;
  }
  const base = await headText(catalog.fsPath);
  if ('error' in base) {
    void vscode.window.showErrorMessage(`ISC Plan: cannot compare with HEAD: ${base.error}.`);
    return;
  }
  const report = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: 'ISC Plan: comparing the plans that use this catalog…',
    },
    (): Promise<DiffReport | null> =>
      client.sendRequest(CompareCatalogRequest.type, {
        uri: catalog.toString(),
        baseText: base.text,
        baseLabel: base.label,
      }),
  );
  if (!report) {
    void vscode.window.showErrorMessage('ISC Plan: the comparison failed; the ISC Plan output says why.');
    return;
  }
  shownReports.set(catalog.toString(), report);
  showComparison(context, catalog, report);
}

export function registerCompareCommand(
  context: vscode.ExtensionContext,
  client: LanguageClient,
): vscode.Disposable {
  return vscode.commands.registerCommand('iscPlan.compareWithHead', (uri?: unknown) =>
    compareWithHead(context, client, uri),
  );
}
