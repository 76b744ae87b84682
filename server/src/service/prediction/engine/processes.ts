/**
 * One run of the channel processes of docs/prediction-model.md (#connector, #manual, #ticket). Written for the hot loop: numbers and
 * typed arrays only, no allocation, no closures. The same code replays the representative run with
 * an `EventSink`, so the replayed events are exactly that run.
 *
 * Each unit has its own random stream, drawn in a fixed order, so a scenario sees the same numbers
 * as the baseline wherever it does not change the course of events: connector: partial success,
 * visibility, then per attempt queue wait, execution, failure (after a failure: retryable);
 * manual: completion, drift; ticketing: drift, then per workflow status duration, failure.
 */

import type { ConnectorGroup, SimUnit, SimulationState } from './compiledPlan';
import type { TicketProcess } from './ticketProcess';
import { completeFrom, recovered, repairManual } from './refresh';
import { MAPPED_COMMITTED, MAPPED_FAILED } from './ticketProcess';
import { VERIFY_PASSWORD, VERIFY_UPLOAD } from './verification';
import { drawUniform, seedStream } from './random';
import { heapPop, siftSlots, siftUp } from './heap';

import {
  EV_COMMITTED,
  EV_DRIFT_FOUND,
  EV_FAILED,
  EV_GAVE_UP,
  EV_HORIZON,
  EV_MARKED_COMPLETE,
  EV_QUEUED,
  EV_REFRESH,
  EV_RETRY,
  EV_STARTED,
  EV_STATUS_CHECK,
  EV_TICKET_CREATED,
  EV_TICKET_STATUS,
  EV_UNASSIGNED,
  EV_UNVERIFIABLE,
  EV_VERIFIED,
  EV_VISIBLE,
  EV_WORK_ITEM,
  OUT_DRIFT,
  OUT_FAILED,
  OUT_PARTIAL,
  OUT_STALLED,
  OUT_SUCCESS,
  OUT_UNVERIFIABLE,
} from './runOutput';
import type { RunTarget } from './runOutput';

/*
 * The functions below pass every number through typed arrays (`model.reg` is a small register,
 * `model.times` holds each unit's current time) and take only integers and objects as arguments:
 * a double handed to or returned from a call that the optimiser does not inline is boxed, and a
 * million boxes per dry run cost more than the model itself.
 */

/**
 * The connector requests to one source in one run: a background queue wait per attempt, then
 * the source's slots in order of readiness (FIFO), the call itself, failures and retries.
 */
export function runConnectorGroup(sim: SimulationState, group: ConnectorGroup, run: RunTarget): void {
  const { slots, heapTime, heapUnit, execute } = group;
  const { states, times, attempts, reg } = sim;
  const { out, column, sink } = run;
  let size = enqueue(sim, group, run);
  slots.fill(0);
  while (size > 0) {
    const ready = heapTime[0]!;
    const u = heapUnit[0]!;
    size = heapPop(heapTime, heapUnit, size);
    const free = slots[0]!;
    const start = ready > free ? ready : free;
    drawUniform(states, u, reg, 0);
    execute.apply(reg, 0);
    const end = start + reg[0]!;
    slots[0] = end;
    siftSlots(slots);
    times[u] = end;
    if (attempts[u] === 0) out.started[u + column * out.runStep] = start;
    if (sink !== null) sink.add(EV_STARTED, u, start, attempts[u]! + 1, 0);
    const outage = start < group.outageUntil;
    drawUniform(states, u, reg, 0);
    if (reg[0]! < group.failureRate || outage) size = fail(sim, group, u, outage, size, run);
    else commitConnector(sim, group, u, run);
  }
}

