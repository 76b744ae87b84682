/**
 * The representative run's events in ISC's own words (docs/prediction-model.md#events): the replay records raw
 * numbers through an `EventSink`; this module turns them into timed, worded events.
 */

import type { SimulationState, SimUnit } from '../engine/compiledPlan';
import { MAPPED_COMMITTED, MAPPED_FAILED } from '../engine/ticketProcess';
import type { EventSink } from '../engine/runOutput';
import * as P from '../engine/runOutput';
import type { ActivityTimeline, ActivityWords } from '../engine/activity';
import type {
  DryRunEvent,
  DryRunEventKind,
  IscWords,
  MappedStatus,
  ProvisioningStatus,
  UiLabel,
} from '../../../../../shared/simulation';
import { humanDuration, isoAt, round, sinceSubmission, requestNumber } from '../../../../../shared/format';

/** Collects the raw events of one replayed run. */
export class EventRecorder implements EventSink {
  readonly kinds: number[] = [];
  readonly units: number[] = [];
  readonly minutes: number[] = [];
  readonly attempts: number[] = [];
  readonly details: number[] = [];

  add(kind: number, unit: number, minutes: number, attempt: number, detail: number): void {
    this.kinds.push(kind);
    this.units.push(unit);
    this.minutes.push(minutes);
    this.attempts.push(attempt);
    this.details.push(detail);
  }
}

/** Ties at one time and request are ordered by kind, in the order things happen. */
const KIND_ORDER: readonly DryRunEventKind[] = [
  'refresh',
  'ticket-created',
  'work-item-created',
  'unassigned',
  'queued',
  'started',
  'retry',
  'ticket-status',
  'status-check',
  'failed',
  'committed',
  'marked-complete',
  'unverifiable',
  'visible',
  'verified',
  'drift-found',
  'gave-up',
  'still-open',
];

const KIND_OF: Record<number, DryRunEventKind> = {
  [P.EV_QUEUED]: 'queued',
  [P.EV_STARTED]: 'started',
  [P.EV_RETRY]: 'retry',
  [P.EV_FAILED]: 'failed',
  [P.EV_COMMITTED]: 'committed',
  [P.EV_VISIBLE]: 'visible',
  [P.EV_VERIFIED]: 'verified',
  [P.EV_UNVERIFIABLE]: 'unverifiable',
  [P.EV_WORK_ITEM]: 'work-item-created',
  [P.EV_UNASSIGNED]: 'unassigned',
  [P.EV_MARKED_COMPLETE]: 'marked-complete',
  [P.EV_DRIFT_FOUND]: 'drift-found',
  [P.EV_TICKET_CREATED]: 'ticket-created',
  [P.EV_TICKET_STATUS]: 'ticket-status',
  [P.EV_STATUS_CHECK]: 'status-check',
  [P.EV_GAVE_UP]: 'gave-up',
  [P.EV_HORIZON]: 'still-open',
  [P.EV_REFRESH]: 'refresh',
};

/** A raw event with what the wording needs. */
interface Raw {
  kind: DryRunEventKind;
  unit: SimUnit;
  minutes: number;
  attempt: number;
  detail: number;
  /** Whether the unit's outcome in this run is drift, partial (for the wording). */
  drift: boolean;
  partial: boolean;
}

/**
 * Turns recorded events into ISC-worded events, sorted by time, request, then kind. The item's
 * words come from its own event; `executionStatus` and `completionStatus` are the plan's account
 * activity's at that time (`activity`), and an event where they change says so.
 */
