/**
 * Identity refresh repairs (docs/prediction-model.md#identity-refresh): access that a role, an
 * access profile or a lifecycle state grants is re-evaluated at identity refresh, which attempts a
 * failed or drifted request once more. The connector's refresh attempt runs in its queue
 * (`processes.ts`); the manual one is here.
 */

import type { BusinessCalendar } from '../../time/calendars';
import type { RunOutput, RunTarget } from './runOutput';
import type { SimulationState } from './compiledPlan';
import { drawUniform } from './random';
import { EV_MARKED_COMPLETE, EV_REFRESH, EV_VERIFIED, OUT_RECOVERED } from './runOutput';

/**
 * The identity-refresh attempt of the unit at cell `at` succeeded at `repairedAt`: the outcome is
 * `recovered` and `repaired` records the time; `committed` keeps the first attempt's.
 */
export function recovered(out: RunOutput, at: number, repairedAt: number): void {
  out.outcome[at] = OUT_RECOVERED;
  out.repaired[at] = repairedAt;
}

/** Business minutes at `times[u]`, counted from `from`, in place: the time they have passed. */
export function completeFrom(business: BusinessCalendar, times: Float64Array, u: number, from: number): void {
  if (from === 0) business.completeInPlace(times, u);
  else times[u] = business.addBusinessMinutes(from, times[u]!);
}

/**
 * A drifted work item (marked complete at `sim.times[u]`) of an access that identity refresh
 * re-evaluates: once the aggregation shows the change missing, the next refresh re-issues the work
 * item; it is completed (and may drift again) like the first. Draws: completion, drift.
 */
export function repairManual(sim: SimulationState, u: number, run: RunTarget): void {
  const { states, times, reg } = sim;
  const { out, column, sink } = run;
  const unit = sim.units[u]!;
  const aggregation = unit.aggregation!;
  aggregation.verifyInPlace(times, u);
  unit.refresh!.verifyInPlace(times, u);
  const refresh = times[u]!;
  if (refresh !== refresh) return;
  if (sink !== null) sink.add(EV_REFRESH, u, refresh, 0, 0);
  drawUniform(states, u, times, u);
  unit.completion.apply(times, u);
  completeFrom(unit.business!, times, u, refresh);
  drawUniform(states, u, reg, 0);
  const done = times[u]!;
  if (done !== done) return;
  if (sink !== null) sink.add(EV_MARKED_COMPLETE, u, done, 0, 0);
  if (reg[0]! < unit.driftRate) return;
  aggregation.verifyInPlace(times, u);
  const verified = times[u]!;
  const at = u + column * out.runStep;
  out.verified[at] = verified;
  recovered(out, at, done);
  const settled = verified === verified ? verified : done;
  if (settled > out.runEnd[column]!) out.runEnd[column] = settled;
  if (sink !== null && verified === verified) {
    sink.add(EV_VERIFIED, u, verified, 0, verified - aggregation.durationMinutes);
  }
}
