import * as assert from 'node:assert/strict';
import * as path from 'path';
import type { PlanDocument } from '../../../../server/src/service/document/planDocument';
import type { RequestPrediction } from '../../../../shared/prediction';
import { ROOT, serviceFor } from '../../helpers';

const CATALOG = `kind: SourceCatalog
sources:
  - { name: Directory, connectionType: direct, features: [PROVISIONING, NO_PERMISSIONS_PROVISIONING], owner: { name: dir.owner } }
  - { name: Reader, connectionType: direct, features: [SEARCH], owner: { name: reader.owner } }
  - { name: Sheet, type: DelimitedFile, features: [PROVISIONING], owner: { name: sheet.owner } }
serviceDeskIntegrations:
  - { name: Catch-all, universalManager: true, statusMap: { new: Queued, resolved: Committed } }
`;

const PLAN = `kind: ProvisioningPlan
identity: { name: dana }
accountRequests:
  - { source: Directory, operation: Modify, nativeIdentity: d, permissionRequests: [{ target: share, operation: Add }] }
  - { source: Reader, operation: Modify, nativeIdentity: d }
  - { source: Sheet, operation: Create }
  - { source: Directory, operation: Create }
`;

const READING =
  '"Catch-all" is a universal SDIM: isc-plan takes it as the fallback that replaces manual work items, as in IdentityIQ where the universal manager comes from, so it receives only what no connector provisions. SailPoint says only that it manages provisioning "for all sources"; this reading is the model\'s assumption.';

function predict(): RequestPrediction[] {
  const service = serviceFor({ 'g.sources.yaml': CATALOG, 'p.plan.yaml': PLAN });
  const file = path.join(ROOT, 'p.plan.yaml');
  const state = service.open(file, PLAN)!;
  service.findings(file);
  const doc = service.documentAt(state, PLAN.indexOf('accountRequests'))! as PlanDocument;
  return service.predict(state, doc, { runs: 200, seed: 1, submittedAt: Date.parse('2026-11-24T09:00:00Z') });
}

suite('prediction with a universal SDIM (docs/prediction-model.md#channel-decision, step 7)', () => {
  test('the universal SDIM takes what no connector provisions, and the assumptions say it is a reading', () => {
    const requests = predict();
    assert.deepEqual(
      requests.map((r) => [r.channel, r.target, r.parts.map((p) => [p.channel, p.target])]),
      [
        ['connector', 'Directory', [['ticketing', 'Catch-all']]],
        ['ticketing', 'Catch-all', []],
        ['ticketing', 'Catch-all', []],
        ['connector', 'Directory', []],
      ],
    );
    for (const r of requests.slice(0, 3)) assert.ok(r.assumptions.includes(READING), r.source);
    assert.ok(!requests[3]!.assumptions.includes(READING));
    assert.notEqual(requests[0]!.parts[0]!.milestones.committed, null, 'the ticket part is simulated');
    assert.notEqual(requests[1]!.milestones.committed, null);
  });
});
