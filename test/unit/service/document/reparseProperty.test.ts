import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { TextChange } from '../../../../server/src/service/document/reparse';
import type { PlanService, UpdateMode } from '../../../../server/src/service/planService';
import type { RequestPrediction } from '../../../../shared/prediction';
import { PLAN_FILE, applyChange, openPlan, updateAndCompare } from './reparseCheck';

/** Request templates: every channel, and the rules that fire on requests. */
const REQUESTS = [
  '  - source: Active Directory\n    operation: Modify\n    nativeIdentity: CN=Zoë 😀 Müller\n    attributeRequests:\n      - { name: memberOf, operation: Add, value: CN=Finance }\n',
  '  - source: Active Directory\n    operation: Enable\n    nativeIdentity: CN=Zoë 😀 Müller\n',
  "  - source: Payroll\n    operation: Modify\n    nativeIdentity: '100118'\n    channel: connector\n",
  '  - { source: HR Portal, operation: Create, ticketing: { integration: ServiceNow SDIM } }\n',
  '  - source: File Share\n    operation: Modify\n    nativeIdentity: zoe\n    permissionRequests: [{ target: fin, operation: Add }]\n',
  '  - source: Mainframe\n    operation: Delete\n',
  '  - source: Orphan Files\n    operation: Lock\n    nativeIdentity: x\n    # a comment inside a request\n',
  '  - source: Active Directroy\n    operation: Create\n    attributeRequests:\n      - name: departmnet\n        operation: Add\n        value: [a, b]\n',
  '\n  # a comment between requests\n',
  '  - source: &s Payroll\n    operation: Create\n  - { source: *s, operation: Disable, nativeIdentity: p }\n',
  '  - source: Active Directory\n    operation: Modify\n    operation: Enable\n    nativeIdentity: d\n',
];

const HEADERS = [
  'kind: ProvisioningPlan\nname: Zoë 😀 joins\nidentity: { name: zoe }\naccountRequests:\n',
  'kind: ProvisioningPlan\naccountRequests:\n',
  '# leading comment\nkind: ProvisioningPlan\nidentity:\n  name: zoe\naccountRequests:\n',
];

const TRAILERS = [
  '',
  '# trailing comment\n',
  '\n\n',
  'trackingId: REQ-1\n',
  '---\nkind: ProvisioningPlan\naccountRequests:\n  - { source: Payroll, operation: Create }\n',
];

/** Inserted text: YAML-significant characters, fragments of requests, whole lines. */
const INSERTS = [
  'a',
  ' ',
  '  ',
  '\n',
  '\r\n',
  '-',
  '- ',
  ':',
  ': ',
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  ',',
  '#',
  '&x ',
  '*x',
  '😀',
  'ë',
  'Delete',
  'operation: Lock',
  '\n  - source: Payroll\n    operation: Create\n',
  '\n    nativeIdentity: n\n',
  '\n  - ',
  '\n---\n',
];

interface Edit {
  /** Where, as a fraction of the current text's length. */
  at: number;
  /** How many characters to delete there (before inserting). */
  remove: number;
  insert: string;
  /** Edit whole lines instead: delete the line at `at`, or duplicate it. */
  line: 'none' | 'delete' | 'duplicate';
}

const editArb: fc.Arbitrary<Edit> = fc.record({
  at: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(1)),
  remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 60 })),
  insert: fc.oneof(fc.constant(''), fc.constantFrom(...INSERTS)),
  line: fc.constantFrom<Edit['line']>('none', 'none', 'none', 'delete', 'duplicate'),
});

const planArb = fc.record({
  header: fc.constantFrom(...HEADERS),
  requests: fc.array(fc.constantFrom(...REQUESTS), { minLength: 15, maxLength: 25 }),
  trailer: fc.constantFrom(...TRAILERS),
  crlf: fc.boolean(),
});

function planText(plan: { header: string; requests: string[]; trailer: string; crlf: boolean }): string {
  const text = plan.header + plan.requests.join('') + plan.trailer;
  return plan.crlf ? text.replace(/\n/g, '\r\n') : text;
}

/** The change an edit makes to `text`. */
function changeOf(text: string, edit: Edit): TextChange {
  const offset = Math.min(text.length, Math.floor(edit.at * (text.length + 1)));
  if (edit.line !== 'none') {
    const start = text.lastIndexOf('\n', offset - 1) + 1;
    const newline = text.indexOf('\n', offset);
    const end = newline === -1 ? text.length : newline + 1;
    return edit.line === 'delete'
      ? { start, end, text: '' }
      : { start, end: start, text: text.slice(start, end) };
  }
  return { start: offset, end: Math.min(text.length, offset + edit.remove), text: edit.insert };
}

/** Runs of the property; set ISC_PLAN_PROPERTY_RUNS for a deeper search (a failure prints its seed and a shrunk case). */
const RUNS = Number(process.env.ISC_PLAN_PROPERTY_RUNS ?? 100);

/**
 * Opens generated plans and walks random edit sequences: `step` makes each change to the service and
 * checks it, and returns the new text and how the service applied the change; `opened` runs once the
 * plan is open. Most random edits make the service parse the file again in full, where the comparison
 * with a fresh parse is close to trivially true: the walk fails unless enough steps (about 5 to 10 %
 * of them) took the incremental path the properties are about.
 */
function forRandomEditSequences(
  step: (service: PlanService, text: string, change: TextChange) => { text: string; mode: UpdateMode },
  opened: (service: PlanService) => void = () => undefined,
): void {
  let steps = 0;
  let incremental = 0;
  fc.assert(
    fc.property(planArb, fc.array(editArb, { minLength: 1, maxLength: 12 }), (plan, edits) => {
      let text = planText(plan);
      const service = openPlan(text);
      opened(service);
      for (const edit of edits) {
        const result = step(service, text, changeOf(text, edit));
        text = result.text;
        steps++;
        if (result.mode === 'incremental') incremental++;
      }
    }),
    { numRuns: RUNS },
  );
  const least = Math.floor(RUNS / 10);
  assert.ok(
    incremental >= least,
    `only ${incremental} of ${steps} steps were incremental (at least ${least})`,
  );
}

suite('incremental update equals a full parse: property', function () {
  this.timeout(Math.max(60_000, RUNS * 1_000));

  test('after every step of random edit sequences on generated plans of ~20 requests', () => {
    forRandomEditSequences((service, text, change) => updateAndCompare(service, text, change));
  });

  test('the same edits sent as whole texts (an editor without ranged changes): found by comparing the texts', () => {
    forRandomEditSequences((service, text, change) =>
      updateAndCompare(service, text, change, '', 'whole text'),
    );
  });
});

const OPTIONS = { runs: 30, seed: 7, submittedAt: Date.parse('2026-11-25T09:00:00Z') };

/** The editor's prediction of every plan document of the open file. */
function predictions(service: PlanService): RequestPrediction[][] {
  const file = service.file(PLAN_FILE)!;
  return file.docs.flatMap((doc) => (doc.kind === 'plan' ? [service.predict(file, doc, OPTIONS)] : []));
}

suite('prediction after an edit equals a full prediction: property', function () {
  this.timeout(Math.max(60_000, RUNS * 1_000));

  test('after every step of random edit sequences, predicting after each step', () => {
    forRandomEditSequences((service, before, change) => {
      const text = applyChange(before, change);
      const mode = service.update(PLAN_FILE, text, [change]);
      const fresh = openPlan(text);
      assert.deepEqual(predictions(service), predictions(fresh), `after ${JSON.stringify(change)}`);
      return { text, mode };
    }, predictions);
  });
});
