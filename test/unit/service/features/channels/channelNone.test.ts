import * as assert from 'node:assert/strict';
import * as path from 'path';
import { hoverAt } from '../../../../../server/src/service/features/hover/hover';
import { lensTitle } from '../../../../../server/src/service/features/reports/predictionReport';
import type { PlanDocument } from '../../../../../server/src/service/document/planDocument';
import { CATALOG, ROOT, serviceFor } from '../../../helpers';

const PLAN = `kind: ProvisioningPlan
identity: { name: jane.doe }
accountRequests:
  - { source: Active Directory, operation: Lock, nativeIdentity: CN=Jane }
  - { source: Mainframe, operation: Modify, nativeIdentity: jd, attributeRequests: [{ name: password, operation: Set, value: '\${PW}' }] }
  - { source: Active Directory, operation: Disable, nativeIdentity: CN=Jane }
`;

/** The hover on each request's operation and the code lens title of each request. */
function shown(): { hovers: string[]; lenses: string[] } {
  const service = serviceFor({ 'acme.sources.yaml': CATALOG, 'p.plan.yaml': PLAN });
  const file = path.join(ROOT, 'p.plan.yaml');
  const state = service.open(file, PLAN)!;
  service.findings(file);
  const doc = service.documentAt(state, PLAN.indexOf('Lock'))! as PlanDocument;
  const predictions = service.predict(state, doc, {
    runs: 50,
    seed: 1,
    submittedAt: Date.parse('2026-11-24T09:00:00Z'),
  });
  const hovers = ['Lock', 'Modify', 'Disable'].map((operation) => {
    const result = hoverAt(doc, PLAN.indexOf(operation) + 1, {
      catalogOf: () => undefined,
      predictionOf: (_, index) => predictions[index],
      now: Date.parse('2026-11-24T09:00:00Z'),
    });
    return result?.markdown ?? '';
  });
  return { hovers, lenses: predictions.map(lensTitle) };
}

suite('channel none in the hover and the code lens', () => {
  test('a Lock and a password ISC cannot change show channel none, nothing happens, not fulfilled', () => {
    const { hovers, lenses } = shown();
    assert.deepEqual(lenses.slice(0, 2), [
      'none · nothing happens: ISC does nothing for this request',
      'none · nothing happens: ISC does nothing for this request',
    ]);
    assert.match(lenses[2]!, /^connector · committed/);
    for (const hover of hovers.slice(0, 2)) {
      assert.match(hover, /^\*\*Channel: none: ISC does nothing for this request\*\*\n/);
      assert.match(
        hover,
        /No milestones: ISC sends nothing and records no task, so the outcome is not fulfilled\./,
      );
      assert.match(hover, /\nOutcomes: not-fulfilled 100 ?%$/);
      assert.doesNotMatch(hover, /\| started \| committed \| verified \|/);
    }
    assert.match(hovers[0]!, /ISC has no lock action/);
    assert.match(
      hovers[1]!,
      /Mainframe lacks the PASSWORD feature, and ISC changes passwords only through Password Management/,
    );
    assert.match(hovers[2]!, /\| started \| committed \| verified \|/);
  });
});
