/**
 * The three perspectives at a moment of the representative run (docs/prediction-model.md#perspectives): the
 * user (when will I have access, why not yet), the admin (the four troubleshooting answers for
 * each open request) and the auditor (attempts, channel, who declared completion, verification).
 */

import type { CompiledPlan, UnitInfo } from '../engine/compiledPlan';
import type { RunOutput } from '../engine/runOutput';
import { OUT_DRIFT } from '../engine/runOutput';
import type { MilestoneQuantiles, RequestPrediction } from '../../../../../shared/prediction';
import type {
  AdminView,
  AuditAttempt,
  AuditorView,
  DryRunEvent,
  Moment,
  Perspectives,
  UserView,
} from '../../../../../shared/simulation';
import { isoAt, sinceSubmission, requestNumber } from '../../../../../shared/format';
import { GAVE_UP_ADVICE } from './events';

/** One unit's events, split at the moment. */
interface Timeline {
  info: UnitInfo;
  past: DryRunEvent[];
  future: DryRunEvent[];
  expected: MilestoneQuantiles;
  /** The change was declared done but never made (in this run). */
  drift: boolean;
}

function keyOf(requestIndex: number, part: string | null | undefined): string {
  return `${requestIndex}/${part ?? ''}`;
}

function timelines(
  compiled: CompiledPlan,
  requests: RequestPrediction[],
  events: DryRunEvent[],
  run: RunOutput,
  moment: number,
): Timeline[] {
  const byKey = new Map<string, DryRunEvent[]>();
  for (const event of events) {
    const key = keyOf(event.requestIndex, event.part);
    const list = byKey.get(key);
    if (list) list.push(event);
    else byKey.set(key, [event]);
  }
  const out: Timeline[] = [];
  compiled.unitsOf.forEach(({ main, parts }, position) => {
    const prediction = requests[position]!;
    for (const unit of main < 0 ? parts : [main, ...parts]) {
      const info = compiled.state.units[unit]!.info;
      const list = byKey.get(keyOf(info.request.index, info.part)) ?? [];
      const expected =
        info.part === null
          ? prediction.milestones.committed
          : (prediction.parts.find((p) => p.part === info.part)?.milestones.committed ?? null);
      const drift = run.outcome[run.at(unit, 0)] === OUT_DRIFT;
      out.push({
        info,
        past: list.filter((e) => e.minutes <= moment),
        future: list.filter((e) => e.minutes > moment),
        expected,
        drift,
      });
    }
  });
  return out;
}

function find(list: DryRunEvent[], kind: DryRunEvent['kind']): DryRunEvent | undefined {
  return list.find((event) => event.kind === kind);
}

function last(list: DryRunEvent[]): DryRunEvent | undefined {
  return list[list.length - 1];
}

function label(info: UnitInfo): string {
  const what = info.part === null ? info.request.operation : 'permission requests';
  return `${requestNumber(info.request.index)} ${what} on ${info.params.source}`;
}

function typically(expected: MilestoneQuantiles): string {
  return expected
    ? `; typically done ${sinceSubmission(expected.p50Minutes)} after submission (p90 ${sinceSubmission(expected.p90Minutes)})`
    : '';
}

/** When the change exists on the target: visible (connector) or declared done (manual, ticket) without drift. */
function accessSince(t: Timeline): number | null {
  if (t.drift) return null;
  const kind =
    t.info.params.channel === 'connector'
      ? 'visible'
      : t.info.params.channel === 'manual'
        ? 'marked-complete'
        : 'status-check';
  const event = t.past.find((e) => e.kind === kind && e.words.mappedTo !== 'Failed');
  return event ? event.minutes : null;
}

function confirmation(t: Timeline): string {
  const verified = find(t.past, 'verified');
  if (verified) return ` ISC verified it at ${sinceSubmission(verified.minutes)}.`;
  const next = find(t.future, 'verified');
  if (next) return ` ISC confirms it at the aggregation ending ${sinceSubmission(next.minutes)}.`;
  const kind = t.info.params.aggregation.kind;
  if (kind === 'password') return ' No aggregation confirms a password: sources never return it.';
  if (kind === 'upload') {
    return ` ISC confirms it at the next file upload of ${t.info.params.source}, which ISC does not schedule.`;
  }
  return ` ISC cannot confirm it: ${t.info.params.source} is not aggregated.`;
}

