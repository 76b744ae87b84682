import * as assert from 'node:assert/strict';
import * as path from 'path';
import type { TextChange } from '../../../../server/src/service/document/reparse';
import type { PlanService, UpdateMode } from '../../../../server/src/service/planService';
import type { ValueNode } from '../../../../server/src/service/syntax/ast';
import { CATALOG, ROOT, serviceFor } from '../../helpers';

export const PLAN_FILE = path.join(ROOT, 'edit.plan.yaml');

/** An open plan in a service whose findings were computed once (so that cached checks exist). */
export function openPlan(text: string): PlanService {
  const service = serviceFor({ 'acme.sources.yaml': CATALOG });
  service.open(PLAN_FILE, text);
  service.findings(PLAN_FILE);
  return service;
}

/** Applies a change to a text. */
export function applyChange(text: string, change: TextChange): string {
  return text.slice(0, change.start) + change.text + text.slice(change.end);
}

/** The syntax trees of every document of the open plan, for comparing shapes and offsets. */
function trees(service: PlanService): (ValueNode | null)[] {
  return service.file(PLAN_FILE)!.docs.map((doc) => doc.syntax.root);
}

/**
 * Applies `change` through `service.update` (or, `sent` as a whole text, through `service.replace`,
 * which finds the change itself) and checks that the findings (and the syntax trees
 * they are placed on) are exactly those of a fresh `open` of the new text. Returns the new text
 * and how the update was applied.
 */
export function updateAndCompare(
  service: PlanService,
  before: string,
  change: TextChange,
  label = '',
  sent: 'ranged' | 'whole text' = 'ranged',
): { text: string; mode: UpdateMode } {
  const after = applyChange(before, change);
  const mode =
    sent === 'ranged' ? service.update(PLAN_FILE, after, [change]) : service.replace(PLAN_FILE, after);
  const fresh = serviceFor({ 'acme.sources.yaml': CATALOG });
  fresh.open(PLAN_FILE, after);
  const shown = before.length <= 600 ? JSON.stringify(before) : `a text of ${before.length} characters`;
  const context = `${label} (${mode}, ${sent}) change ${JSON.stringify(change)} of ${shown}`;
  assert.deepEqual(
    service.findings(PLAN_FILE),
    fresh.findings(PLAN_FILE),
    `findings differ after ${context}`,
  );
  assert.deepEqual(trees(service), trees(fresh), `syntax trees differ after ${context}`);
  return { text: after, mode };
}

/** A change that replaces the `occurrence`-th `needle` of `text` by `replacement`. */
export function replace(text: string, needle: string, replacement: string, occurrence = 1): TextChange {
  let index = -1;
  for (let i = 0; i < occurrence; i++) index = text.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`"${needle}" occurs fewer than ${occurrence} times`);
  return { start: index, end: index + needle.length, text: replacement };
}
