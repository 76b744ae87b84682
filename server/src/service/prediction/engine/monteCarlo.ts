/**
 * The Monte Carlo loop over runs, and the summaries of its typed arrays: milestone percentiles
 * over the runs that reach them, outcome shares, and the representative run.
 */

import type { Milestones, MilestoneQuantiles, Outcomes } from '../../../../../shared/prediction';
import type { ConnectorGroup, SimulationState } from './compiledPlan';
import type { EventSink, RunTarget } from './runOutput';
import {
  OUTCOME_CODES,
  OUT_DRIFT,
  OUT_FAILED,
  OUT_NOT_FULFILLED,
  OUT_PARTIAL,
  OUT_RECOVERED,
  OUT_STALLED,
  OUT_SUCCESS,
  OUT_UNVERIFIABLE,
  RunOutput,
} from './runOutput';
import { runConnectorGroup, runManual, runTicket } from './processes';
import { runSeed } from './random';
import { round } from '../../../../../shared/format';
import type { Steps } from '../../work/steps';
import { runSteps } from '../../work/steps';

/** The units one run simulates: connector groups (one queue each), manual work items, tickets. */
export interface RunUnits {
  readonly groups: readonly ConnectorGroup[];
  readonly manual: Int32Array;
  readonly tickets: Int32Array;
}

/**
 * Simulates run `run` of `units` (by default all of the model's; after an edit, the ones it
 * changed) and writes their cells of column `column` of `out`; `out.runEnd[column]` is raised to
 * the latest time a unit settles (a new column starts at 0). Every unit draws from its own stream,
 * so its numbers do not depend on which other units run beside it, except within its connector
 * group. With a sink, the run's events are reported as they happen; the numbers are the same with
 * or without one.
 */
export function runOnce(
  sim: SimulationState,
  seed: number,
  run: number,
  out: RunOutput,
  column: number,
  sink: EventSink | null,
  units: RunUnits = sim,
): void {
  const target: RunTarget = { seedOfRun: runSeed(seed, run), out, column, sink };
  // The approvals draw from a stream of their own, so a partial re-run sees the same start.
  const approval = sim.approval;
  const begin = approval === null ? 0 : approval.approvedAt(target.seedOfRun, null);
  sim.begin[0] = begin;
  out.approved[column] = approval === null ? NaN : begin;
  const groups = units.groups;
  for (let g = 0; g < groups.length; g++) runConnectorGroup(sim, groups[g]!, target);
  const manual = units.manual;
  for (let k = 0; k < manual.length; k++) runManual(sim, manual[k]!, target);
  const tickets = units.tickets;
  for (let k = 0; k < tickets.length; k++) runTicket(sim, tickets[k]!, target);
}

/** Runs the model `runs` times with `seed`. */
export function runMonteCarlo(sim: SimulationState, runs: number, seed: number): RunOutput {
  return runSteps(runMonteCarloSteps(sim, runs, seed));
}

/** {@link runMonteCarlo} as steps, one a run (a run of 10,000 requests takes some milliseconds). */
export function* runMonteCarloSteps(sim: SimulationState, runs: number, seed: number): Steps<RunOutput> {
  const out = new RunOutput(sim.units.length, runs);
  for (let run = 0; run < runs; run++) {
    runOnce(sim, seed, run, out, run, null);
    yield { done: (run + 1) / runs };
  }
  return out;
}

