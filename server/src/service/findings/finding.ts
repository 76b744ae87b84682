/**
 * Findings are what the plan service reports: a rule code, a severity, a message and a place,
 * kept as UTF-16 offsets into the file's text. Positions (line and character) are computed only at
 * the edges (the language server and the CLI).
 */

/** Severities as `.isc-plan.yaml` and `--rule` name them (docs/rules.md#configuration). */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Every rule of docs/rules.md, with its default severity. Codes are stable: scripts depend on them. */
export const RULES = {
  'yaml-syntax': 'error',
  'duplicate-key': 'error',
  'document-limit': 'error',
  schema: 'error',
  'no-catalog': 'warning',
  'catalog-unreadable': 'error',
  'unknown-source': 'error',
  'missing-native-identity': 'error',
  'routed-to-manual': 'information',
  'lock-not-automatable': 'error',
  'password-not-provisionable': 'warning',
  'permissions-to-work-item': 'information',
  'manual-no-assignee': 'error',
  'channel-mismatch': 'warning',
  'unknown-integration': 'error',
  'unknown-attribute': 'warning',
  'add-to-single-valued': 'warning',
  'conflicting-attribute-requests': 'error',
  'conflicting-account-requests': 'error',
  'delete-account': 'information',
  'no-verification': 'warning',
  'invalid-cron': 'error',
  'duplicate-source': 'error',
  'source-multiple-sdims': 'error',
  'sdim-universal-with-managed': 'error',
  'sdim-status-value': 'error',
  'sdim-no-committed': 'error',
  'sdim-polling-window': 'warning',
  'plaintext-secret': 'warning',
} as const satisfies Record<string, Severity>;

export type RuleCode = keyof typeof RULES;

export const RULE_CODES = Object.keys(RULES) as RuleCode[];

export function isRuleCode(value: string): value is RuleCode {
  return Object.prototype.hasOwnProperty.call(RULES, value);
}

/**
 * Former codes that `.isc-plan.yaml`, `--rule` and suppression comments still accept, with the
 * code each now means (docs/rules.md#aliases). A finding always carries the current code.
 */
export const RULE_ALIASES: Readonly<Record<string, RuleCode>> = {
  'delete-not-generated-by-isc': 'delete-account',
};

/** The rule a configured code names: itself, the code an alias stands for, or undefined. */
export function ruleCodeOf(value: string): RuleCode | undefined {
  if (isRuleCode(value)) return value;
  return Object.prototype.hasOwnProperty.call(RULE_ALIASES, value) ? RULE_ALIASES[value] : undefined;
}

/**
 * What a quick fix needs to repair a finding mechanically. Carried on the finding (and on the LSP
 * diagnostic's `data`) so that code actions never re-run the rules.
 */
export type FixData =
  /** Replaces a key or value with `text` written as a scalar (quoted as the format needs). */
  | { kind: 'replace'; title: string; start: number; end: number; text: string }
  /** Replaces a YAML value with `text` written as it is: a flow structure, or a scalar already quoted. */
  | { kind: 'rewrite'; title: string; start: number; end: number; text: string }
  /** Adds `key: value` to a mapping after offset `after`, indented like the key at offset `anchor`. */
  | { kind: 'insert-key'; title: string; after: number; anchor: number; key: string; value: string }
  /** Removes the whole lines from `start` to `end` (a repeated key, a block that does not apply). */
  | { kind: 'remove'; title: string; start: number; end: number }
  | { kind: 'catalog-stub'; title: string; sourceName: string };

/** The quick fix that replaces the text of `node` (offsets) with `text`: `Change to "text"`. */
export function changeTo(node: { start: number; end: number }, text: string): FixData {
  return { kind: 'replace', title: `Change to "${text}"`, start: node.start, end: node.end, text };
}

/** One problem found in a file. `start`/`end` are UTF-16 offsets into the whole file's text. */
export interface Finding {
  code: RuleCode;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  fixes?: FixData[];
}

/** Creates a finding with the rule's default severity. */
export function finding(
  code: RuleCode,
  start: number,
  end: number,
  message: string,
  fixes?: FixData[],
): Finding {
  const result: Finding = { code, severity: RULES[code], message, start, end };
  if (fixes && fixes.length > 0) result.fixes = fixes;
  return result;
}

/** Moves a finding (and its fixes) by `delta` characters, in place. */
export function shiftFinding(f: Finding, delta: number): void {
  f.start += delta;
  f.end += delta;
  for (const fix of f.fixes ?? []) {
    if (fix.kind === 'replace' || fix.kind === 'rewrite' || fix.kind === 'remove') {
      fix.start += delta;
      fix.end += delta;
    } else if (fix.kind === 'insert-key') {
      fix.after += delta;
      fix.anchor += delta;
    }
  }
}