export function buildEvents(
  sim: SimulationState,
  recorder: EventRecorder,
  activity: ActivityTimeline,
): DryRunEvent[] {
  const drift = new Set<number>();
  const partial = new Set<number>();
  recorder.kinds.forEach((kind, i) => {
    if (kind === P.EV_DRIFT_FOUND || (kind === P.EV_UNVERIFIABLE && recorder.details[i] === 1)) {
      drift.add(recorder.units[i]!);
    }
    if (kind === P.EV_COMMITTED && recorder.details[i] === 1) partial.add(recorder.units[i]!);
  });
  const raws: Raw[] = recorder.kinds.map((kind, i) => {
    const u = recorder.units[i]!;
    const raw: Raw = {
      kind: KIND_OF[kind]!,
      unit: sim.units[u]!,
      minutes: recorder.minutes[i]!,
      attempt: recorder.attempts[i]!,
      detail: recorder.details[i]!,
      drift: drift.has(u),
      partial: partial.has(u),
    };
    return raw;
  });
  const order = (kind: DryRunEventKind): number => KIND_ORDER.indexOf(kind);
  raws.sort(
    (a, b) =>
      a.minutes - b.minutes ||
      a.unit.info.request.index - b.unit.info.request.index ||
      order(a.kind) - order(b.kind) ||
      Number(a.unit.info.part !== null) - Number(b.unit.info.part !== null),
  );
  let before: ActivityWords | null = null;
  return raws.map((raw) => {
    const now = activity.at(raw.minutes);
    const changed =
      before === null ||
      before.executionStatus !== now.executionStatus ||
      before.completionStatus !== now.completionStatus;
    before = now;
    return toEvent(raw, sim.origin, now, changed);
  });
}

/** What the activity's words mean when they change. */
function activityText(words: ActivityWords): string {
  const said = `The plan's account activity is now ${words.executionStatus}, completionStatus ${words.completionStatus}`;
  switch (words.completionStatus) {
    case 'SUCCESS':
      return `${said}: every item provisioned.`;
    case 'FAILURE':
      return `${said}: no item provisioned.`;
    case 'INCOMPLETE':
      return `${said}: not all items provisioned.`;
    default:
      return words.executionStatus === 'VERIFYING'
        ? `${said}: every item has left PENDING; it waits for aggregations to verify.`
        : `${said}.`;
  }
}

function toEvent(raw: Raw, origin: number, activity: ActivityWords, changed: boolean): DryRunEvent {
  const { unit } = raw;
  const params = unit.info.params;
  const [item, text] = describe(raw);
  const event: DryRunEvent = {
    at: isoAt(origin, raw.minutes),
    minutes: round(raw.minutes),
    requestIndex: unit.info.request.index,
    channel: params.channel,
    target: params.target,
    kind: raw.kind,
    words: { ...activity, ...item },
    text: `${prefix(unit)}${text}${changed ? ` ${activityText(activity)}` : ''}`,
  };
  if (unit.info.part !== null) event.part = unit.info.part;
  if (params.channel === 'connector' && raw.attempt > 0) event.attempt = raw.attempt;
  return event;
}

function prefix(unit: SimUnit): string {
  const { request, part, params } = unit.info;
  const what =
    part === null ? `${request.operation} on ${params.source}` : `permission requests on ${params.source}`;
  return `${requestNumber(request.index)} ${what}: `;
}

/** An item's state in ISC's words: its provisioningStatus and the admin UI's label for it. */
function itemWords(provisioningStatus: ProvisioningStatus, uiLabel: UiLabel): IscWords {
  return { provisioningStatus, uiLabel };
}

const PENDING = itemWords('PENDING', 'Pending');
const RETRYING = itemWords('RETRY', 'Retrying');
const COMMITTED = itemWords('COMMITED', 'Committed');
const FAILED = itemWords('FAILED', 'Failed');
const FINISHED = itemWords('FINISHED', 'Success');
const UNVERIFIABLE = itemWords('UNVERIFIABLE', 'Not Verifiable');
/**
 * A committed password change: done, though never verified. ISC documents no item state for it,
 * so none is shown; the activity's words (final at the commit) come from the activity.
 */
const PASSWORD_DONE: IscWords = {};

/**
 * What an admin can do once ISC stopped checking a ticket (docs/isc-behaviour.md#ticket-stalled): follow it in the
 * service desk; only an access request can be closed, and closing ends it rather than completing it.
 */
export const GAVE_UP_ADVICE =
  'Follow the ticket in the service desk: ISC will not. If the plan came from an access request, an admin can close the request stuck in Pending (close access request; by default Terminated, Failure); ISC documents no way to resume the checks.';

/** The ticket status at index `status` and what the SDIM maps it to. */
export function ticketWords(unit: SimUnit, status: number): { ticketStatus: string; mappedTo: MappedStatus } {
  const ticket = unit.ticket!;
  const code = ticket.mapped[status];
  const mappedTo: MappedStatus =
    code === MAPPED_COMMITTED ? 'Committed' : code === MAPPED_FAILED ? 'Failed' : 'Queued';
  return { ticketStatus: ticket.statuses[status] ?? '', mappedTo };
}

