import * as assert from 'node:assert/strict';
import * as path from 'path';
import type { DryRunOptions } from '../../../../../server/src/service/features/reports/dryRunFile';
import { dryRunFile } from '../../../../../server/src/service/features/reports/dryRunFile';
import type { FileState, PlanService } from '../../../../../server/src/service/planService';
import { Cancelled } from '../../../../../server/src/service/work/steps';
import { CATALOG, ROOT, serviceFor } from '../../../helpers';

function planDocument(name: string): string {
  return `kind: ProvisioningPlan\nname: ${name}\nidentity: { name: jane }\ncatalog: acme.sources.yaml\naccountRequests:\n  - source: Active Directory\n    operation: Modify\n    nativeIdentity: CN=Jane\n`;
}

const FILE = ['first', 'second', 'third'].map(planDocument).join('---\n');
const OPTIONS: DryRunOptions = {
  submittedAt: Date.parse('2026-11-25T09:00:00Z'),
  runs: 20,
  seed: 1,
  scenarios: ['outage:Active Directory:4'],
};

/** A file of three plans, and a count of the plans the dry run has begun to simulate. */
function threePlans(): { service: PlanService; file: FileState; begun: () => number } {
  const service = serviceFor({ 'acme.sources.yaml': CATALOG });
  const file = service.open(path.join(ROOT, 'three.plan.yaml'), FILE)!;
  let begun = 0;
  // Each plan's simulation starts by resolving its catalogs.
  const catalogsOf = service.catalogsOf.bind(service);
  service.catalogsOf = (state, doc) => {
    begun++;
    return catalogsOf(state, doc);
  };
  return { service, file, begun: () => begun };
}

suite('dry run of a file: cancellation', () => {
  test('without cancellation every plan is simulated, and the check is asked between plans', () => {
    const { service, file, begun } = threePlans();
    let asked = 0;
    const { plans } = dryRunFile(service, file, OPTIONS, () => {
      asked++;
      return false;
    });
    assert.deepEqual(
      plans.map((p) => [p.name, p.simulation.scenarios.length]),
      [
        ['first', 1],
        ['second', 1],
        ['third', 1],
      ],
    );
    assert.equal(begun(), 3);
    // Once a run of each plan and its scenario, and between the plans.
    assert.ok(asked >= 3 * 2 * OPTIONS.runs + 2, `asked ${asked} times`);
  });

  test('the check is asked within a plan: cancelled during the first plan, the second is never begun', () => {
    const { service, file, begun } = threePlans();
    let asked = 0;
    assert.throws(
      () =>
        dryRunFile(service, file, OPTIONS, () => {
          asked++;
          return asked === 5;
        }),
      Cancelled,
    );
    assert.equal(begun(), 1);
    assert.equal(asked, 5);
  });

  test('once the check says cancelled, the next plan is not simulated and the run throws Cancelled', () => {
    const { service, file, begun } = threePlans();
    assert.throws(() => dryRunFile(service, file, OPTIONS, () => begun() === 2), Cancelled);
    assert.equal(begun(), 2, 'the third plan was never begun');
  });
});
