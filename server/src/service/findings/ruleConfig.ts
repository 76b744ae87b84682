import { parseDocument } from 'yaml';
import type { Finding, RuleCode, Severity } from './finding';
import { finding, ruleCodeOf, RULE_CODES } from './finding';
import { closest } from '../text/closest';

/** A rule's configured severity, or `off`. */
export type RuleSetting = Severity | 'off';

/** Severities from `.isc-plan.yaml` and `--rule` (docs/rules.md#configuration). */
export type RuleConfig = Partial<Record<RuleCode, RuleSetting>>;

const SETTINGS: readonly RuleSetting[] = ['error', 'warning', 'information', 'hint', 'off'];

/** Reads a `CODE=SEVERITY` option; returns an error message when it is not one. */
export function parseRuleOption(option: string): { code: RuleCode; setting: RuleSetting } | string {
  const [written = '', setting = ''] = option.split('=');
  const code = ruleCodeOf(written);
  if (code === undefined) {
    const suggestion = closest(written, RULE_CODES);
    return `unknown rule code "${written}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}`;
  }
  const normalised = setting === 'info' ? 'information' : setting;
  if (!SETTINGS.includes(normalised as RuleSetting)) {
    return `"${setting}" is not a severity; use error, warning, information, hint or off`;
  }
  return { code, setting: normalised as RuleSetting };
}

/**
 * Reads `.isc-plan.yaml` (`rules: { CODE: SEVERITY }`). Entries it cannot use are reported as
 * findings in that file and otherwise ignored, so a typo never silences or breaks validation.
 */
export function parseRuleConfig(text: string): { rules: RuleConfig; findings: Finding[] } {
  const rules: RuleConfig = {};
  const findings: Finding[] = [];
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  for (const error of doc.errors) {
    findings.push(finding('yaml-syntax', error.pos[0], error.pos[1], `YAML syntax: ${error.message}`));
  }
  const contents = doc.contents as {
    items?: { key?: { value?: unknown; range?: number[] }; value?: { items?: unknown[] } }[];
  } | null;
  const rulesPair = contents?.items?.find((pair) => pair.key?.value === 'rules');
  for (const item of (rulesPair?.value?.items ?? []) as {
    key?: { value?: unknown; range?: number[] };
    value?: { value?: unknown; range?: number[] };
  }[]) {
    const code = scalarText(item.key?.value);
    const setting = scalarText(item.value?.value);
    const parsed = parseRuleOption(`${code}=${setting}`);
    if (typeof parsed === 'string') {
      const range = (ruleCodeOf(code) !== undefined ? item.value?.range : item.key?.range) ?? [0, 0];
      findings.push(finding('schema', range[0]!, range[1]!, `.isc-plan.yaml: ${parsed}.`));
    } else {
      rules[parsed.code] = parsed.setting;
    }
  }
  return { rules, findings };
}

/** Applies configured severities: `off` drops a finding. */
export function applyRuleConfig(findings: readonly Finding[], rules: RuleConfig): Finding[] {
  const result: Finding[] = [];
  for (const f of findings) {
    const setting = rules[f.code];
    if (setting === 'off') continue;
    result.push(setting && setting !== f.severity ? { ...f, severity: setting } : f);
  }
  return result;
}

function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : '';
}
