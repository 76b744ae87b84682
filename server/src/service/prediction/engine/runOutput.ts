/**
 * What one or many Monte Carlo runs produce: milestone times and outcome codes in typed arrays,
 * and the raw events of a replayed run.
 */

/** Outcome codes (the keys of `Outcomes` are listed in `OUTCOME_KEYS`, in display order). */
export const OUT_SUCCESS = 0;
export const OUT_PARTIAL = 1;
export const OUT_FAILED = 2;
export const OUT_UNVERIFIABLE = 3;
export const OUT_STALLED = 4;
export const OUT_DRIFT = 5;
export const OUT_RECOVERED = 6;
export const OUT_NOT_FULFILLED = 7;
/** Number of outcome codes. */
export const OUTCOME_CODES = 8;

/** Raw event kinds of a replayed run (worded in `events.ts`). */
export const EV_QUEUED = 1;
export const EV_STARTED = 2;
export const EV_RETRY = 3;
/** detail: 1 when the retries are used up, 0 when the error is not retryable. */
export const EV_FAILED = 4;
/** detail: 1 for a partial success. */
export const EV_COMMITTED = 5;
export const EV_VISIBLE = 6;
/** detail: start of the aggregation run. */
export const EV_VERIFIED = 7;
export const EV_UNVERIFIABLE = 8;
export const EV_WORK_ITEM = 9;
export const EV_UNASSIGNED = 10;
export const EV_MARKED_COMPLETE = 11;
/** detail: start of the aggregation run that finds the change missing. */
export const EV_DRIFT_FOUND = 12;
/** detail (ticket events): index of the status in the ticket process. */
export const EV_TICKET_CREATED = 13;
export const EV_TICKET_STATUS = 14;
export const EV_STATUS_CHECK = 15;
export const EV_GAVE_UP = 16;
/** A manual task still open at the end of the simulated horizon. */
export const EV_HORIZON = 17;
/** Identity refresh re-evaluates the access and attempts it once more (detail: unused). */
export const EV_REFRESH = 18;

/** Receives the events of a replayed run. */
export interface EventSink {
  add(kind: number, unit: number, minutes: number, attempt: number, detail: number): void;
}

/**
 * The run being simulated: the seed of the run (as `runSeed` gives it), where its numbers go
 * (column `column` of `out`) and, when it is replayed, the sink of its events (else null).
 */
export interface RunTarget {
  readonly seedOfRun: number;
  readonly out: RunOutput;
  readonly column: number;
  readonly sink: EventSink | null;
}

/**
 * Milestones and outcomes of many runs, NaN where a milestone is not reached. The value of unit
 * `u` in run column `c` is at `u * unitStep + c * runStep`. Run-major: a run writes one
 * contiguous stretch (measured faster than unit-major, whose writes scatter over all units).
 */
export class RunOutput {
  /** Number of run columns. */
  readonly runs: number;
  readonly unitStep: number;
  readonly runStep: number;
  readonly started: Float64Array;
  readonly committed: Float64Array;
  readonly verified: Float64Array;
  /**
   * When the item leaves PENDING in its first attempt (ISC's account activity reads this): its
   * commit, or its final failure; NaN when it never does (stalled, still open at the horizon).
   */
  readonly settled: Float64Array;
  readonly outcome: Uint8Array;
  /**
   * When the identity-refresh attempt committed (connector) or was marked complete (manual); NaN
   * when there was none or it failed. `started` and `committed` keep the FIRST attempt's times (a
   * failed first attempt never commits: NaN); an OUT_RECOVERED unit has `verified` when the
   * repaired access is verified, NaN when its source is never aggregated.
   */
  readonly repaired: Float64Array;
  /** Per run: when the plan's last approval was given; NaN when the plan has no approvals. */
  readonly approved: Float64Array;
  /** Per run: when the last unit settled (verified, or its final state otherwise). */
  readonly runEnd: Float64Array;

  constructor(units: number, runs: number) {
    this.runs = runs;
    this.unitStep = 1;
    this.runStep = units;
    this.started = new Float64Array(units * runs);
    this.committed = new Float64Array(units * runs);
    this.verified = new Float64Array(units * runs);
    this.settled = new Float64Array(units * runs);
    this.outcome = new Uint8Array(units * runs);
    this.repaired = new Float64Array(units * runs);
    this.approved = new Float64Array(runs);
    this.runEnd = new Float64Array(runs);
  }

  /** Index of unit `u` in run column `column`. */
  at(u: number, column: number): number {
    return u * this.unitStep + column * this.runStep;
  }
}
