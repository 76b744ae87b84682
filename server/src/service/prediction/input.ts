import type { MergedCatalog } from '../catalog/types';
import type { Channel, ChannelDecision } from '../channel/decideChannel';

/** What the delay model needs to know about one account request of a plan. */
export interface PredictionRequest {
  /** Index of the request in its plan document, from 0. */
  index: number;
  /** The source as the request names it. */
  source: string;
  /** The operation as written (Create, Modify, ...). */
  operation: string;
  /** `nativeIdentity`, when given. */
  nativeIdentity?: string;
  decision: ChannelDecision;
  /** The attribute requests, for partial success and for the trigger payload. */
  attributeRequests: { name: string; operation: string; value: unknown }[];
  /** How many permission requests the request has. */
  permissionCount: number;
}

/** The plan-level facts a dry run reports (trigger payload, perspectives). */
export interface PlanFacts {
  name?: string;
  trackingId?: string;
  identity?: { name: string; id?: string };
  requester?: { name: string; id?: string };
}

/** A "what if" of prediction.md §3. */
export type Scenario =
  | { kind: 'outage'; source: string; hours: number; spec: string }
  | { kind: 'away'; owner: string; days: number; spec: string }
  | { kind: 'backlog'; integration: string; factor: number; spec: string }
  | { kind: 'failure'; source: string; rate: number; spec: string };

export interface PredictionOptions {
  /** Submission time, epoch milliseconds (UTC). */
  submittedAt: number;
  /** Monte Carlo runs; default 1,000. */
  runs: number;
  /** Seed of the pseudo-random generator; default 1. */
  seed: number;
}

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

/** The prediction of one request, in the shape of features.md §3 (`predict --format json`). */
export interface RequestPrediction {
  index: number;
  source: string;
  operation: string;
  channel: Channel;
  target: string | null;
  reasons: string[];
  /** Every default the model used for this request, in words (prediction.md §2). */
  assumptions: string[];
  milestones: Milestones;
  /** Null when the channel is unknown: nothing can be predicted. */
  outcomes: Outcomes | null;
  parts: PartPrediction[];
}

export interface PredictionInput {
  requests: PredictionRequest[];
  catalog: MergedCatalog | undefined;
  plan: PlanFacts;
  options: PredictionOptions;
}