function whyNot(t: Timeline): string {
  const p = t.info.params;
  const now = last(t.past);
  const hint = typically(t.expected);
  switch (now?.kind) {
    case undefined: {
      // Nothing has happened yet: provisioning starts only after the plan's approvals.
      const first = t.future[0];
      return `Not yet: the request waits for its approvals${first ? `; provisioning starts at ${sinceSubmission(first.minutes)}` : ''}.`;
    }
    case 'queued':
      return `Not yet: the change waits in the connector queue of ${p.source}${hint}.`;
    case 'started':
      return `Not yet: the connector of ${p.source} is making the change right now (attempt ${now.attempt ?? 1}).`;
    case 'retry':
      return `Not yet: attempt ${now.attempt ?? 1} failed with a retryable error; ISC tries again later${hint}.`;
    case 'committed':
      return `Not yet: ${p.source} accepted the change at ${sinceSubmission(now.minutes)}; it becomes visible after replication.`;
    case 'refresh':
      return `Not yet: identity refresh re-evaluated the access at ${sinceSubmission(now.minutes)} and ISC attempts it once more.`;
    case 'failed':
      if (find(t.future, 'refresh')) {
        return `Not yet: the change failed on ${p.source}; identity refresh attempts it once more at ${sinceSubmission(find(t.future, 'refresh')!.minutes)}.`;
      }
      return `No: the change failed (${now.words.ticketStatus ? `ticket "${now.words.ticketStatus}"` : `on ${p.source}`}) and ISC does not try again (the model's assumption); ask an admin.`;
    case 'work-item-created':
      return `Not yet: a manual task waits for ${p.target ?? 'the owner'}, a person working business hours${hint}.`;
    case 'unassigned':
      return `No: nobody received the manual task because ${p.source} has no owner; ask an admin to set one.`;
    case 'ticket-created':
    case 'ticket-status':
      return `Not yet: the ticket in ${p.target ?? 'the service desk'} is "${now.words.ticketStatus ?? ''}"${hint}.`;
    case 'gave-up':
      return `Unknown: ISC stopped checking the ticket at ${sinceSubmission(now.minutes)}; ask the service desk.`;
    case 'still-open':
      return `Not yet: the manual task for ${p.target ?? 'the owner'} is still open.`;
    case 'status-check':
      if (now.words.mappedTo === 'Failed') {
        return `No: the ticket ended "${now.words.ticketStatus ?? ''}" (Failed); ask the service desk.`;
      }
      return `No: the ticket was closed but the change was not made (drift); ask the service desk to make it.`;
    default:
      return `No: the change was declared done but not made (drift); ask ${p.channel === 'manual' ? (p.target ?? 'the owner') : 'the service desk'} to make it.`;
  }
}

function userView(t: Timeline): UserView {
  const p = t.info.params;
  const since = accessSince(t);
  const text =
    since === null ? whyNot(t) : `You have access since ${sinceSubmission(since)}.${confirmation(t)}`;
  const view: UserView = {
    requestIndex: t.info.request.index,
    source: p.source,
    channel: p.channel,
    target: p.target,
    hasAccess: since !== null,
    sinceMinutes: since,
    expected: t.expected,
    text: `${label(t.info)}: ${text}`,
  };
  if (t.info.part !== null) view.part = t.info.part;
  return view;
}

const CLOSED = new Set<DryRunEvent['kind']>(['verified', 'failed', 'unverifiable']);

function channelAnswer(t: Timeline): string {
  const p = t.info.params;
  if (p.channel === 'connector') return `Connector: ISC sends the change to the connector of ${p.source}.`;
  if (p.channel === 'manual') {
    return `Manual work item for ${p.target ?? 'nobody (the source has no owner)'}.`;
  }
  return `Ticketing: a ticket in ${p.target ?? 'the service desk integration'}.`;
}

