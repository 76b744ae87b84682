import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Severity } from '../service/findings/finding';
import { RULES } from '../service/findings/finding';

/** A diagnostic as the CLI prints it: zero-based LSP positions, UTF-16 columns. */
export interface CliDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface FileReport {
  /** The path as given on the command line (or found under a folder given there). */
  path: string;
  diagnostics: CliDiagnostic[];
}

/** Converts offsets to positions: the one place the CLI leaves offsets behind. */
export function toDiagnostics(text: string, findings: readonly Finding[]): CliDiagnostic[] {
  const doc = TextDocument.create('file:///x', 'yaml', 0, text);
  return findings.map((f) => ({
    code: f.code,
    severity: f.severity,
    message: f.message,
    range: { start: doc.positionAt(f.start), end: doc.positionAt(f.end) },
  }));
}

export function summarise(reports: readonly FileReport[]): {
  files: number;
  errors: number;
  warnings: number;
} {
  let errors = 0;
  let warnings = 0;
  for (const report of reports) {
    for (const d of report.diagnostics) {
      if (d.severity === 'error') errors++;
      if (d.severity === 'warning') warnings++;
    }
  }
  return { files: reports.length, errors, warnings };
}

/** Compiler-style lines: `file:line:col severity code message`, one-based. */
export function formatText(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    for (const d of report.diagnostics) {
      lines.push(
        `${report.path}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}`,
      );
    }
  }
  const { files, errors, warnings } = summarise(reports);
  lines.push(
    `${files} file${files === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`,
  );
  return lines.join('\n') + '\n';
}

export function formatJson(reports: readonly FileReport[]): string {
  return JSON.stringify({ files: reports, summary: summarise(reports) }, null, 2) + '\n';
}

const SARIF_LEVEL: Record<Severity, string> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

/** SARIF 2.1.0, one run, columns in UTF-16 code units as in the other formats; `ruleSet`: the rules the results name. */
export function formatSarif(
  reports: readonly FileReport[],
  version: string,
  ruleSet: Readonly<Record<string, Severity>> = RULES,
): string {
  const rules = Object.entries(ruleSet).map(([id, level]) => ({
    id,
    defaultConfiguration: { level: SARIF_LEVEL[level] },
  }));
  const results = reports.flatMap((report) =>
    report.diagnostics.map((d) => ({
      ruleId: d.code,
      level: SARIF_LEVEL[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: report.path.split('\\').join('/') },
            region: {
              startLine: d.range.start.line + 1,
              startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1,
              endColumn: d.range.end.character + 1,
            },
          },
        },
      ],
    })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'isc-plan', version, rules } }, columnKind: 'utf16CodeUnits', results }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