/** Seeds each member's stream, makes its fixed draws and queues its first attempt. */
function enqueue(sim: SimulationState, group: ConnectorGroup, run: RunTarget): number {
  const { members, heapTime, heapUnit, queue } = group;
  const { states, draws, attempts } = sim;
  const { seedOfRun, out, column, sink } = run;
  let size = 0;
  for (let k = 0; k < members.length; k++) {
    const u = members[k]!;
    seedStream(states, u, seedOfRun, u);
    drawUniform(states, u, draws, 2 * u);
    drawUniform(states, u, draws, 2 * u + 1);
    attempts[u] = 0;
    sim.repairing[u] = 0;
    out.started[u + column * out.runStep] = NaN;
    out.repaired[u + column * out.runStep] = NaN;
    drawUniform(states, u, heapTime, size);
    queue.apply(heapTime, size);
    heapTime[size] = heapTime[size]! + sim.begin[0]!;
    heapUnit[size] = u;
    size = siftUp(heapTime, heapUnit, size);
    if (sink !== null) sink.add(EV_QUEUED, u, sim.begin[0]!, 1, 0);
  }
  return size;
}

/** A failed attempt (it ended at `model.times[u]`): queue a retry, or fail. Returns the heap size. */
function fail(
  sim: SimulationState,
  group: ConnectorGroup,
  u: number,
  outage: boolean,
  size: number,
  run: RunTarget,
): number {
  const { states, times, attempts, reg } = sim;
  const sink = run.sink;
  const attempt = attempts[u]!;
  const end = times[u]!;
  drawUniform(states, u, reg, 0);
  const retryable = reg[0]! < group.retryableShare || (outage && group.outageRetryable);
  if (retryable && attempt < group.maxRetries && sim.repairing[u] === 0) {
    attempts[u] = attempt + 1;
    drawUniform(states, u, reg, 0);
    group.queue.apply(reg, 0);
    const again = end + group.retryMinutes + reg[0]!;
    if (sink !== null) sink.add(EV_RETRY, u, end, attempt + 1, again);
    group.heapTime[size] = again;
    group.heapUnit[size] = u;
    return siftUp(group.heapTime, group.heapUnit, size);
  }
  settle(sim, u, run, OUT_FAILED);
  if (sink !== null) sink.add(EV_FAILED, u, end, attempt + 1, retryable ? 1 : 0);
  return group.refresh === null || sim.repairing[u] === 1 ? size : refreshAttempt(sim, group, u, size, run);
}

/**
 * Identity refresh re-evaluates the access after a failure that ended at `sim.times[u]`: one more
 * attempt, queued at the next refresh run, without retries. Returns the heap size.
 */
function refreshAttempt(
  sim: SimulationState,
  group: ConnectorGroup,
  u: number,
  size: number,
  run: RunTarget,
): number {
  const { states, times, attempts, reg } = sim;
  group.refresh!.verifyInPlace(times, u);
  const refresh = times[u]!;
  if (refresh !== refresh) return size;
  sim.repairing[u] = 1;
  const attempt = attempts[u]! + 1;
  attempts[u] = attempt;
  drawUniform(states, u, reg, 0);
  group.queue.apply(reg, 0);
  if (run.sink !== null) run.sink.add(EV_REFRESH, u, refresh, attempt + 1, 0);
  group.heapTime[size] = refresh + reg[0]!;
  group.heapUnit[size] = u;
  return siftUp(group.heapTime, group.heapUnit, size);
}

/** The successful attempt ended at `model.times[u]`: commit, visibility, verification. */
function commitConnector(sim: SimulationState, group: ConnectorGroup, u: number, run: RunTarget): void {
  const { draws, times, attempts } = sim;
  const { out, column, sink } = run;
  const end = times[u]!;
  const partial = draws[2 * u]! < sim.partialChance[u]!;
  times[u] = draws[2 * u + 1]!;
  group.visibility.apply(times, u);
  const visible = end + times[u];
  times[u] = visible;
  // Per unit, not per group: a password change on the source is never verified by its aggregation.
  const unit = sim.units[u]!;
  const aggregation = unit.aggregation;
  if (aggregation === null) times[u] = NaN;
  else aggregation.verifyInPlace(times, u);
  const verified = times[u];
  const reached = verified === verified;
  const at = u + column * out.runStep;
  out.verified[at] = verified;
  if (sim.repairing[u] === 1) {
    // The refresh attempt is a later activity: committed and settled keep the first attempt's.
    out.committed[at] = NaN;
    recovered(out, at, end);
  } else {
    out.committed[at] = end;
    out.settled[at] = end;
    out.outcome[at] = partial ? OUT_PARTIAL : reached ? OUT_SUCCESS : unverified(unit);
  }
  const settled = reached ? verified : visible;
  if (settled > out.runEnd[column]!) out.runEnd[column] = settled;
  if (sink === null) return;
  const attempt = attempts[u]! + 1;
  sink.add(EV_COMMITTED, u, end, attempt, partial ? 1 : 0);
  if (!reached && unit.verification !== VERIFY_UPLOAD) sink.add(EV_UNVERIFIABLE, u, end, attempt, 0);
  sink.add(EV_VISIBLE, u, visible, attempt, 0);
  if (reached) sink.add(EV_VERIFIED, u, verified, attempt, verified - aggregation!.durationMinutes);
}

