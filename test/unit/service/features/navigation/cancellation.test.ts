import * as assert from 'node:assert/strict';
import * as path from 'path';
import { referencesAt } from '../../../../../server/src/service/features/navigation/references';
import { renameAt } from '../../../../../server/src/service/features/navigation/rename';
import { WorkspaceFiles } from '../../../../../server/src/service/features/navigation/workspaceFiles';
import type { FileState } from '../../../../../server/src/service/planService';
import { PlanService } from '../../../../../server/src/service/planService';
import { Cancelled } from '../../../../../server/src/service/work/steps';
import { memoryHost, ROOT } from '../../../helpers';
import { ACME, JANE, offsetOf } from './navigationFixtures';

const PLANS = 10;

/** A catalog open in the service and ten plans naming its Active Directory on disk, counting the plans read from it. */
function workspace(): { ws: WorkspaceFiles; catalog: FileState; plansRead: () => number } {
  const files: Record<string, string> = { 'acme.sources.yaml': ACME };
  for (let i = 0; i < PLANS; i++) files[`p${i}.plan.yaml`] = JANE;
  const host = memoryHost(files);
  const plansRead = new Set<string>();
  const counting = {
    ...host,
    readFile: (file: string) => {
      if (file.endsWith('.plan.yaml')) plansRead.add(file);
      return host.readFile(file);
    },
  };
  const service = new PlanService(counting, { root: ROOT });
  const ws = new WorkspaceFiles(service, counting, () => [ROOT]);
  const catalog = service.open(path.join(ROOT, 'acme.sources.yaml'), ACME)!;
  return { ws, catalog, plansRead: () => plansRead.size };
}

/** A check that counts how often it is asked, and says cancelled from the `at`-th time on. */
function cancelledAt(at: number): { check: () => boolean; asked: () => number } {
  let asked = 0;
  return {
    check: () => ++asked >= at,
    asked: () => asked,
  };
}

const AD = offsetOf(ACME, 'Active Directory', 1, 1);

suite('references and rename: cancellation between files', () => {
  test('references: without cancellation every plan is read, and the check is asked between files', () => {
    const { ws, catalog, plansRead } = workspace();
    const never = cancelledAt(Infinity);
    const found = referencesAt(ws, catalog, AD, false, never.check);
    const planFiles = new Set(found?.filter((r) => r.role === 'request').map((r) => r.file));
    assert.equal(planFiles.size, PLANS);
    assert.equal(plansRead(), PLANS);
    assert.ok(never.asked() >= PLANS, `asked ${never.asked()} times`);
  });

  test('references: once the check says cancelled, no further file is read and Cancelled is thrown', () => {
    const { ws, catalog, plansRead } = workspace();
    const third = cancelledAt(3);
    assert.throws(() => referencesAt(ws, catalog, AD, false, third.check), Cancelled);
    assert.equal(third.asked(), 3, 'not asked again after it said cancelled');
    assert.ok(plansRead() < 3, `${plansRead()} plans read`);
  });

  test('rename: without cancellation every plan is edited, and the check is asked between files', () => {
    const { ws, catalog, plansRead } = workspace();
    const never = cancelledAt(Infinity);
    const result = renameAt(ws, catalog, AD, 'AD', never.check);
    assert.ok(result && 'edits' in result);
    assert.equal(result.edits.filter((e) => e.file.endsWith('.plan.yaml')).length, PLANS);
    assert.equal(plansRead(), PLANS);
    assert.ok(never.asked() >= 2 * PLANS, `asked ${never.asked()} times (finding the uses, then editing)`);
  });

  test('rename: once the check says cancelled, no further file is read and Cancelled is thrown', () => {
    const { ws, catalog, plansRead } = workspace();
    const fifth = cancelledAt(5);
    assert.throws(() => renameAt(ws, catalog, AD, 'AD', fifth.check), Cancelled);
    assert.equal(fifth.asked(), 5, 'not asked again after it said cancelled');
    assert.ok(plansRead() < 5, `${plansRead()} plans read`);
  });
});
