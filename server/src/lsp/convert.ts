import type { Diagnostic, Range } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, FixData, Severity } from '../service/findings/finding';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries for its quick fixes (`Diagnostic.data`). */
export interface DiagnosticData {
  fixes: FixData[];
}

/** Offsets of a document's text as an LSP range. */
export function rangeAt(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

/** Converts findings to LSP diagnostics: the one place offsets become positions for diagnostics. */
export function toDiagnostics(document: TextDocument, findings: readonly Finding[]): Diagnostic[] {
  return findings.map((f) => {
    const diagnostic: Diagnostic = {
      range: rangeAt(document, f.start, f.end),
      severity: SEVERITY[f.severity],
      code: f.code,
      source: 'isc-plan',
      message: f.message,
    };
    if (f.fixes && f.fixes.length > 0) diagnostic.data = { fixes: f.fixes } satisfies DiagnosticData;
    return diagnostic;
  });
}