/**
 * The outcome of a committed unit that no aggregation verified: UNVERIFIABLE when the source is not
 * aggregated, success when verification is impossible by design (a password) or waits for a file
 * upload that ISC does not schedule.
 */
function unverified(unit: SimUnit): number {
  return unit.verification === VERIFY_PASSWORD || unit.verification === VERIFY_UPLOAD
    ? OUT_SUCCESS
    : OUT_UNVERIFIABLE;
}

/** A manual work item: created at submission, marked complete after business hours, maybe drift. */
export function runManual(sim: SimulationState, u: number, run: RunTarget): void {
  const { units, states, times, reg } = sim;
  const sink = run.sink;
  const unit = units[u]!;
  startAtSubmission(sim, u, run);
  drawUniform(states, u, times, u);
  drawUniform(states, u, reg, 0);
  const drift = reg[0]! < unit.driftRate;
  const business = unit.business;
  const begin = sim.begin[0]!;
  if (unit.unassigned || business === null) {
    times[u] = begin;
    settle(sim, u, run, OUT_FAILED);
    if (sink !== null) sink.add(EV_UNASSIGNED, u, begin, 0, 0);
    return;
  }
  if (sink !== null) sink.add(EV_WORK_ITEM, u, begin, 0, 0);
  unit.completion.apply(times, u);
  completeFrom(business, times, u, begin);
  const committed = times[u]!;
  if (committed !== committed) {
    settle(sim, u, run, OUT_STALLED);
    if (sink !== null) sink.add(EV_HORIZON, u, begin, 0, 0);
    return;
  }
  verifyDeclared(sim, u, drift, run, EV_MARKED_COMPLETE, 0);
  if (drift && unit.refresh !== null && unit.aggregation !== null) repairManual(sim, u, run);
}

/** Seeds unit `u`'s stream for the run and starts the unit at submission (work items and tickets are created at once). */
function startAtSubmission(sim: SimulationState, u: number, run: RunTarget): void {
  seedStream(sim.states, u, run.seedOfRun, u);
  run.out.started[u + run.column * run.out.runStep] = sim.begin[0]!;
  run.out.repaired[u + run.column * run.out.runStep] = NaN;
}

/**
 * A unit that never commits (committed and verified not reached), settled at `model.times[u]`:
 * the run ends no earlier (NaN, a unit still open at the horizon, leaves the run's end as it is).
 */
function settle(sim: SimulationState, u: number, run: RunTarget, outcome: number): void {
  const { out, column } = run;
  const at = u + column * out.runStep;
  out.committed[at] = NaN;
  out.verified[at] = NaN;
  out.outcome[at] = outcome;
  const end = sim.times[u]!;
  // A failed refresh attempt leaves the first attempt's failure as the time the item left PENDING.
  if (sim.repairing[u] === 0) out.settled[at] = outcome === OUT_STALLED ? NaN : end;
  if (end > out.runEnd[column]!) out.runEnd[column] = end;
}

/**
 * Verification after a person or a ticket declared the work done at `model.times[u]`: the next
 * aggregation tells, unless the work was not done (drift).
 */