function executionAnswer(t: Timeline, now: DryRunEvent): [AdminView['answers']['execution'], string] {
  const declared = t.past.find((e) => e.words.provisioningStatus === 'COMMITED');
  if (declared) {
    return [
      'executed',
      `Executed: committed at ${sinceSubmission(declared.minutes)} (COMMITED), not yet verified.`,
    ];
  }
  if (now.kind === 'queued') return ['queued', 'Queued: waiting in the connector queue, not started yet.'];
  if (now.kind === 'retry') {
    return [
      'retrying',
      `Retrying: attempt ${now.attempt ?? 1} failed with a retryable error; the next attempt is queued.`,
    ];
  }
  if (now.kind === 'started') {
    return [
      'started',
      `Started: attempt ${now.attempt ?? 1} is running since ${sinceSubmission(now.minutes)}.`,
    ];
  }
  if (t.info.params.channel === 'manual') {
    return ['started', 'Started: the work item exists since submission (state Pending).'];
  }
  return [
    'started',
    `Started: the ticket exists since submission (status "${now.words.ticketStatus ?? ''}", ${now.words.mappedTo ?? 'Queued'}).`,
  ];
}

function waitingAnswer(t: Timeline, now: DryRunEvent): [AdminView['answers']['waitingOn'], string] {
  const p = t.info.params;
  const next = find(t.future, 'verified') ?? find(t.future, 'drift-found');
  if (now.kind === 'unassigned') {
    return ['nobody', `Nobody: ${p.source} has no owner, so no one received the work item; set an owner.`];
  }
  if (now.kind === 'gave-up') {
    return [
      'nobody',
      `Nobody: ISC stopped checking the ticket and the item stays Pending. ${GAVE_UP_ADVICE}`,
    ];
  }
  if (now.kind === 'drift-found') {
    return [
      'person',
      `A person: the change declared done was not made (drift); it has to be made on ${p.source}.`,
    ];
  }
  if (now.words.provisioningStatus === 'COMMITED' && p.aggregation.kind === 'upload') {
    return [
      'person',
      `A person: someone has to upload a new file of ${p.source}; ISC verifies the change at that aggregation and does not schedule it.`,
    ];
  }
  if (now.words.provisioningStatus === 'COMMITED') {
    return [
      'isc',
      next
        ? `ISC: the next aggregation of ${p.source}, ending ${sinceSubmission(next.minutes)}.`
        : `ISC: the next aggregation of ${p.source}.`,
    ];
  }
  if (p.channel === 'manual') {
    return [
      'person',
      `A person: ${p.target ?? 'the owner'} has to make the change and mark the work item complete.`,
    ];
  }
  if (p.channel === 'ticketing') {
    return [
      'external-system',
      `An external system: the ticket workflow of ${p.target ?? 'the SDIM'} (and the people working the ticket).`,
    ];
  }
  return ['external-system', `An external system: ${p.source}, through its connector (no person involved).`];
}

function adminView(t: Timeline): AdminView | undefined {
  const now = last(t.past);
  if (!now || t.past.some((e) => CLOSED.has(e.kind))) return undefined;
  const [execution, executionText] = executionAnswer(t, now);
  const [waitingOn, waitingOnText] = waitingAnswer(t, now);
  const next = find(t.future, 'verified');
  const verifiedText =
    now.kind === 'drift-found'
      ? 'No: the aggregation did not find the change.'
      : next
        ? `No: the next aggregation of ${t.info.params.source} ends ${sinceSubmission(next.minutes)}.`
        : 'No.';
  const view: AdminView = {
    requestIndex: t.info.request.index,
    channel: t.info.params.channel,
    target: t.info.params.target,
    words: now.words,
    answers: {
      channel: channelAnswer(t),
      execution,
      executionText,
      waitingOn,
      waitingOnText,
      verified: false,
      verifiedText,
    },
    text: `${label(t.info)}: ${channelAnswer(t)} ${executionText} Waiting on: ${waitingOnText} Verified? ${verifiedText}`,
  };
  if (t.info.part !== null) view.part = t.info.part;
  return view;
}

function attemptsOf(t: Timeline, origin: number): AuditAttempt[] {
  const attempts: AuditAttempt[] = [];
  for (const event of t.past) {
    if (event.kind === 'started') {
      attempts.push({
        attempt: event.attempt ?? 1,
        minutes: event.minutes,
        at: isoAt(origin, event.minutes),
        result: 'running',
      });
    }
    const current = attempts[attempts.length - 1];
    if (!current) continue;
    if (event.kind === 'retry') current.result = 'retry';
    if (event.kind === 'failed') current.result = 'failed';
    if (event.kind === 'committed') current.result = 'committed';
  }
  return attempts;
}

