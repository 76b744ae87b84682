/**
 * One run of the channel processes of prediction.md §2. Written for the hot loop: numbers and
 * typed arrays only, no allocation, no closures. The same code replays the representative run with
 * an `EventSink`, so the replayed events are exactly that run.
 *
 * Draws per unit, always in this order (so a scenario sees the same numbers as the baseline):
 * connector: partial, visibility, then per attempt queue, execute, failure, retryable;
 * manual: completion, drift; ticketing: drift, then per workflow status duration, failure.
 */

import type { ConnectorGroup, SimModel } from './model';
import { MAPPED_COMMITTED, MAPPED_FAILED } from './model';
import { nextUniform, streamSeed } from './random';

export const OUT_SUCCESS = 0;
export const OUT_PARTIAL = 1;
export const OUT_FAILED = 2;
export const OUT_UNVERIFIABLE = 3;
export const OUT_STALLED = 4;
export const OUT_DRIFT = 5;

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

/** Receives the events of a replayed run. */
export interface EventSink {
  add(kind: number, unit: number, minutes: number, attempt: number, detail: number): void;
}

/** Milestones and outcomes of many runs: unit-major, `stride` runs per unit; NaN = not reached. */
export class RunOutput {
  readonly stride: number;
  readonly started: Float64Array;
  readonly committed: Float64Array;
  readonly verified: Float64Array;
  readonly outcome: Uint8Array;
  /** Per run: when the last unit settled (verified, or its final state otherwise). */
  readonly runEnd: Float64Array;

  constructor(units: number, runs: number) {
    this.stride = runs;
    this.started = new Float64Array(units * runs);
    this.committed = new Float64Array(units * runs);
    this.verified = new Float64Array(units * runs);
    this.outcome = new Uint8Array(units * runs);
    this.runEnd = new Float64Array(runs);
  }
}

/** Min-heap on (time, unit) in two parallel arrays; returns the new size. */
function heapPush(times: Float64Array, ids: Int32Array, size: number, time: number, id: number): number {
  let i = size;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const pt = times[parent]!;
    if (pt < time || (pt === time && ids[parent]! < id)) break;
    times[i] = pt;
    ids[i] = ids[parent]!;
    i = parent;
  }
  times[i] = time;
  ids[i] = id;
  return size + 1;
}

/** Removes the root; returns the new size. */
function heapPop(times: Float64Array, ids: Int32Array, size: number): number {
  const last = size - 1;
  const time = times[last]!;
  const id = ids[last]!;
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= last) break;
    const right = child + 1;
    if (right < last && (times[right]! < times[child]! || (times[right] === times[child] && ids[right]! < ids[child]!))) child = right;
    const ct = times[child]!;
    if (time < ct || (time === ct && id < ids[child]!)) break;
    times[i] = ct;
    ids[i] = ids[child]!;
    i = child;
  }
  times[i] = time;
  ids[i] = id;
  return last;
}

/** Restores the slot min-heap after its root (the earliest free slot) was given a later time. */
function siftSlots(slots: Float64Array): void {
  const size = slots.length;
  const value = slots[0]!;
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= size) break;
    if (child + 1 < size && slots[child + 1]! < slots[child]!) child++;
    if (value <= slots[child]!) break;
    slots[i] = slots[child]!;
    i = child;
  }
  slots[i] = value;
}

/*
 * The connector functions below pass times through typed arrays (`model.times`) and take only
 * integers and objects as arguments: a double passed to or returned from a call that the optimiser
 * does not inline is boxed, and a million boxes per dry run cost more than the model itself.
 */

/**
 * The connector requests to one source in one run: a background queue wait per attempt, then
 * the source's slots in order of readiness (FIFO), the call itself, failures and retries.
 */
export function runConnectorGroup(model: SimModel, group: ConnectorGroup, seed: number, out: RunOutput, column: number, sink: EventSink | null): void {
  const { slots, heapTime, heapUnit, execute } = group;
  const { states, times, attempts } = model;
  const stride = out.stride;
  let size = enqueue(model, group, seed, out, column, sink);
  slots.fill(0);
  while (size > 0) {
    const ready = heapTime[0]!;
    const u = heapUnit[0]!;
    size = heapPop(heapTime, heapUnit, size);
    const free = slots[0]!;
    const start = ready > free ? ready : free;
    const end = start + execute.at(nextUniform(states, u));
    slots[0] = end;
    siftSlots(slots);
    times[u] = end;
    if (attempts[u] === 0) out.started[u * stride + column] = start;
    if (sink !== null) sink.add(EV_STARTED, u, start, attempts[u]! + 1, 0);
    const outage = start < group.outageUntil;
    if (nextUniform(states, u) < group.failureRate || outage) size = fail(model, group, u, outage, size, out, column, sink);
    else commitConnector(model, group, u, out, column, sink);
  }
}