/** The value at quantile `p` of the first `n` sorted values (linear interpolation). */
function quantileOf(sorted: Float64Array, n: number, p: number): number {
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = lo + 1 < n ? lo + 1 : lo;
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Moves the k-th smallest of values[lo..hi] to index k (smaller before, larger after). */
function select(values: Float64Array, lo: number, hi: number, k: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const a = values[lo]!;
    const b = values[mid]!;
    const c = values[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** The smallest of values[from..to], or `fallback` when the range is empty. */
function minimum(values: Float64Array, from: number, to: number, fallback: number): number {
  let min = fallback;
  for (let i = from; i <= to; i++) if (i === from || values[i]! < min) min = values[i]!;
  return min;
}

/**
 * Quantile `p` (linear interpolation, as over sorted values) of values[0..n), in expected linear
 * time; values right of the result's index end up >= it, so quantiles are taken in rising order.
 */
function quantileInPlace(values: Float64Array, n: number, p: number, from: number): number {
  const h = (n - 1) * p;
  const k = Math.floor(h);
  select(values, from, n - 1, k);
  const low = values[k]!;
  if (h === k) return low;
  return low + (h - k) * (minimum(values, k + 1, n - 1, low) - low);
}

/** p50 and p90 (unrounded) of one unit's milestone over the runs that reach it, or null. */
function milestoneOf(
  values: Float64Array,
  out: RunOutput,
  unit: number,
  scratch: Float64Array,
): [number, number] | null {
  return quantilesOf(values, out.runs, unit * out.unitStep, out.runStep, scratch);
}

/**
 * p50 and p90 (unrounded) of `runs` values from `first`, `step` apart, over those that are not
 * NaN; null when fewer than 1 % of them (or none) are numbers.
 */
function quantilesOf(
  values: Float64Array,
  runs: number,
  first: number,
  step: number,
  scratch: Float64Array,
): [number, number] | null {
  let n = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let r = 0, i = first; r < runs; r++, i += step) {
    const v = values[i]!;
    if (v !== v) continue;
    scratch[n++] = v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0 || n < runs * 0.01) return null;
  if (min === max) return [min, min];
  const p50 = quantileInPlace(scratch, n, 0.5, 0);
  const p90 = quantileInPlace(scratch, n, 0.9, Math.floor((n - 1) * 0.5));
  return [p50, p90];
}

function asQuantiles(pair: [number, number] | null): MilestoneQuantiles {
  return pair === null ? null : { p50Minutes: round(pair[0]), p90Minutes: round(pair[1]) };
}

/** p50 and p90 of one value per run (NaN where the run does not reach it), by the rules of a milestone. */
export function quantilesOverRuns(values: Float64Array): MilestoneQuantiles {
  return asQuantiles(quantilesOf(values, values.length, 0, 1, new Float64Array(values.length)));
}

/** The plan's `approved` milestone: one value per run, the same for every unit, so taken once per summary. */
export function approvedMilestone(out: RunOutput, scratch: Float64Array): MilestoneQuantiles {
  return asQuantiles(quantilesOf(out.approved, out.runs, 0, 1, scratch));
}

/**
 * Milestone percentiles of one unit. They are taken over different sets of runs (a run that fails
 * starts but never commits), so they are made monotone: approved <= started <= committed <= verified.
 */
export function milestonesOf(
  out: RunOutput,
  unit: number,
  scratch: Float64Array,
  approved: MilestoneQuantiles,
): Milestones {
  const started = milestoneOf(out.started, out, unit, scratch);
  const committed = milestoneOf(out.committed, out, unit, scratch);
  const verified = milestoneOf(out.verified, out, unit, scratch);
  if (started && committed) {
    committed[0] = Math.max(committed[0], started[0]);
    committed[1] = Math.max(committed[1], started[1]);
  }
  const floor = committed ?? started;
  if (floor && verified) {
    verified[0] = Math.max(verified[0], floor[0]);
    verified[1] = Math.max(verified[1], floor[1]);
  }
  return {
    approved,
    started: asQuantiles(started),
    committed: asQuantiles(committed),
    verified: asQuantiles(verified),
  };
}

/** The key of each outcome code, and (by their order here) the order outputs list outcomes in. */
const OUTCOME_KEYS: readonly (readonly [keyof Outcomes, number])[] = [
  ['success', OUT_SUCCESS],
  ['recovered', OUT_RECOVERED],
  ['partial', OUT_PARTIAL],
  ['failed', OUT_FAILED],
  ['unverifiable', OUT_UNVERIFIABLE],
  ['stalled', OUT_STALLED],
  ['drift', OUT_DRIFT],
  ['not-fulfilled', OUT_NOT_FULFILLED],
];
const SHARE_UNITS = 10_000;

/**
 * `counts[code]` out of `total` as shares in steps of 0.0001 that sum to exactly 1 (largest
 * remainder), indexed like `counts`.
 */
export function sharesOf(counts: readonly number[], total: number): number[] {
  const units = counts.map((count) => Math.floor((count * SHARE_UNITS) / total));
  let missing = SHARE_UNITS - units.reduce((a, b) => a + b, 0);
  const order = counts
    .map((count, index) => ({ index, rest: (count * SHARE_UNITS) % total }))
    .sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (const { index } of order) {
    if (missing <= 0) break;
    units[index]!++;
    missing--;
  }
  return units.map((unit) => unit / SHARE_UNITS);
}

/** Outcome shares of one unit, in steps of 0.0001 that sum to exactly 1. */
export function outcomesOf(out: RunOutput, unit: number): Outcomes {
  const runs = out.runs;
  const counts = new Array<number>(OUTCOME_CODES).fill(0);
  for (let r = 0; r < runs; r++) counts[out.outcome[out.at(unit, r)]!]!++;
  return outcomesFromShares(sharesOf(counts, runs));
}

/** The outcomes of a request ISC does nothing for (channel `none`). */
export function notFulfilled(): Outcomes {
  const counts = new Array<number>(OUTCOME_CODES).fill(0);
  counts[OUT_NOT_FULFILLED] = 1;
  return outcomesFromShares(counts);
}

function outcomesFromShares(shares: readonly number[]): Outcomes {
  const outcomes = {} as Outcomes;
  for (const [key, code] of OUTCOME_KEYS) outcomes[key] = shares[code]!;
  return outcomes;
}

/** The run whose time to the last settled unit is closest to the median (lowest index on ties). */
export function representativeRun(out: RunOutput): number {
  const runs = out.runs;
  const sorted = Float64Array.from(out.runEnd).sort();
  const median = quantileOf(sorted, runs, 0.5);
  let best = 0;
  let bestDistance = Infinity;
  for (let r = 0; r < runs; r++) {
    const distance = Math.abs(out.runEnd[r]! - median);
    if (distance < bestDistance) {
      best = r;
      bestDistance = distance;
    }
  }
  return best;
}