function declaration(t: Timeline): [string | null, number | null] {
  const p = t.info.params;
  const event = t.past.find((e) => e.words.provisioningStatus === 'COMMITED');
  if (!event) return [null, null];
  if (p.channel === 'connector') {
    return [`the connector of ${p.source} (the target system's answer)`, event.minutes];
  }
  if (p.channel === 'manual') return [p.target ?? 'the owner', event.minutes];
  return [
    `${p.target ?? 'the SDIM'} (ticket "${event.words.ticketStatus ?? ''}", mapped to Committed)`,
    event.minutes,
  ];
}

function auditorView(t: Timeline, origin: number): AuditorView {
  const p = t.info.params;
  const attempts = attemptsOf(t, origin);
  const first = t.past[0];
  const attempted = p.channel === 'connector' ? (attempts[0]?.minutes ?? null) : (first?.minutes ?? null);
  const [declaredBy, declaredMinutes] = declaration(t);
  const verified = find(t.past, 'verified');
  const how =
    p.channel === 'connector'
      ? `through the connector of ${p.source}`
      : p.channel === 'manual'
        ? `as a manual work item for ${p.target ?? 'nobody'}`
        : `as a ticket in ${p.target ?? 'the SDIM'}`;
  const tried =
    attempted === null
      ? 'No execution attempted yet'
      : `Execution attempted ${attempted === 0 ? 'at submission' : `at ${sinceSubmission(attempted)}`} ${how}${attempts.length > 1 ? ` (${attempts.length} attempts)` : ''}`;
  const declared = declaredBy
    ? `completion declared by ${declaredBy} at ${sinceSubmission(declaredMinutes!)}${p.channel === 'manual' ? ' (a declaration, not a check)' : ''}`
    : 'no completion declared';
  const checked = verified
    ? `verified by aggregation at ${sinceSubmission(verified.minutes)}`
    : p.aggregation.kind === 'password'
      ? 'not verifiable by design (no source returns a password)'
      : 'not verified';
  const view: AuditorView = {
    requestIndex: t.info.request.index,
    channel: p.channel,
    target: p.target,
    attempts,
    attemptedMinutes: attempted,
    declaredBy,
    declaredMinutes,
    verifiedMinutes: verified ? verified.minutes : null,
    text: `${label(t.info)}: ${tried}; ${declared}; ${checked}.`,
  };
  if (t.info.part !== null) view.part = t.info.part;
  return view;
}

/**
 * The three perspectives at `moment` of the representative run: its events, and its milestones
 * and outcomes in `run` (one column).
 */
export function buildPerspectives(
  compiled: CompiledPlan,
  requests: RequestPrediction[],
  events: DryRunEvent[],
  run: RunOutput,
  moment: Moment,
): Perspectives {
  const all = timelines(compiled, requests, events, run, moment.minutes);
  const origin = compiled.state.origin;
  const user = all.map(userView);
  const admin = all.map(adminView).filter((view): view is AdminView => view !== undefined);
  const auditor = all.map((t) => auditorView(t, origin));
  // The time of day is in the heading, in the tenant's time zone; here only the time since submission.
  const at = `At ${sinceSubmission(moment.minutes)}`;
  const withAccess = user.filter((view) => view.hasAccess).length;
  const verified = auditor.filter((view) => view.verifiedMinutes !== null).length;
  return {
    moment,
    user,
    admin,
    auditor,
    summary: {
      user: `${at}: access exists for ${withAccess} of ${user.length} request${user.length === 1 ? '' : 's'} and parts.`,
      admin: `${at}: ${admin.length} request${admin.length === 1 ? ' is' : 's are'} still open${admin.length ? `; ${admin.filter((a) => a.answers.waitingOn === 'person').length} wait on a person, ${admin.filter((a) => a.answers.waitingOn === 'external-system').length} on an external system, ${admin.filter((a) => a.answers.waitingOn === 'isc').length} on ISC's aggregation, ${admin.filter((a) => a.answers.waitingOn === 'nobody').length} on nobody` : ''}.`,
      auditor: `${at}: ${auditor.filter((view) => view.declaredBy !== null).length} of ${auditor.length} declared complete (by a connector, an owner or an SDIM), ${verified} verified by aggregation.`,
    },
  };
}