/** Seeds each member's stream, makes its fixed draws and queues its first attempt. */
function enqueue(model: SimModel, group: ConnectorGroup, seed: number, out: RunOutput, column: number, sink: EventSink | null): number {
  const { members, heapTime, heapUnit, queue } = group;
  const { states, draws, attempts } = model;
  let size = 0;
  for (let k = 0; k < members.length; k++) {
    const u = members[k]!;
    states[u] = streamSeed(seed, u);
    draws[2 * u] = nextUniform(states, u);
    draws[2 * u + 1] = nextUniform(states, u);
    attempts[u] = 0;
    out.started[u * out.stride + column] = NaN;
    size = heapPush(heapTime, heapUnit, size, queue.at(nextUniform(states, u)), u);
    if (sink !== null) sink.add(EV_QUEUED, u, 0, 1, 0);
  }
  return size;
}

/** A failed attempt (it ended at `model.times[u]`): queue a retry, or fail. Returns the heap size. */
function fail(model: SimModel, group: ConnectorGroup, u: number, outage: boolean, size: number, out: RunOutput, column: number, sink: EventSink | null): number {
  const { states, times, attempts } = model;
  const attempt = attempts[u]!;
  const end = times[u]!;
  const retryable = nextUniform(states, u) < group.retryableShare || (outage && group.outageRetryable);
  if (retryable && attempt < group.maxRetries) {
    attempts[u] = attempt + 1;
    const again = end + group.retryMinutes + group.queue.at(nextUniform(states, u));
    if (sink !== null) sink.add(EV_RETRY, u, end, attempt + 1, again);
    return heapPush(group.heapTime, group.heapUnit, size, again, u);
  }
  const at = u * out.stride + column;
  out.committed[at] = NaN;
  out.verified[at] = NaN;
  out.outcome[at] = OUT_FAILED;
  if (end > out.runEnd[column]!) out.runEnd[column] = end;
  if (sink !== null) sink.add(EV_FAILED, u, end, attempt + 1, retryable ? 1 : 0);
  return size;
}

/** The successful attempt ended at `model.times[u]`: commit, visibility, verification. */
function commitConnector(model: SimModel, group: ConnectorGroup, u: number, out: RunOutput, column: number, sink: EventSink | null): void {
  const { draws, times, attempts } = model;
  const end = times[u]!;
  const partial = draws[2 * u]! < model.partialChance[u]!;
  const visible = end + group.visibility.at(draws[2 * u + 1]!);
  const aggregation = group.aggregation;
  const verified = aggregation === null ? NaN : aggregation.verifiedAt(visible);
  const reached = verified === verified;
  const at = u * out.stride + column;
  out.committed[at] = end;
  out.verified[at] = verified;
  out.outcome[at] = partial ? OUT_PARTIAL : reached ? OUT_SUCCESS : OUT_UNVERIFIABLE;
  const settled = reached ? verified : visible;
  if (settled > out.runEnd[column]!) out.runEnd[column] = settled;
  if (sink === null) return;
  const attempt = attempts[u]! + 1;
  sink.add(EV_COMMITTED, u, end, attempt, partial ? 1 : 0);
  if (!reached) sink.add(EV_UNVERIFIABLE, u, end, attempt, 0);
  sink.add(EV_VISIBLE, u, visible, attempt, 0);
  if (reached) sink.add(EV_VERIFIED, u, verified, attempt, verified - aggregation!.durationMinutes);
}