function verifyDeclared(
  sim: SimulationState,
  u: number,
  drift: boolean,
  run: RunTarget,
  kind: number,
  detail: number,
): void {
  const { out, column, sink } = run;
  const unit = sim.units[u]!;
  const times = sim.times;
  const committed = times[u]!;
  const aggregation = unit.aggregation;
  if (aggregation === null) times[u] = NaN;
  else aggregation.verifyInPlace(times, u);
  const aggregated = times[u]!;
  times[u] = committed;
  const reached = aggregated === aggregated;
  const at = u + column * out.runStep;
  out.committed[at] = committed;
  out.settled[at] = committed;
  out.verified[at] = drift ? NaN : aggregated;
  out.outcome[at] = drift ? OUT_DRIFT : reached ? OUT_SUCCESS : unverified(unit);
  const settled = reached ? aggregated : committed;
  if (settled > out.runEnd[column]!) out.runEnd[column] = settled;
  if (sink === null) return;
  sink.add(kind, u, committed, 0, detail);
  if (!reached) {
    // A flat-file item waits for an upload: ISC has not given up on it, so nothing is said yet.
    if (unit.verification !== VERIFY_UPLOAD) sink.add(EV_UNVERIFIABLE, u, committed, 0, drift ? 1 : 0);
  } else {
    sink.add(
      drift ? EV_DRIFT_FOUND : EV_VERIFIED,
      u,
      aggregated,
      0,
      aggregated - aggregation!.durationMinutes,
    );
  }
}

/** The time (minutes from submission) at which `worked` working minutes of the ticket have passed since `from` (NaN beyond the horizon). */
function onCalendar(ticket: TicketProcess, reg: Float64Array, worked: number, from: number): number {
  reg[1] = worked;
  completeFrom(ticket.business, reg, 1, from);
  return reg[1];
}

/**
 * A ticket: it walks the SDIM's workflow until a status mapped to Committed or Failed, in the
 * SDIM's business hours; ISC sees the status only at its checks, and stops checking after
 * `provisioningMaxStatusCheckDays` (calendar days).
 */
export function runTicket(sim: SimulationState, u: number, run: RunTarget): void {
  const { units, states, times, reg } = sim;
  const sink = run.sink;
  const ticket = units[u]!.ticket!;
  startAtSubmission(sim, u, run);
  drawUniform(states, u, reg, 0);
  const drift = reg[0]! < ticket.driftRate;
  // The ticket is created at the last approval (`begin`); ISC's checks count from then.
  const begin = sim.begin[0]!;
  if (sink !== null) sink.add(EV_TICKET_CREATED, u, begin, 0, 0);
  // People work the ticket in business hours; `worked` counts working minutes since its creation.
  let worked = 0;
  let status = 0;
  // Replay only: the status the ticket was in when ISC last looked, for the give-up event.
  let shown = 0;
  const last = ticket.workflowLength - 1;
  const mapped = ticket.mapped;
  while (mapped[status] !== MAPPED_COMMITTED && mapped[status] !== MAPPED_FAILED && status < last) {
    drawUniform(states, u, reg, 0);
    ticket.durations[status]!.apply(reg, 0);
    worked += reg[0]!;
    drawUniform(states, u, reg, 0);
    status = reg[0]! < ticket.failureChance[status]! ? ticket.failedIndex : status + 1;
    if (sink !== null) {
      const at = onCalendar(ticket, reg, worked, begin);
      sink.add(EV_TICKET_STATUS, u, at, 0, status);
      if (at - begin <= ticket.lastCheck) shown = status;
    }
  }
  const time = onCalendar(ticket, reg, worked, begin) - begin;
  // ISC's status checks run in calendar time from the ticket's creation, whatever the service desk's hours.
  const interval = ticket.interval;
  const check = time > interval ? Math.ceil(time / interval) * interval : interval;
  const final = mapped[status];
  const open = time !== time || (final !== MAPPED_COMMITTED && final !== MAPPED_FAILED);
  const stalled = open || check > ticket.giveUp;
  // A stalled ticket settles at ISC's last check; any other at the check that sees its status.
  // Times so far count from the ticket's creation (the last approval); the run counts from submission.
  const seen = begin + (stalled ? ticket.lastCheck : check);
  times[u] = seen;
  if (stalled || final === MAPPED_FAILED) {
    settle(sim, u, run, stalled ? OUT_STALLED : OUT_FAILED);
    if (sink !== null) sink.add(stalled ? EV_GAVE_UP : EV_STATUS_CHECK, u, seen, 0, stalled ? shown : status);
    return;
  }
  verifyDeclared(sim, u, drift, run, EV_STATUS_CHECK, status);
}
