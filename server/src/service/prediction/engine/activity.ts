/**
 * One plan is one ISC account activity (docs/prediction-model.md#activity): its `executionStatus`
 * and `completionStatus` follow from the states of all its items. This module reads, per run, how
 * each unit's item ends (from the run output) and summarises the activity over the runs.
 */

import type { ActivityPrediction, CompletionStatus } from '../../../../../shared/prediction';
import type { ExecutionStatus } from '../../../../../shared/simulation';
import type { CompiledPlan, SimUnit } from './compiledPlan';
import { KIND_MANUAL } from './compiledPlan';
import type { RunOutput } from './runOutput';
import { OUT_PARTIAL, OUT_UNVERIFIABLE } from './runOutput';
import { quantilesOverRuns, sharesOf } from './monteCarlo';
import { VERIFY_PASSWORD } from './verification';

/** How an item ends for its activity. */
export const ITEM_OPEN = 0;
/** Provisioned: verified (FINISHED), or committed on a source never aggregated (UNVERIFIABLE). */
export const ITEM_PROVISIONED = 1;
/** Committed with some attribute requests failed on their own (partial success). */
export const ITEM_PARTLY = 2;
/** Not provisioned: FAILED (a later repair by identity refresh is a later activity), or ISC does nothing for it. */
export const ITEM_NOT_PROVISIONED = 3;

/** What the activity sees of one item in one run: when it leaves PENDING, when it is final, and how. */
export interface ItemEnd {
  /** Leaves PENDING (committed or failed); NaN when it never does. */
  left: number;
  /** Reaches a final state (FINISHED, UNVERIFIABLE, FAILED); NaN when it never does. */
  final: number;
  /** ITEM_*; ITEM_OPEN when never final. */
  state: number;
}

/** A manual work item nobody receives: its item stays PENDING (docs/isc-behaviour.md#manual-no-owner). */
function nobodyWorksIt(unit: SimUnit): boolean {
  return unit.kind === KIND_MANUAL && (unit.unassigned || unit.business === null);
}

/** How the item of unit `u` ends in run column `column` of `out`. */
export function itemEnd(unit: SimUnit, out: RunOutput, u: number, column: number): ItemEnd {
  const at = out.at(u, column);
  const committed = out.committed[at]!;
  const verified = out.verified[at]!;
  const outcome = out.outcome[at]!;
  if (committed === committed) {
    // Committed in this activity. Drift stays COMMITED: no aggregation finds the change.
    const state = outcome === OUT_PARTIAL ? ITEM_PARTLY : ITEM_PROVISIONED;
    if (verified === verified) return { left: committed, final: verified, state };
    // A password change is never verified by design: final at its commit.
    if (outcome === OUT_UNVERIFIABLE || outcome === OUT_PARTIAL || unit.verification === VERIFY_PASSWORD) {
      return { left: committed, final: committed, state };
    }
    return { left: committed, final: NaN, state: ITEM_OPEN };
  }
  const settled = out.settled[at]!;
  if (settled !== settled || nobodyWorksIt(unit)) return { left: NaN, final: NaN, state: ITEM_OPEN };
  return { left: settled, final: settled, state: ITEM_NOT_PROVISIONED };
}

/** The activity's `completionStatus` once every item is final. */
function statusOf(provisioned: number, partly: number, notProvisioned: number): CompletionStatus {
  if (partly === 0 && notProvisioned === 0) return 'SUCCESS';
  if (provisioned === 0 && partly === 0) return 'FAILURE';
  return 'INCOMPLETE';
}

/** The items of a plan: its simulated units, and how many requests ISC does nothing for (channel none). */
export interface ActivityItems {
  units: readonly number[];
  /** Requests with channel `none`: never provisioned, final at submission. */
  notFulfilled: number;
}

