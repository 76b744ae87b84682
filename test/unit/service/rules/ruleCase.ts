import type { RuleCode, Severity } from '../../../../server/src/service/findings/finding';

/**
 * One row of the rule table: a YAML text that makes exactly one finding of `code` fire at
 * `needle`, and a small edit that makes the rule quiet again. The JSON text is derived from the
 * YAML (see variants.ts) unless the row gives one by hand.
 */
export interface RuleCase {
  code: RuleCode;
  severity: Severity;
  /** A plan or a catalog file is checked. */
  role: 'plan' | 'catalog';
  yaml: string;
  /** The text the finding must cover exactly (as written in the YAML). */
  needle: string;
  occurrence?: number;
  /** A key phrase of the message. */
  message: RegExp;
  /** The other files of the workspace (relative to the root); plans get the shared catalog when omitted. */
  files?: Record<string, string>;
  /** `[from, to]`: replacing the first `from` by `to` makes the rule quiet. */
  fix: [string, string];
  /** Where the JSON of the YAML cannot be derived (duplicate keys, syntax errors), it is written by hand. */
  json?: { text: string; needle: string; occurrence?: number; fixed: string; why: string; message?: RegExp };
  /** The occurrence of the needle in the derived JSON, when it differs from the YAML's. */
  jsonOccurrence?: number;
}

/** The opening of the plans of the table; the name puts non-ASCII text into every plan. */
export const PLAN_HEAD = `kind: ProvisioningPlan
name: Zoë Müller 😀 joins Finance
identity: { name: zoe.mueller }
accountRequests:
`;

/** A plan of the table: the head and the given request lines. */
export function plan(requests: string): string {
  return PLAN_HEAD + requests;
}
