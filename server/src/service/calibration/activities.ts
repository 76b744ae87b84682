/**
 * One account-activity record, in either shape ISC writes, reduced to what calibration reads:
 * when it was created, completed or last modified, its execution status, and per source the state
 * of its items. The shapes are ISC's `AccountActivity` (the account-activities API, `GET
 * /v3/account-activities`: `items[].provisioningStatus`, `sourceId`) and the search document of
 * the `accountactivities` index (`accountRequests[].result.status`, `source.name`); field names
 * and status words are ISC's own (docs/isc-behaviour.md#execution-completion-status).
 */

/** ISC's `provisioningStatus` of an account activity item (`COMMITED` has one T). */
export type ItemState = 'PENDING' | 'RETRY' | 'COMMITED' | 'FINISHED' | 'UNVERIFIABLE' | 'FAILED';

export type ExecutionStatus = 'EXECUTING' | 'VERIFYING' | 'COMPLETED' | 'TERMINATED';

/** What a record itself says about its channel (search documents only; AccountActivity items name no target). */
export type ChannelHint = 'connector' | 'ticketing' | 'manual' | undefined;

/** The items of one activity on one source. */
export interface ActivityPart {
  /** The source's name (search documents) or id (`sourceId` of AccountActivity items). */
  source: string;
  state: ItemState;
  hint: ChannelHint;
  /** The provisioning target when it is not the source (an SDIM). */
  target?: string;
}

export interface ActivityFacts {
  id: string;
  /** Epoch milliseconds. */
  created: number;
  modified: number;
  /** When the activity completed (executionStatus COMPLETED); NaN otherwise. */
  completed: number;
  execution: ExecutionStatus;
  parts: ActivityPart[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const STATES: readonly ItemState[] = ['FAILED', 'RETRY', 'PENDING', 'COMMITED', 'FINISHED', 'UNVERIFIABLE'];
const EXECUTION: readonly ExecutionStatus[] = ['EXECUTING', 'VERIFYING', 'COMPLETED', 'TERMINATED'];

function objectOf(value: Json | undefined): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

function textOf(value: Json | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function timeOf(value: Json | undefined): number {
  const text = textOf(value);
  return text === undefined ? NaN : Date.parse(text);
}

/** The state that speaks for several items of one source: a failure first, then what is still open. */
function combine(a: ItemState, b: ItemState): ItemState {
  return STATES.indexOf(a) <= STATES.indexOf(b) ? a : b;
}

function addPart(parts: ActivityPart[], part: ActivityPart): void {
  const same = parts.find((p) => p.source === part.source);
  if (!same) {
    parts.push(part);
    return;
  }
  same.state = combine(same.state, part.state);
  same.hint = same.hint ?? part.hint;
  if (part.target !== undefined) same.target = same.target ?? part.target;
}

/** An `AccountActivity` of the account-activities API. */
function fromAccountActivity(record: JsonObject, items: Json[]): ActivityFacts | string {
  const execution = textOf(record.executionStatus)?.toUpperCase() as ExecutionStatus | undefined;
  if (!execution || !EXECUTION.includes(execution)) {
    return `executionStatus ${JSON.stringify(record.executionStatus ?? null)} is not one of ${EXECUTION.join(', ')}`;
  }
  const parts: ActivityPart[] = [];
  for (const value of items) {
    const item = objectOf(value);
    const source = textOf(item?.sourceId);
    const state = textOf(item?.provisioningStatus)?.toUpperCase() as ItemState | undefined;
    if (!source || !state || !STATES.includes(state)) continue;
    addPart(parts, { source, state, hint: undefined });
  }
  return facts(record, execution, timeOf(record.completed), parts);
}

/** `result.status` of a search document's account request, in ISC's lowercase words. */
function searchState(status: string | undefined, completed: boolean): ItemState {
  const word = status?.toLowerCase() ?? '';
  if (word.startsWith('fail') || word === 'error') return 'FAILED';
  if (word === 'committed' || word === 'finished' || word === 'success') {
    return completed ? 'FINISHED' : 'COMMITED';
  }
  if (word === 'retry') return 'RETRY';
  return completed ? 'FINISHED' : 'PENDING';
}

/** Sources whose `originalRequests` ISC answered with a manual task. */
function manualSources(record: JsonObject): Set<string> {
  const names = new Set<string>();
  for (const value of Array.isArray(record.originalRequests) ? record.originalRequests : []) {
    const request = objectOf(value);
    const status = textOf(objectOf(request?.result)?.status)?.toLowerCase() ?? '';
    const name = textOf(objectOf(request?.source)?.name);
    if (name && status.includes('manual task')) names.add(name);
  }
  return names;
}

/** A search document of the `accountactivities` index: completed when its `stage` is `Completed`. */
function fromSearchDocument(record: JsonObject, requests: Json[]): ActivityFacts | string {
  const completed = textOf(record.stage)?.toLowerCase() === 'completed';
  const manual = manualSources(record);
  const parts: ActivityPart[] = [];
  for (const value of requests) {
    const request = objectOf(value);
    const source = textOf(objectOf(request?.source)?.name);
    if (!request || !source) continue;
    const result = objectOf(request.result);
    const target = textOf(objectOf(request.provisioningTarget)?.name);
    const ticket = textOf(result?.ticketId) !== undefined || (target !== undefined && target !== source);
    const part: ActivityPart = {
      source,
      state: searchState(textOf(result?.status), completed),
      hint: ticket ? 'ticketing' : manual.has(source) ? 'manual' : 'connector',
    };
    if (target !== undefined && target !== source) part.target = target;
    addPart(parts, part);
  }
  const anyOpen = parts.some((p) => p.state === 'PENDING' || p.state === 'RETRY');
  const execution: ExecutionStatus = completed ? 'COMPLETED' : anyOpen ? 'EXECUTING' : 'VERIFYING';
  return facts(record, execution, completed ? timeOf(record.modified) : NaN, parts);
}

function facts(
  record: JsonObject,
  execution: ExecutionStatus,
  completed: number,
  parts: ActivityPart[],
): ActivityFacts | string {
  const created = timeOf(record.created);
  if (Number.isNaN(created)) {
    return `created ${JSON.stringify(record.created ?? null)} is not an ISO date-time`;
  }
  if (execution === 'COMPLETED' && !(completed >= created)) {
    return 'executionStatus COMPLETED without a completion time at or after created';
  }
  const modified = timeOf(record.modified);
  return {
    id: textOf(record.id) ?? textOf(record.trackingNumber) ?? '',
    created,
    modified: Number.isNaN(modified) ? (Number.isNaN(completed) ? created : completed) : modified,
    completed,
    execution,
    parts,
  };
}

/**
 * Reads one record. A string answers why the record cannot be used (it names the field); a record
 * of neither shape is refused the same way.
 */
export function activityFacts(value: unknown): ActivityFacts | string {
  const record = objectOf(value as Json);
  if (!record) return 'not a JSON object';
  if (Array.isArray(record.items)) return fromAccountActivity(record, record.items);
  if (Array.isArray(record.accountRequests)) return fromSearchDocument(record, record.accountRequests);
  return 'neither an AccountActivity (items[]) nor an account-activity search document (accountRequests[])';
}