function describe(raw: Raw): [IscWords, string] {
  const { unit } = raw;
  if (unit.info.params.channel === 'connector') return describeConnector(raw);
  if (unit.info.params.channel === 'manual') return describeManual(raw);
  return describeTicket(raw);
}

function aggregationRun(raw: Raw): string {
  return `the aggregation of ${raw.unit.info.params.source} that started at ${sinceSubmission(raw.detail)}`;
}

function describeVerification(raw: Raw): [IscWords, string] | undefined {
  const source = raw.unit.info.params.source;
  if (raw.kind === 'verified') {
    const partly = raw.partial
      ? ' (the attribute requests that failed on their own stay FAILED: not all items provisioned)'
      : '';
    return [
      FINISHED,
      `${aggregationRun(raw)} ends and finds the change: item FINISHED ("Success")${partly}. Verified.`,
    ];
  }
  if (raw.kind === 'unverifiable' && raw.unit.info.params.aggregation.kind === 'password') {
    return [
      PASSWORD_DONE,
      `a password is never verified: sources never return passwords, so no aggregation of ${source} can show it. Not verifiable by design, not a failure: the model counts the committed change as success (how ISC labels the item is not documented).`,
    ];
  }
  if (raw.kind === 'unverifiable') {
    const drift = raw.drift ? ' It was not made (drift), and no aggregation will show it.' : '';
    return [
      UNVERIFIABLE,
      `${source} is never aggregated (NO_AGGREGATION or aggregation: none): item UNVERIFIABLE ("Not Verifiable"); ISC cannot confirm the change (the model's reading: verification is by aggregation).${drift}`,
    ];
  }
  if (raw.kind === 'drift-found') {
    return [
      COMMITTED,
      `${aggregationRun(raw)} ends without the change that was declared done: drift. The item stays COMMITED ("Committed") and is never verified (the model's reading; ISC documents no drift detection); someone has to make the change.`,
    ];
  }
  return undefined;
}

function describeConnector(raw: Raw): [IscWords, string] {
  const { unit, attempt } = raw;
  const source = unit.info.params.source;
  const retryMinutes = unit.info.params.connector?.retryMinutes ?? 0;
  switch (raw.kind) {
    case 'queued':
      return [
        PENDING,
        `waits in the connector queue of ${source} (queueing under load is normal: the model's assumption): item PENDING ("Pending").`,
      ];
    case 'started':
      return [
        attempt > 1 ? RETRYING : PENDING,
        `attempt ${attempt} leaves the queue: the connector call to ${source} starts.`,
      ];
    case 'retry':
      return [
        RETRYING,
        `attempt ${attempt} failed with a retryable error: item RETRY ("Retrying"); ISC tries again after ${humanDuration(retryMinutes)}, at ${sinceSubmission(raw.detail)}. A retry is a repeated attempt, not a new request.`,
      ];
    case 'failed': {
      const why =
        raw.detail === 1
          ? "and its retries are used up (that the item then ends FAILED is the model's assumption)"
          : 'with an error that is not retryable (it matches no retryableErrors)';
      return [FAILED, `attempt ${attempt} failed ${why}: item FAILED ("Failed").`];
    }
    case 'committed': {
      const partly = raw.partial
        ? ' Some attribute requests failed on their own (partial success): those items are FAILED.'
        : '';
      return [
        COMMITTED,
        `${source} answers success: item COMMITED ("Committed"). Executed, not yet verified.${partly} Whether ISC already updates the account from this answer is not documented: the model takes only the next aggregation as verification (its assumption).`,
      ];
    }
    case 'visible':
      if (unit.info.params.aggregation.kind === 'password') {
        return [
          PASSWORD_DONE,
          `the new password is in effect on ${source} (after replication); no aggregation will confirm it.`,
        ];
      }
      return [
        COMMITTED,
        `the change is visible on ${source} (after replication): the user has access; ISC still shows COMMITED ("Committed") until it verifies.`,
      ];
    case 'refresh':
      return [
        PENDING,
        `identity refresh re-evaluates ${REEVALUATED} and finds the access missing: ISC sends it to ${source} once more (attempt ${attempt}), queued: item PENDING ("Pending").`,
      ];
    default:
      return describeVerification(raw) ?? [{}, raw.kind];
  }
}

