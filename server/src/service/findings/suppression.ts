import type { Finding } from './finding';
import { ruleCodeOf } from './finding';

interface LineSuppression {
  start: number;
  end: number;
  codes: Set<string>;
}

const MARKER = 'isc-plan-disable';

/**
 * Applies the suppression comments of docs/rules.md#configuration in YAML files:
 * `# isc-plan-disable CODE...` for the whole file, `# isc-plan-disable-next-line CODE...` for the
 * next line. Without codes, every rule is switched off there.
 */
export function applySuppressions(text: string, findings: readonly Finding[]): Finding[] {
  if (!text.includes(MARKER)) return [...findings];
  const fileCodes = new Set<string>();
  let wholeFile = false;
  const lines: LineSuppression[] = [];
  const pattern = /#\s*isc-plan-disable(-next-line)?(?=[\s,]|$)([^\n]*)/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const codes = (match[2] ?? '')
      .split(/[\s,]+/)
      .filter((c) => c !== '')
      .map((c) => ruleCodeOf(c) ?? c);
    if (match[1]) {
      const lineEnd = text.indexOf('\n', match.index);
      if (lineEnd === -1) continue;
      const nextEnd = text.indexOf('\n', lineEnd + 1);
      lines.push({ start: lineEnd + 1, end: nextEnd === -1 ? text.length : nextEnd, codes: new Set(codes) });
    } else if (codes.length === 0) {
      wholeFile = true;
    } else {
      for (const code of codes) fileCodes.add(code);
    }
  }
  return findings.filter((f) => {
    if (wholeFile || fileCodes.has(f.code)) return false;
    return !lines.some(
      (line) =>
        f.start >= line.start && f.start <= line.end && (line.codes.size === 0 || line.codes.has(f.code)),
    );
  });
}
