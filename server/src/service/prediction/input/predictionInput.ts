import type { MergedCatalog } from '../../catalog/types';
import type { ChannelDecision } from '../../channel/decideChannel';

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
  /** The attribute requests, for partial success and for the trigger payload; secret values arrive masked (`catalog/secrets.ts`). */
  attributeRequests: { name: string; operation: string; value: unknown }[];
  /** How many permission requests the request has. */
  permissionCount: number;
}

/** How the plan was requested (the plan's `origin`, docs/formats.md#plans). */
export type OriginType = 'accessRequest' | 'role' | 'accessProfile' | 'lifecycle' | 'workflow' | 'api';

/** One approval step of the plan's origin: who approves and how long it takes, in business hours. */
export interface ApprovalStep {
  approver: string;
  hours: { p50: number; p90: number };
}

/** The plan's `origin`: what requested it, its approvals in order, and the escalation deadline. */
export interface PlanOrigin {
  type: OriginType;
  approvals: ApprovalStep[];
  /** Days an approver has before the approval is escalated; undefined: no escalation (ISC's default). */
  escalationDays?: number;
}

/** The plan-level facts a dry run reports (trigger payload, perspectives) and the prediction reads (origin). */
export interface PlanFacts {
  name?: string;
  trackingId?: string;
  /** `displayName` is what ISC's trigger calls the identity's `name`. */
  identity?: { name: string; id?: string; displayName?: string };
  requester?: { name: string; id?: string; displayName?: string };
  origin?: PlanOrigin;
}

/** A "what if" of the dry run (docs/prediction-model.md#scenarios). */
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

export interface PredictionInput {
  requests: PredictionRequest[];
  catalog: MergedCatalog | undefined;
  plan: PlanFacts;
  options: PredictionOptions;
}

/** What a dry run looks at besides the prediction input. */
export interface SimulationOptions {
  /** Hours after submission at which the perspectives look; default: the first verification. */
  moment?: number;
  scenarios: Scenario[];
}