/** Every unit of the compiled plan, and its requests with channel `none`; null when the plan has no item. */
export function activityItems(compiled: CompiledPlan, channels: readonly string[]): ActivityItems | null {
  const units = compiled.unitsOf.flatMap(({ main, parts }) => (main < 0 ? parts : [main, ...parts]));
  const notFulfilled = channels.filter((channel) => channel === 'none').length;
  return units.length + notFulfilled === 0 ? null : { units, notFulfilled };
}

/** The activity of one run: when it completes (NaN: not in the horizon) and its final `completionStatus`. */
export function runActivity(
  compiled: CompiledPlan,
  items: ActivityItems,
  out: RunOutput,
  column: number,
): { completed: number; status: CompletionStatus } {
  const counts = [0, 0, 0, items.notFulfilled];
  let completed = 0;
  for (const u of items.units) {
    const end = itemEnd(compiled.state.units[u]!, out, u, column);
    if (end.state === ITEM_OPEN) return { completed: NaN, status: 'PENDING' };
    counts[end.state]!++;
    if (end.final > completed) completed = end.final;
  }
  const status = statusOf(counts[ITEM_PROVISIONED]!, counts[ITEM_PARTLY]!, counts[ITEM_NOT_PROVISIONED]!);
  return { completed, status };
}

const ORDER: readonly CompletionStatus[] = ['SUCCESS', 'FAILURE', 'INCOMPLETE', 'PENDING'];

/**
 * The plan's account activity over all runs of `out`: when it reaches `executionStatus` COMPLETED
 * (over the runs that complete, null below 1 %) and the shares of its final `completionStatus`
 * (PENDING where an item is still open at the horizon), summing to exactly 1.
 */
export function activityOf(
  compiled: CompiledPlan,
  channels: readonly string[],
  out: RunOutput,
): ActivityPrediction | null {
  const items = activityItems(compiled, channels);
  if (items === null) return null;
  const completed = new Float64Array(out.runs);
  const counts = [0, 0, 0, 0];
  for (let r = 0; r < out.runs; r++) {
    const run = runActivity(compiled, items, out, r);
    completed[r] = run.completed;
    counts[ORDER.indexOf(run.status)]!++;
  }
  const shares = sharesOf(counts, out.runs);
  const completionStatus = {} as Record<CompletionStatus, number>;
  ORDER.forEach((status, k) => (completionStatus[status] = shares[k]!));
  return { completed: quantilesOverRuns(completed), completionStatus };
}

/** The activity's two words at one moment of a replayed run. */
export interface ActivityWords {
  executionStatus: ExecutionStatus;
  completionStatus: CompletionStatus;
}

/**
 * The activity's words over one replayed run (column `column` of `out`): EXECUTING while an item
 * is still PENDING or RETRY; VERIFYING once every item has left PENDING and one awaits
 * verification; COMPLETED with its final `completionStatus` once every item is final.
 */
export class ActivityTimeline {
  private readonly leftAll: number;
  private readonly finalAll: number;
  private readonly status: CompletionStatus;

  constructor(compiled: CompiledPlan, items: ActivityItems, out: RunOutput, column: number) {
    let left = 0;
    for (const u of items.units) {
      const end = itemEnd(compiled.state.units[u]!, out, u, column);
      left = end.left === end.left ? Math.max(left, end.left) : Infinity;
    }
    const run = runActivity(compiled, items, out, column);
    this.leftAll = left;
    this.finalAll = run.completed === run.completed ? run.completed : Infinity;
    this.status = run.status;
  }

  /** The words at `minutes` after submission. */
  at(minutes: number): ActivityWords {
    if (minutes >= this.finalAll) return { executionStatus: 'COMPLETED', completionStatus: this.status };
    const executionStatus = minutes >= this.leftAll ? 'VERIFYING' : 'EXECUTING';
    return { executionStatus, completionStatus: 'PENDING' };
  }

  /** When the activity completes (minutes), or null when it does not in the horizon. */
  get completedAt(): number | null {
    return Number.isFinite(this.finalAll) ? this.finalAll : null;
  }

  /** The final `completionStatus` of this run (PENDING when it never completes). */
  get finalStatus(): CompletionStatus {
    return this.status;
  }
}
