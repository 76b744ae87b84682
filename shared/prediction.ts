/**
 * What a prediction says about each account request: its channel, milestones and outcome shares.
 * The wire contract between the plan service (which computes it), the CLI's JSON output, and the
 * VS Code client and its dry-run view (which show it). Types and constants only.
 */

/** Monte Carlo runs and seed of a prediction when nobody asks for others (CLI, settings, dry-run view). */
export const DEFAULT_RUNS = 1000;
export const DEFAULT_SEED = 1;

/** How ISC fulfils a request: its own connector, a manual work item, a ticket through an SDIM; unknown without a catalog entry. */
export type Channel = 'connector' | 'manual' | 'ticketing' | 'unknown';

/** A milestone's time from submission, over the runs that reach it; null when reached in < 1 % of runs. */
export type MilestoneQuantiles = { p50Minutes: number; p90Minutes: number } | null;

export interface Milestones {
  started: MilestoneQuantiles;
  committed: MilestoneQuantiles;
  verified: MilestoneQuantiles;
}

/** Shares of the runs ending in each outcome; they sum to 1. */
export interface Outcomes {
  success: number;
  partial: number;
  failed: number;
  unverifiable: number;
  stalled: number;
  drift: number;
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
  milestones: Milestones;
  /** Null when the channel is unknown: nothing can be predicted. */
  outcomes: Outcomes | null;
  parts: PartPrediction[];
}
