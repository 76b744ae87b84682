import * as path from 'path';
import * as vscode from 'vscode';

/** The workspace folder the suite runs in (a copy of the samples). */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite needs a workspace folder');
  return folder.uri.fsPath;
}

export function sampleUri(relative: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), relative));
}

/** Polls `probe` until it returns a value that is not undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Opens a sample in an editor. */
export async function openSample(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(sampleUri(relative));
  return vscode.window.showTextDocument(document);
}

/** The isc-plan diagnostics of a document as `code@line:col-line:col`, sorted. */
export function diagnosticKeys(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'isc-plan')
    .map(
      (d) =>
        `${String(typeof d.code === 'object' ? d.code.value : d.code)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`,
    )
    .sort();
}

/** The position of the `occurrence`-th appearance of `needle` in a document (plus `shift` characters). */
export function positionOf(
  document: vscode.TextDocument,
  needle: string,
  shift = 0,
  occurrence = 1,
): vscode.Position {
  let index = -1;
  const text = document.getText();
  for (let i = 0; i < occurrence; i++) index = text.indexOf(needle, index + 1);
  if (index === -1) throw new Error(`"${needle}" not found in ${document.uri.fsPath}`);
  return document.positionAt(index + shift);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}
