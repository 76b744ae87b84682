import type { CliRun, JsonReport } from '../unit/cli/cliHelpers';

/**
 * The oracles of a CLI run (docs/formats.md#cli-output; CONTRIBUTING.md: "every bad input gives a
 * clear error naming file, place and reason; nothing crashes or hangs").
 */

/** Signs of an internal failure in any text the user sees. */
const INTERNAL = [
  /unexpected failure/i,
  /Maximum call stack/i,
  /\n\s+at .+\(?.*:\d+:\d+\)?/,
  /\b(TypeError|RangeError|ReferenceError)\b/,
  /\[object Object\]/,
];

/** Why `text` shows an internal failure, or undefined. */
export function internalFailure(text: string, where: string): string | undefined {
  const found = INTERNAL.find((pattern) => pattern.test(text));
  if (!found) return undefined;
  const line = text.split('\n').find((l) => found.test(l)) ?? text.slice(0, 200);
  return `${where} shows an internal failure (${String(found)}): ${line.slice(0, 300)}`;
}

/**
 * The run ended as the CLI promises: exit status 0, 1 or 2; nothing internal on stdout or stderr;
 * status 2 comes with exactly one line `isc-plan: …` on stderr that is at most `maxErrorChars` long.
 */
export function cliFailure(run: CliRun, maxErrorChars = 1_000): string | undefined {
  if (![0, 1, 2].includes(run.code)) return `exit status ${run.code}`;
  const internal = internalFailure(run.stderr, 'stderr') ?? internalFailure(run.stdout, 'stdout');
  if (internal) return internal;
  if (run.code === 2) {
    const lines = run.stderr.split('\n').filter((line) => line !== '');
    if (lines.length !== 1 || !lines[0]!.startsWith('isc-plan: ')) {
      return `exit status 2 without one clear line on stderr: ${JSON.stringify(run.stderr.slice(0, 300))}`;
    }
    if (lines[0]!.length > maxErrorChars) {
      return `the error line is ${lines[0]!.length} characters long: ${lines[0]!.slice(0, 200)}…`;
    }
  }
  return undefined;
}

/** The JSON report of `validate --format json`, or why the run did not give one. */
export function jsonReport(run: CliRun): JsonReport | string {
  const failure = cliFailure(run);
  if (failure) return failure;
  if (run.code === 2) return `validate refused the input: ${run.stderr.trim()}`;
  try {
    return JSON.parse(run.stdout) as JsonReport;
  } catch {
    return `validate --format json printed no JSON: ${run.stdout.slice(0, 200)}`;
  }
}

/** The codes reported for one file of a report (empty when the file is missing). */
export function codesOf(report: JsonReport, file: string): string[] {
  return report.files.find((f) => f.path === file)?.diagnostics.map((d) => d.code) ?? [];
}

/** A diagnostic message that shows an internal failure, or a multi-line or huge one. */
export function diagnosticFailure(report: JsonReport): string | undefined {
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      const internal = internalFailure(d.message, `${file.path}: ${d.code}`);
      if (internal) return internal;
      if (d.message.length > 2_000) return `${file.path}: ${d.code} message of ${d.message.length} chars`;
    }
  }
  return undefined;
}

/**
 * A validation that gives `file` a diagnostic of one of `codes` (any code when `codes` is empty),
 * with nothing internal in any message.
 */
export function expectDiagnostic(
  run: CliRun,
  file: string,
  codes: readonly string[] = [],
): string | undefined {
  const report = jsonReport(run);
  if (typeof report === 'string') return report;
  const bad = diagnosticFailure(report);
  if (bad) return bad;
  const found = codesOf(report, file);
  if (codes.length === 0 ? found.length === 0 : !found.some((code) => codes.includes(code))) {
    const seen = [...new Set(found)];
    return `${file}: expected ${codes.length ? codes.join(' or ') : 'a diagnostic'}, got ${found.length} [${seen.join(', ')}]`;
  }
  return undefined;
}
