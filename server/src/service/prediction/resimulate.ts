/**
 * The editor's prediction after an edit: re-simulates only what the edit can change and keeps the
 * rest, so a keystroke in a 10,000-request plan neither re-runs nor re-allocates 10,000 predictions.
 *
 * Exact by construction: every unit draws from its own random stream, seeded by its index (see
 * `processes.ts`), and only connector units of one queue interact. When the edit leaves every
 * request's units at the same indexes, the runs of the other units are the same numbers a full
 * prediction would compute; the property tests compare the two after random edit sequences.
 */

import type { CompiledPlan } from './engine/compiledPlan';
import { compilePlan, sharedSimulationCache } from './engine/compiledPlan';
import type { PredictionRun } from './predict';
import { planActivity, runCompiled, runsOf, seedOf, summarizeRequest } from './predict';
import type { RunUnits } from './engine/monteCarlo';
import { approvedMilestone, runOnce } from './engine/monteCarlo';
import type { RunOutput } from './engine/runOutput';
import type { PredictionInput, PredictionRequest } from './input/predictionInput';

/**
 * A prediction with what the next one needs. Its `out.runEnd` is not kept up to date by
 * {@link predictKeeping}: only the per-unit milestones and outcomes are (the dry run runs its own).
 */
export interface KeptPrediction extends PredictionRun {
  input: PredictionInput;
}

/**
 * Predicts every request of `input`, reusing `previous` (the prediction of the same document
 * before an edit) where the edit cannot have changed anything. `previous` is consumed: its run
 * output is updated in place. Same result as `predictPlan(input)`.
 */
export function predictKeeping(input: PredictionInput, previous: KeptPrediction | undefined): KeptPrediction {
  const changed = previous && sameSetting(previous, input) ? changedRequests(previous, input) : undefined;
  // No request changed (an edit to a comment or the header): nothing to compile or run.
  if (previous && changed?.length === 0) return { ...previous, input };
  const compiled = compilePlan(input, [], sharedSimulationCache(input.options.submittedAt));
  if (previous && changed && sameLayout(previous.compiled, compiled)) {
    return update(previous, input, compiled, changed);
  }
  return { ...runCompiled(input, compiled), input };
}

function sameSetting(previous: KeptPrediction, input: PredictionInput): boolean {
  const before = previous.input;
  return (
    before.catalog === input.catalog &&
    before.requests.length === input.requests.length &&
    runsOf(before) === runsOf(input) &&
    seedOf(before) === seedOf(input) &&
    before.options.submittedAt === input.options.submittedAt &&
    JSON.stringify(before.plan.origin) === JSON.stringify(input.plan.origin)
  );
}

/** Every request has its units at the same indexes (so every unit keeps its random stream). */
function sameLayout(before: CompiledPlan, after: CompiledPlan): boolean {
  if (before.state.units.length !== after.state.units.length) return false;
  return before.unitsOf.every((units, position) => {
    const now = after.unitsOf[position]!;
    return (
      units.main === now.main &&
      units.parts.length === now.parts.length &&
      units.parts.every((unit, k) => unit === now.parts[k])
    );
  });
}

/** Whether two requests are the same to the delay model (decisions are kept for requests an edit did not touch). */
function sameRequest(a: PredictionRequest, b: PredictionRequest): boolean {
  return (
    a.decision === b.decision &&
    a.index === b.index &&
    a.source === b.source &&
    a.operation === b.operation &&
    a.permissionCount === b.permissionCount &&
    a.nativeIdentity === b.nativeIdentity &&
    a.attributeRequests.length === b.attributeRequests.length &&
    a.attributeRequests.every((attribute, k) => {
      const other = b.attributeRequests[k]!;
      return (
        attribute.name === other.name &&
        attribute.operation === other.operation &&
        attribute.value === other.value
      );
    })
  );
}

/** The positions of the requests that differ from the previous input's (same count). */
function changedRequests(previous: KeptPrediction, input: PredictionInput): number[] {
  return input.requests.flatMap((request, position) =>
    sameRequest(previous.input.requests[position]!, request) ? [] : [position],
  );
}

function update(
  previous: KeptPrediction,
  input: PredictionInput,
  compiled: CompiledPlan,
  changed: number[],
): KeptPrediction {
  const rerun = unitsToRerun(previous.compiled, compiled, changed);
  const out = previous.out;
  resimulate(compiled, rerun, out, previous.runs, previous.seed);
  const requests = previous.requests.slice();
  const scratch = new Float64Array(out.runs);
  const approved = approvedMilestone(out, scratch);
  // A changed request may own no unit at all (its channel is unknown): it is summarized again all the same.
  for (const position of new Set([...changed, ...positionsOf(compiled, rerun)])) {
    requests[position] = summarizeRequest(input, compiled, out, position, scratch, approved);
  }
  const activity = planActivity(input, compiled, out);
  return { compiled, out, runs: previous.runs, seed: previous.seed, requests, activity, input };
}

/** The units of the changed requests, and every unit that shares a connector queue with one of them before or after. */
function unitsToRerun(before: CompiledPlan, after: CompiledPlan, changed: number[]): Uint8Array {
  const rerun = new Uint8Array(after.state.units.length);
  const queues = new Set<string>();
  for (const position of changed) {
    const { main, parts } = after.unitsOf[position]!;
    for (const unit of main < 0 ? parts : [main, ...parts]) {
      rerun[unit] = 1;
      for (const plan of [before, after]) {
        const queue = plan.state.units[unit]!.info.params.connector?.queueKey;
        if (queue !== undefined) queues.add(queue);
      }
    }
  }
  for (const group of after.state.groups) {
    const queue = after.state.units[group.members[0]!]!.info.params.connector?.queueKey;
    if (queue !== undefined && queues.has(queue)) for (const unit of group.members) rerun[unit] = 1;
  }
  return rerun;
}

/** Runs the marked units again for every run, into cleared columns (as a new run output would be). */
function resimulate(
  compiled: CompiledPlan,
  rerun: Uint8Array,
  out: RunOutput,
  runs: number,
  seed: number,
): void {
  const sim = compiled.state;
  const units: RunUnits = {
    groups: sim.groups.filter((group) => rerun[group.members[0]!] === 1),
    manual: sim.manual.filter((unit) => rerun[unit] === 1),
    tickets: sim.tickets.filter((unit) => rerun[unit] === 1),
  };
  const marked: number[] = [];
  rerun.forEach((flag, unit) => {
    if (flag === 1) marked.push(unit);
  });
  for (let run = 0; run < runs; run++) {
    for (const unit of marked) {
      const at = out.at(unit, run);
      out.started[at] = 0;
      out.committed[at] = 0;
      out.verified[at] = 0;
      out.settled[at] = 0;
      out.outcome[at] = 0;
    }
    runOnce(sim, seed, run, out, run, null, units);
  }
}

/** The positions of the requests that own a marked unit. */
function positionsOf(compiled: CompiledPlan, rerun: Uint8Array): Set<number> {
  const positions = new Set<number>();
  rerun.forEach((marked, unit) => {
    if (marked === 1) positions.add(compiled.state.units[unit]!.info.position);
  });
  return positions;
}