/** What identity refresh re-evaluates. */
const REEVALUATED = "the identity's roles, access profiles and lifecycle state";

function describeManual(raw: Raw): [IscWords, string] {
  const { unit } = raw;
  const params = unit.info.params;
  const owner = params.target ?? 'the owner';
  switch (raw.kind) {
    case 'work-item-created':
      return [
        { ...PENDING, workItemState: 'Pending' },
        `ISC creates a manual work item for ${owner} (work item state Pending): item PENDING ("Pending"). A person has to make the change.`,
      ];
    case 'unassigned':
      return [
        PENDING,
        `${params.source} has no owner, so ISC has nobody to give the manual work item to: the item stays PENDING ("Pending") and the request never completes (the model's assumption: ISC documents no source without owner).`,
      ];
    case 'marked-complete':
      return [
        { ...COMMITTED, workItemState: 'Finished' },
        `marked complete by ${owner}: a declaration, not a check. Work item Finished (the model's reading of Mark Complete); item COMMITED ("Committed").`,
      ];
    case 'still-open':
      return [
        { ...PENDING, workItemState: 'Pending' },
        `the manual work item for ${owner} is still open at the end of the simulated horizon.`,
      ];
    case 'refresh':
      return [
        { ...PENDING, workItemState: 'Pending' },
        `identity refresh re-evaluates ${REEVALUATED} and finds the access missing: ISC creates a new manual work item for ${owner}: item PENDING ("Pending").`,
      ];
    default:
      return describeVerification(raw) ?? [{}, raw.kind];
  }
}

function describeTicket(raw: Raw): [IscWords, string] {
  const { unit } = raw;
  const ticket = unit.ticket!;
  const sdim = unit.info.params.target ?? 'the SDIM';
  switch (raw.kind) {
    case 'ticket-created': {
      const status = ticketWords(unit, 0);
      const checks = `ISC checks its status every ${humanDuration(ticket.interval)} for up to ${humanDuration(ticket.giveUp)}`;
      return [
        { ...PENDING, ...status },
        `ISC creates a ticket in ${sdim} (status "${status.ticketStatus}", mapped to ${status.mappedTo}): item PENDING ("Pending"). ${checks}.`,
      ];
    }
    case 'ticket-status': {
      const status = ticketWords(unit, raw.detail);
      if (raw.minutes > ticket.lastCheck) {
        return [
          { ...PENDING, ...status },
          `the ticket moves to "${status.ticketStatus}" (mapped to ${status.mappedTo}), after ISC stopped checking it: ISC never sees this, and its item stays PENDING ("Pending").`,
        ];
      }
      return [
        { ...PENDING, ...status },
        `the ticket moves to "${status.ticketStatus}" (mapped to ${status.mappedTo}); ISC sees it only at its next status check (the model's reading), so its item is still PENDING ("Pending").`,
      ];
    }
    case 'status-check': {
      const status = ticketWords(unit, raw.detail);
      if (status.mappedTo === 'Failed') {
        return [
          { ...FAILED, ...status },
          `ISC's status check sees "${status.ticketStatus}" (mapped to Failed): item FAILED ("Failed").`,
        ];
      }
      return [
        { ...COMMITTED, ...status },
        `ISC's status check sees "${status.ticketStatus}" (mapped to Committed): item COMMITED ("Committed"). ISC tracks the ticket's state, not the work.`,
      ];
    }
    case 'gave-up': {
      const status = ticketWords(unit, raw.detail);
      return [
        { ...PENDING, ...status },
        `ISC stops checking the ticket (provisioningMaxStatusCheckDays reached) while it is "${status.ticketStatus}" (${status.mappedTo}): ISC no longer follows it, even if it closes later, and the item stays PENDING ("Pending") (the model's assumption: ISC documents only how long it checks). ${GAVE_UP_ADVICE}`,
      ];
    }
    default:
      return describeVerification(raw) ?? [{}, raw.kind];
  }
}
