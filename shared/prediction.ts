/**
 * What a prediction says about each account request: its channel, milestones and outcome shares.
 * The wire contract between the plan service (which computes it), the CLI's JSON output, and the
 * VS Code client and its dry-run view (which show it). Types, constants and their zero values.
 */

/**
 * The ranges a simulation's numbers and scenarios must be in, wherever they come from: the CLI's
 * flags, the view's controls, any client's dry-run request (docs/formats.md#limits).
 */
export const SIMULATION_LIMITS = {
  maxRuns: 100_000,
  maxScenarios: 8,
  maxSpecLength: 300,
  maxSeed: 2 ** 31 - 1,
  maxMomentHours: 24 * 365,
  /** Longest `at`: an ISO 8601 time with an offset is 35 characters at most. */
  maxAtLength: 64,
} as const;

/** Monte Carlo runs and seed of a prediction when nobody asks for others (CLI, settings, dry-run view). */
export const DEFAULT_RUNS = 1000;
export const DEFAULT_SEED = 1;

/**
 * How ISC fulfils a request: its own connector, a manual work item, a ticket through an SDIM;
 * `none` when ISC does nothing for it (a Lock, a password change on a source that cannot take
 * one); unknown without a catalog entry.
 */
export type Channel = (typeof CHANNELS)[number];

/** Every channel, in the order summaries list them. */
export const CHANNELS = ['connector', 'manual', 'ticketing', 'none', 'unknown'] as const;

/** A count per channel, all zero. */
export function zeroPerChannel(): Record<Channel, number> {
  return { connector: 0, manual: 0, ticketing: 0, none: 0, unknown: 0 };
}

/** A milestone's time from submission, over the runs that reach it; null when reached in < 1 % of runs. */
export type MilestoneQuantiles = { p50Minutes: number; p90Minutes: number } | null;

export interface Milestones {
  /** The last approval is given (only when the plan's `origin` lists approvals). */
  approved: MilestoneQuantiles;
  started: MilestoneQuantiles;
  committed: MilestoneQuantiles;
  verified: MilestoneQuantiles;
}

/** Shares of the runs ending in each outcome; they sum to 1. */
export interface Outcomes {
  success: number;
  /** Failed or drifted first, then put right by the identity refresh that re-evaluates the access. */
  recovered: number;
  partial: number;
  failed: number;
  unverifiable: number;
  stalled: number;
  drift: number;
  /** ISC does nothing for the request (channel `none`). */
  'not-fulfilled': number;
}

/** ISC's account activity `completionStatus` (its spelling, without null), PENDING while items are open. */
export type CompletionStatus = 'SUCCESS' | 'FAILURE' | 'INCOMPLETE' | 'PENDING';

/** Every completion status, in the order outputs list them. */
export const COMPLETION_STATUSES: readonly CompletionStatus[] = [
  'SUCCESS',
  'INCOMPLETE',
  'FAILURE',
  'PENDING',
];

/**
 * One plan is one ISC account activity: when it completes, and how its `completionStatus` ends
 * over the runs (shares summing to 1; PENDING when an item never settles in the horizon).
 */
export interface ActivityPrediction {
  /** Time from submission to `executionStatus` COMPLETED over the runs that complete; null below 1 %. */
  completed: MilestoneQuantiles;
  completionStatus: Record<CompletionStatus, number>;
}

export interface PartPrediction {
  part: 'permissionRequests';
  channel: Channel;
  target: string | null;
  reasons: string[];
  milestones: Milestones;
  outcomes: Outcomes | null;
}

/** The prediction of one request, as `isc-plan predict --format json` prints it. */
export interface RequestPrediction {
  index: number;
  source: string;
  operation: string;
  channel: Channel;
  target: string | null;
  reasons: string[];
  /** Every default the model used for this request, in words . */
  assumptions: string[];
  /**
   * Where the figures learned from the tenant's history come from ("Salesforce: failure rate
   * learned from 412 activities (Sep–Nov 2026) by isc-plan calibrate."); absent when none is.
   */
  learned?: string[];
  milestones: Milestones;
  /** Null when the channel is unknown: nothing can be predicted. */
  outcomes: Outcomes | null;
  parts: PartPrediction[];
}
