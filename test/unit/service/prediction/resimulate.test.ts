import * as assert from 'node:assert/strict';
import type { PlanService } from '../../../../server/src/service/planService';
import type { RequestPrediction } from '../../../../shared/prediction';
import { PLAN_FILE, applyChange, openPlan, replace } from '../document/reparseCheck';

const OPTIONS = { runs: 50, seed: 3, submittedAt: Date.parse('2026-11-25T09:00:00Z') };

const directory = (n: number): string =>
  `  - source: Active Directory\n    operation: Modify\n    nativeIdentity: CN=user${n}\n`;
const payroll = (n: number): string =>
  `  - source: Payroll\n    operation: Modify\n    nativeIdentity: '${n}'\n`;
const files = (n: number): string =>
  `  - source: File Share\n    operation: Modify\n    nativeIdentity: f${n}\n`;
const ticket = (n: number): string =>
  `  - { source: HR Portal, operation: Create, nativeIdentity: h${n}, ticketing: { integration: ServiceNow SDIM } }\n`;

const PLAN = `kind: ProvisioningPlan\nidentity: { name: zoe }\naccountRequests:\n${[0, 1, 2].map(directory).join('')}${[0, 1].map(files).join('')}${[0, 1].map(payroll).join('')}${[0, 1].map(ticket).join('')}`;

function predict(service: PlanService): RequestPrediction[] {
  const file = service.file(PLAN_FILE)!;
  const doc = file.docs[0]!;
  assert.equal(doc.kind, 'plan');
  return service.predict(file, doc, OPTIONS);
}

suite('prediction after an edit', () => {
  test('simulates again only the edited request and its queue, and keeps every other prediction', () => {
    const service = openPlan(PLAN);
    const before = predict(service);
    assert.deepEqual(
      before.map((p) => p.channel),
      [
        'connector',
        'connector',
        'connector',
        'connector',
        'connector',
        'manual',
        'manual',
        'ticketing',
        'ticketing',
      ],
    );
    const change = replace(PLAN, 'CN=user1', 'CN=user9');
    const text = applyChange(PLAN, change);
    assert.equal(service.update(PLAN_FILE, text, [change]), 'incremental');
    const after = predict(service);
    const kept = after.map((prediction, i) => prediction === before[i]);
    assert.deepEqual(
      kept,
      [false, false, false, true, true, true, true, true, true],
      'the other queue, the manual tasks and the tickets are kept',
    );
    assert.deepEqual(after, predict(openPlan(text)), 'the same as a full prediction');
  });

  test('an edit that moves a request to another queue simulates both queues again', () => {
    const service = openPlan(PLAN);
    const before = predict(service);
    const change = replace(PLAN, 'source: Active Directory', 'source: File Share', 2);
    const text = applyChange(PLAN, change);
    service.update(PLAN_FILE, text, [change]);
    const after = predict(service);
    assert.deepEqual(
      after.map((prediction, i) => prediction === before[i]),
      [false, false, false, false, false, true, true, true, true],
    );
    assert.equal(after[1]!.source, 'File Share');
    assert.deepEqual(after, predict(openPlan(text)));
  });

  test('an edit that adds a request predicts the whole plan again, as it must: every later request has new random streams', () => {
    const service = openPlan(PLAN);
    const before = predict(service);
    const change = { start: PLAN.length, end: PLAN.length, text: payroll(7) };
    const text = applyChange(PLAN, change);
    service.update(PLAN_FILE, text, [change]);
    const after = predict(service);
    assert.equal(after.length, before.length + 1);
    assert.ok(after.every((prediction, i) => prediction !== before[i]));
    assert.deepEqual(after, predict(openPlan(text)));
  });

  test('a request without units (its channel unknown) that an edit changes is summarized again', () => {
    // "- " is not a mapping; "- : " is one, with no source: neither has a unit to simulate.
    const plan = `${PLAN}  - \n`;
    const service = openPlan(plan);
    const before = predict(service);
    assert.match(before[9]!.reasons[0]!, /^The request is not a mapping with source and operation/);
    const change = { start: plan.length - 1, end: plan.length - 1, text: ': ' };
    const text = applyChange(plan, change);
    service.update(PLAN_FILE, text, [change]);
    const after = predict(service);
    assert.deepEqual(after[9]!.reasons, [
      'No loaded catalog has a source named "", so the channel ISC would use cannot be derived.',
    ]);
    assert.ok(after.slice(0, 9).every((prediction, i) => prediction === before[i]));
    assert.deepEqual(after, predict(openPlan(text)));
  });
});