/** A manual work item: created at submission, marked complete after business hours, maybe drift. */
export function runManual(model: SimModel, u: number, seed: number, out: RunOutput, column: number, sink: EventSink | null): void {
  const { units, states, times } = model;
  const unit = units[u]!;
  states[u] = streamSeed(seed, u);
  const completionDraw = nextUniform(states, u);
  const drift = nextUniform(states, u) < unit.driftRate;
  const at = u * out.stride + column;
  out.started[at] = 0;
  const business = unit.business;
  if (unit.unassigned || business === null) {
    settle(out, at, OUT_FAILED);
    if (sink !== null) sink.add(EV_UNASSIGNED, u, 0, 0, 0);
    return;
  }
  if (sink !== null) sink.add(EV_WORK_ITEM, u, 0, 0, 0);
  const committed = business.addBusinessMinutes(0, unit.completion.at(completionDraw));
  if (committed !== committed) {
    settle(out, at, OUT_STALLED);
    if (sink !== null) sink.add(EV_HORIZON, u, 0, 0, 0);
    return;
  }
  times[u] = committed;
  verifyDeclared(model, u, drift, out, column, sink, EV_MARKED_COMPLETE, 0);
}

/** A unit that never commits: committed and verified not reached. */
function settle(out: RunOutput, at: number, outcome: number): void {
  out.committed[at] = NaN;
  out.verified[at] = NaN;
  out.outcome[at] = outcome;
}

/**
 * Verification after a person or a ticket declared the work done at `model.times[u]`: the next
 * aggregation tells, unless the work was not done (drift).
 */
function verifyDeclared(model: SimModel, u: number, drift: boolean, out: RunOutput, column: number, sink: EventSink | null, kind: number, detail: number): void {
  const unit = model.units[u]!;
  const committed = model.times[u]!;
  const aggregation = unit.aggregation;
  const aggregated = aggregation === null ? NaN : aggregation.verifiedAt(committed);
  const reached = aggregated === aggregated;
  const at = u * out.stride + column;
  out.committed[at] = committed;
  out.verified[at] = drift ? NaN : aggregated;
  out.outcome[at] = drift ? OUT_DRIFT : reached ? OUT_SUCCESS : OUT_UNVERIFIABLE;
  const settled = reached ? aggregated : committed;
  if (settled > out.runEnd[column]!) out.runEnd[column] = settled;
  if (sink === null) return;
  sink.add(kind, u, committed, 0, detail);
  if (!reached) sink.add(EV_UNVERIFIABLE, u, committed, 0, drift ? 1 : 0);
  else sink.add(drift ? EV_DRIFT_FOUND : EV_VERIFIED, u, aggregated, 0, aggregated - aggregation!.durationMinutes);
}

/**
 * A ticket: it walks the SDIM's workflow until a status mapped to Committed or Failed; ISC sees the
 * status only at its checks, and stops checking after `provisioningMaxStatusCheckDays`.
 */
export function runTicket(model: SimModel, u: number, seed: number, out: RunOutput, column: number, sink: EventSink | null): void {
  const { units, states, times } = model;
  const ticket = units[u]!.ticket!;
  states[u] = streamSeed(seed, u);
  const drift = nextUniform(states, u) < ticket.driftRate;
  const at = u * out.stride + column;
  out.started[at] = 0;
  if (sink !== null) sink.add(EV_TICKET_CREATED, u, 0, 0, 0);
  let time = 0;
  let status = 0;
  const last = ticket.workflowLength - 1;
  const mapped = ticket.mapped;
  while (mapped[status] !== MAPPED_COMMITTED && mapped[status] !== MAPPED_FAILED && status < last) {
    time += ticket.durations[status]!.at(nextUniform(states, u));
    status = nextUniform(states, u) < ticket.failureChance[status]! ? ticket.failedIndex : status + 1;
    if (sink !== null) sink.add(EV_TICKET_STATUS, u, time, 0, status);
  }
  const interval = ticket.interval;
  const check = time > interval ? Math.ceil(time / interval) * interval : interval;
  const final = mapped[status];
  if ((final !== MAPPED_COMMITTED && final !== MAPPED_FAILED) || check > ticket.giveUp) {
    settle(out, at, OUT_STALLED);
    if (ticket.lastCheck > out.runEnd[column]!) out.runEnd[column] = ticket.lastCheck;
    if (sink !== null) sink.add(EV_GAVE_UP, u, ticket.lastCheck, 0, status);
    return;
  }
  times[u] = check;
  if (final === MAPPED_FAILED) {
    settle(out, at, OUT_FAILED);
    if (check > out.runEnd[column]!) out.runEnd[column] = check;
    if (sink !== null) sink.add(EV_STATUS_CHECK, u, check, 0, status);
    return;
  }
  verifyDeclared(model, u, drift, out, column, sink, EV_STATUS_CHECK, status);
}
