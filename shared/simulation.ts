/**
 * Output types of the dry run (docs/prediction-model.md#events; `simulate --format json`, docs/formats.md#cli-output),
 * in addition to the prediction types of `types.ts`.
 */

import type {
  ActivityPrediction,
  CompletionStatus,
  MilestoneQuantiles,
  RequestPrediction,
} from './prediction';

export type { CompletionStatus } from './prediction';

/** Account activity `executionStatus` (ISC API enum): the activity's stage, for the whole plan. */
export type ExecutionStatus = 'EXECUTING' | 'VERIFYING' | 'COMPLETED' | 'TERMINATED';
/** Account activity item `provisioningStatus`; ISC spells COMMITED with one T. */
export type ProvisioningStatus = 'PENDING' | 'FINISHED' | 'UNVERIFIABLE' | 'COMMITED' | 'FAILED' | 'RETRY';
/** The admin UI's labels for the provisioning statuses. */
export type UiLabel = 'Pending' | 'Retrying' | 'Committed' | 'Success' | 'Failed' | 'Not Verifiable';
/** What an SDIM status map says about a ticket status. */
export type MappedStatus = 'Queued' | 'Committed' | 'Failed';

/**
 * ISC's own words for a state, as each surface spells them. `executionStatus` and
 * `completionStatus` are the plan's account activity's (one activity per plan, all its items);
 * the others are the item's.
 */
export interface IscWords {
  executionStatus?: ExecutionStatus;
  completionStatus?: CompletionStatus;
  provisioningStatus?: ProvisioningStatus;
  uiLabel?: UiLabel;
  /** Work item `state`. */
  workItemState?: 'Pending' | 'Finished';
  /** The SDIM's own ticket status name. */
  ticketStatus?: string;
  mappedTo?: MappedStatus;
}

/** What happened, one word per step of the three channels. */
export type DryRunEventKind =
  | 'queued'
  | 'started'
  | 'retry'
  | 'failed'
  | 'committed'
  | 'visible'
  | 'verified'
  | 'unverifiable'
  | 'work-item-created'
  | 'unassigned'
  | 'marked-complete'
  | 'drift-found'
  | 'ticket-created'
  | 'ticket-status'
  | 'status-check'
  | 'gave-up'
  | 'still-open'
  /** Identity refresh re-evaluates a role's, access profile's or lifecycle state's access and tries once more. */
  | 'refresh';

/** One event of the representative run, in time order. */
export interface DryRunEvent {
  /** ISO 8601 time (UTC). */
  at: string;
  /** Minutes from submission (2 decimals). */
  minutes: number;
  /** The request's `index` in its plan document. */
  requestIndex: number;
  part?: 'permissionRequests';
  channel: 'connector' | 'manual' | 'ticketing';
  target: string | null;
  /** Connector attempt number, from 1. */
  attempt?: number;
  kind: DryRunEventKind;
  words: IscWords;
  text: string;
}

/** The moment the perspectives look at. */
export interface Moment {
  minutes: number;
  hours: number;
  at: string;
  /** `given` (--moment), `first-verified` (default), or `end-of-run` when nothing is verified. */
  basis: 'given' | 'first-verified' | 'end-of-run';
}

/** The user's question: when will I have access, and why not yet. */
export interface UserView {
  requestIndex: number;
  part?: 'permissionRequests';
  source: string;
  channel: 'connector' | 'manual' | 'ticketing';
  target: string | null;
  /** Whether the change exists on the target at the moment (in the representative run). */
  hasAccess: boolean;
  /** Since when, in minutes, when it does. */
  sinceMinutes: number | null;
  /** When the change is typically made (the committed milestone over all runs). */
  expected: MilestoneQuantiles;
  text: string;
}

/** The four troubleshooting answers for a request still open at the moment. */
export interface AdminView {
  requestIndex: number;
  part?: 'permissionRequests';
  channel: 'connector' | 'manual' | 'ticketing';
  target: string | null;
  /** ISC's words for the request's state at the moment. */
  words: IscWords;
  answers: {
    channel: string;
    /** `queued`, `started` (executing or waiting for a person or ticket), `retrying`, or `executed`. */
    execution: 'queued' | 'started' | 'retrying' | 'executed';
    executionText: string;
    waitingOn: 'person' | 'external-system' | 'isc' | 'nobody';
    waitingOnText: string;
    verified: boolean;
    verifiedText: string;
  };
  text: string;
}

/** One connector attempt as the audit trail shows it. */
export interface AuditAttempt {
  attempt: number;
  minutes: number;
  at: string;
  result: 'running' | 'retry' | 'failed' | 'committed';
}

/** What an auditor can establish at the moment. */
export interface AuditorView {
  requestIndex: number;
  part?: 'permissionRequests';
  channel: 'connector' | 'manual' | 'ticketing';
  target: string | null;
  attempts: AuditAttempt[];
  /** When execution was first attempted (connector call, work item, ticket). */
  attemptedMinutes: number | null;
  /** Who declared completion: the connector, the owner, or the SDIM. */
  declaredBy: string | null;
  declaredMinutes: number | null;
  verifiedMinutes: number | null;
  text: string;
}

/** The three perspectives at one moment of the representative run. */
export interface Perspectives {
  moment: Moment;
  user: UserView[];
  admin: AdminView[];
  auditor: AuditorView[];
  /** One short paragraph per perspective. */
  summary: { user: string; admin: string; auditor: string };
}

/** Identity reference of the Provisioning Completed trigger. */
export interface TriggerIdentity {
  type: 'IDENTITY';
  id: string;
  name: string;
}

/** An attribute request as the trigger spells it (attributeName / attributeValue / operation). */
export interface TriggerAttributeRequest {
  attributeName: string;
  attributeValue: string | null;
  operation: 'Add' | 'Set' | 'Remove';
}

/** An account request as the trigger carries it. */
export interface TriggerAccountRequest {
  source: { id: string; type: 'SOURCE'; name: string };
  accountId?: string;
  accountOperation: string;
  provisioningResult: 'SUCCESS' | 'PENDING' | 'FAILED';
  provisioningTarget: string;
  ticketId?: string;
  attributeRequests?: TriggerAttributeRequest[];
}

/** The input of ISC's Provisioning Completed trigger (`idn:post-provisioning`). */
export interface ProvisioningCompletedPayload {
  trackingNumber: string;
  /** Source names, comma separated (one string, as ISC sends it). */
  sources: string;
  errors?: string[];
  warnings?: string[];
  recipient: TriggerIdentity;
  requester?: TriggerIdentity;
  accountRequests: TriggerAccountRequest[];
}

/** The payload, and what in it is a placeholder rather than a value from the plan or catalog. */
export interface TriggerOutput {
  payload: ProvisioningCompletedPayload;
  notes: string[];
}

/** Everything `simulate` reports for one plan. */
export interface SimulationResult {
  requests: RequestPrediction[];
  /** The plan's account activity over the runs; null when no request has a known channel. */
  activity: ActivityPrediction | null;
  runs: number;
  seed: number;
  /** Index of the representative run (from 0). */
  representativeRun: number;
  events: DryRunEvent[];
  perspectives: Perspectives;
  scenarios: { spec: string; requests: RequestPrediction[] }[];
  trigger: TriggerOutput;
}
