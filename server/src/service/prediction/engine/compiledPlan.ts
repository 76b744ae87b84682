/**
 * A plan compiled for simulation: one `SimUnit` per request and per split-off part, with its
 * distributions and calendars ready, connector units grouped by the queue they share, and the
 * scratch arrays the hot loop reuses. Built once per prediction (and per scenario).
 */

import type { Quantiles } from '../../catalog/types';
import type { BusinessHours } from '../../time/calendars';
import type { PredictionInput, PredictionRequest, Scenario } from '../input/predictionInput';
import type { AggregationParams, RequestParams, UnitParams } from '../parameters/requestParameters';
import type { TicketParams } from '../parameters/ticketParameters';
import { resolveContext, resolveRequest } from '../parameters/requestParameters';
import type { PlanParams } from '../parameters/planParameters';
import { resolvePlan } from '../parameters/planParameters';
import { ApprovalProcess } from './approvals';
import { passwordKey } from '../parameters/verificationParameters';
import { VERIFICATION, VERIFY_AGGREGATION } from './verification';
import { AggregationCalendar, BusinessCalendar } from '../../time/calendars';
import { ZoneClock } from '../../time/zoneClock';
import { quartzWallClock } from '../../time/cron';
import { LogNormal } from './random';
import { TicketProcess } from './ticketProcess';
import type { Steps } from '../../work/steps';
import { runSteps } from '../../work/steps';

const ZERO = LogNormal.constant(0);

/** What a unit simulates. */
export const KIND_CONNECTOR = 0;
export const KIND_MANUAL = 1;
export const KIND_TICKET = 2;

/** Where a unit comes from, for texts and summaries (never read in the hot loop). */
export interface UnitInfo {
  /** Position of the request in `PredictionInput.requests`. */
  position: number;
  request: PredictionRequest;
  part: 'permissionRequests' | null;
  params: UnitParams;
}

/** One simulated process. Every field exists on every unit so the hot loop stays monomorphic. */
export class SimUnit {
  readonly kind: number;
  readonly info: UnitInfo;
  queue = ZERO;
  execute = ZERO;
  visibility = ZERO;
  failureRate = 0;
  retryableShare = 0;
  partialChance = 0;
  maxRetries = 0;
  retryMinutes = 0;
  outageUntil = 0;
  outageRetryable = false;
  completion = ZERO;
  business: BusinessCalendar | null = null;
  driftRate = 0;
  unassigned = false;
  ticket: TicketProcess | null = null;
  aggregation: AggregationCalendar | null = null;
  /** Identity refresh runs (duration 0) when the plan's origin is re-evaluated at refresh; else null. */
  refresh: AggregationCalendar | null = null;
  /** VERIFY_*: how the unit is verified once committed. */
  verification = VERIFY_AGGREGATION;

  constructor(kind: number, info: UnitInfo) {
    this.kind = kind;
    this.info = info;
  }

  /** A unit with the same parameters for another request. */
  copy(info: UnitInfo): SimUnit {
    const unit = new SimUnit(this.kind, info);
    unit.queue = this.queue;
    unit.execute = this.execute;
    unit.visibility = this.visibility;
    unit.failureRate = this.failureRate;
    unit.retryableShare = this.retryableShare;
    unit.partialChance = this.partialChance;
    unit.maxRetries = this.maxRetries;
    unit.retryMinutes = this.retryMinutes;
    unit.outageUntil = this.outageUntil;
    unit.outageRetryable = this.outageRetryable;
    unit.completion = this.completion;
    unit.business = this.business;
    unit.driftRate = this.driftRate;
    unit.unassigned = this.unassigned;
    unit.ticket = this.ticket;
    unit.aggregation = this.aggregation;
    unit.refresh = this.refresh;
    unit.verification = this.verification;
    return unit;
  }
}

/**
 * Connector units that share a source's queue and its `concurrency` slots. Their parameters are
 * the source's, so the hot loop reads them here rather than from each unit.
 */
export class ConnectorGroup {
  readonly members: Int32Array;
  /** Min-heap of the times the slots become free. */
  readonly slots: Float64Array;
  readonly heapTime: Float64Array;
  readonly heapUnit: Int32Array;
  readonly queue: LogNormal;
  readonly execute: LogNormal;
  readonly visibility: LogNormal;
  readonly failureRate: number;
  readonly retryableShare: number;
  readonly maxRetries: number;
  readonly retryMinutes: number;
  readonly outageUntil: number;
  readonly outageRetryable: boolean;
  readonly aggregation: AggregationCalendar | null;
  readonly refresh: AggregationCalendar | null;

  constructor(members: number[], first: SimUnit, concurrency: number) {
    this.members = Int32Array.from(members);
    this.slots = new Float64Array(Math.max(1, Math.min(concurrency, members.length)));
    this.heapTime = new Float64Array(members.length);
    this.heapUnit = new Int32Array(members.length);
    this.queue = first.queue;
    this.execute = first.execute;
    this.visibility = first.visibility;
    this.failureRate = first.failureRate;
    this.retryableShare = first.retryableShare;
    this.maxRetries = first.maxRetries;
    this.retryMinutes = first.retryMinutes;
    this.outageUntil = first.outageUntil;
    this.outageRetryable = first.outageRetryable;
    this.aggregation = first.aggregation;
    this.refresh = first.refresh;
  }
}

/** Everything one Monte Carlo run reads, plus the scratch arrays it writes. */
export interface SimulationState {
  /** Submission time, epoch ms. */
  origin: number;
  units: SimUnit[];
  groups: ConnectorGroup[];
  manual: Int32Array;
  tickets: Int32Array;
  /** One random stream per unit. */
  states: Uint32Array;
  /** Per unit: the partial-success draw and the visibility draw, made before the first attempt. */
  draws: Float64Array;
  /** Per unit: the chance that at least one attribute request fails alone. */
  partialChance: Float64Array;
  /** Per unit: the time being worked on (end of the current attempt, commit time). */
  times: Float64Array;
  /** A register for numbers passed between hot functions without boxing. */
  reg: Float64Array;
  attempts: Int32Array;
  /** The plan's approvals, or null when provisioning starts at the submission. */
  approval: ApprovalProcess | null;
  /** The current run's start of provisioning (the last approval; 0 without approvals), minutes. */
  begin: Float64Array;
  /** Per unit: 1 while its identity-refresh attempt runs (docs/prediction-model.md#identity-refresh). */
  repairing: Uint8Array;
}

/** A compiled plan: the simulation state and, per request, its resolved parameters and units. */
export interface CompiledPlan {
  state: SimulationState;
  params: RequestParams[];
  /** The plan's approvals and identity refresh, with their assumptions. */
  plan: PlanParams;
  /** Per request: its main unit (-1 when nothing is predicted) and its parts' units. */
  unitsOf: { main: number; parts: number[] }[];
}

/**
 * Calendars, zone clocks and distributions by their definition, shared by every unit that uses
 * them and by a baseline and its scenarios.
 */
export class SimulationCache {
  readonly origin: number;
  private readonly clocks = new Map<string, ZoneClock>();
  private readonly aggregations = new Map<string, AggregationCalendar | null>();
  private readonly businesses = new Map<string, BusinessCalendar>();
  private readonly distributions = new Map<string, LogNormal>();
  private readonly tickets = new Map<string, TicketProcess>();

  constructor(origin: number) {
    this.origin = origin;
  }

  /** How many calendars, distributions and processes it holds. */
  get size(): number {
    return (
      this.clocks.size +
      this.aggregations.size +
      this.businesses.size +
      this.distributions.size +
      this.tickets.size
    );
  }

  clock(timeZone: string): ZoneClock {
    let clock = this.clocks.get(timeZone);
    if (!clock) this.clocks.set(timeZone, (clock = new ZoneClock(timeZone, this.origin)));
    return clock;
  }

  aggregation(params: AggregationParams, timeZone: string): AggregationCalendar | null {
    if (params.kind !== 'schedule') return null;
    const key = `${params.expression}\u0000${timeZone}\u0000${params.durationMinutes}`;
    if (this.aggregations.has(key)) return this.aggregations.get(key)!;
    const schedule = quartzWallClock(params.expression);
    const calendar = schedule
      ? new AggregationCalendar(schedule, this.clock(timeZone), this.origin, params.durationMinutes)
      : null;
    this.aggregations.set(key, calendar);
    return calendar;
  }

  /** The log-normal fitted to `quantiles` in units of `minutesPerUnit` minutes, times `factor`. */
  logNormal(quantiles: Quantiles, minutesPerUnit: number, factor = 1): LogNormal {
    const key = `${quantiles.p50}/${quantiles.p90}/${minutesPerUnit}/${factor}`;
    let distribution = this.distributions.get(key);
    if (!distribution) {
      distribution = LogNormal.fit(quantiles, minutesPerUnit);
      if (factor !== 1) distribution = distribution.scaled(factor);
      this.distributions.set(key, distribution);
    }
    return distribution;
  }

  /** The ticket process of an SDIM, built once per distinct parameter set and time zone. */
  ticket(params: TicketParams, timeZone: string): TicketProcess {
    const key = `${JSON.stringify(params)}\u0000${timeZone}`;
    let process = this.tickets.get(key);
    if (!process) this.tickets.set(key, (process = new TicketProcess(params, this, timeZone)));
    return process;
  }

  business(hours: BusinessHours, timeZone: string, blockedUntil: number): BusinessCalendar {
    const key = `${hours.days.join(',')}\u0000${hours.start}\u0000${hours.end}\u0000${timeZone}\u0000${blockedUntil}`;
    let calendar = this.businesses.get(key);
    if (!calendar) {
      calendar = new BusinessCalendar(hours, this.clock(timeZone), this.origin, blockedUntil);
      this.businesses.set(key, calendar);
    }
    return calendar;
  }
}

/** The caches of the latest submission times, the most recently used last. */
const SHARED_CACHES = new Map<number, SimulationCache>();
const SHARED_CACHE_LIMIT = 4;
/** A shared cache that holds more than this (an editor session of catalog edits) is started afresh. */
const SHARED_CACHE_ENTRIES = 2_000;

/**
 * The cache of every prediction submitted at `origin`. Building calendars and distributions costs
 * more than simulating a small plan, and many plans are predicted at one submission time (the
 * editor's open plans, `isc-plan diff` of a thousand plans under two catalogs); the cache is
 * already shared by a baseline and its scenarios, and what it holds depends only on its keys and
 * `origin`, so sharing it changes no number.
 */
export function sharedSimulationCache(origin: number): SimulationCache {
  let cache = SHARED_CACHES.get(origin);
  if (cache && cache.size > SHARED_CACHE_ENTRIES) cache = undefined;
  if (cache) {
    SHARED_CACHES.delete(origin);
  } else {
    cache = new SimulationCache(origin);
    SHARED_CACHES.delete(origin);
    if (SHARED_CACHES.size >= SHARED_CACHE_LIMIT) SHARED_CACHES.delete(SHARED_CACHES.keys().next().value!);
  }
  SHARED_CACHES.set(origin, cache);
  return cache;
}

/** Resolves every request's parameters and builds the simulation model. */
export function compilePlan(
  input: PredictionInput,
  scenarios: readonly Scenario[],
  cache: SimulationCache,
): CompiledPlan {
  return runSteps(compilePlanSteps(input, scenarios, cache));
}

/** How many requests are compiled between two steps of {@link compilePlanSteps}. */
const REQUESTS_PER_STEP = 250;

/** {@link compilePlan} as steps, one every {@link REQUESTS_PER_STEP} requests. */
export function* compilePlanSteps(
  input: PredictionInput,
  scenarios: readonly Scenario[],
  cache: SimulationCache,
): Steps<CompiledPlan> {
  const ctx = resolveContext(input.catalog, scenarios);
  const plan = resolvePlan(input.plan.origin, ctx);
  const refresh = plan.refresh
    ? cache.aggregation(
        { kind: 'schedule', expression: plan.refresh.expression, durationMinutes: 0 },
        plan.refresh.timeZone,
      )
    : null;
  const units: SimUnit[] = [];
  const params: RequestParams[] = [];
  const unitsOf: { main: number; parts: number[] }[] = [];
  const memo = new Map<string, RequestParams>();
  const templates = new Map<UnitParams, SimUnit>();
  for (const [position, request] of input.requests.entries()) {
    if (position > 0 && position % REQUESTS_PER_STEP === 0) yield { done: position / input.requests.length };
    const key = resolutionKey(request);
    let resolved = memo.get(key);
    if (!resolved) memo.set(key, (resolved = resolveRequest(request, ctx)));
    params.push(resolved);
    const add = (unitParams: UnitParams): number => {
      const info: UnitInfo = { position, request, part: unitParams.part, params: unitParams };
      const template = templates.get(unitParams);
      const unit = template ? template.copy(info) : buildUnit(info, cache, refresh);
      if (!template) templates.set(unitParams, unit);
      units.push(unit);
      return units.length - 1;
    };
    const main = resolved.main ? add(resolved.main) : -1;
    unitsOf.push({ main, parts: resolved.parts.map(add) });
  }
  const n = units.length;
  const sim: SimulationState = {
    origin: cache.origin,
    units,
    groups: groupConnectors(units),
    manual: Int32Array.from(indexesOf(units, KIND_MANUAL)),
    tickets: Int32Array.from(indexesOf(units, KIND_TICKET)),
    states: new Uint32Array(n),
    draws: new Float64Array(2 * n),
    partialChance: Float64Array.from(units, (unit) => unit.partialChance),
    times: new Float64Array(n),
    reg: new Float64Array(4),
    attempts: new Int32Array(n),
    approval: approvalProcess(plan, cache),
    begin: new Float64Array(1),
    repairing: new Uint8Array(n),
  };
  return { state: sim, params, plan, unitsOf };
}

/**
 * What a request's parameters depend on. Requests with equal keys share one (read-only)
 * resolution: a 10,000-request plan mostly repeats a few sources.
 */
function resolutionKey(request: PredictionRequest): string {
  const d = request.decision;
  let parts = '';
  for (const part of d.parts) parts += `\u0001${part.channel}>${part.target ?? ''}`;
  const source = d.declaredOnly || !d.source ? `?${request.source}` : d.source.name;
  const integration = d.integration?.name ?? '';
  const password = passwordKey(request);
  return `${d.channel}\u0000${source}\u0000${integration}\u0000${d.target ?? ''}\u0000${request.attributeRequests.length}${password}${parts}`;
}

function indexesOf(units: SimUnit[], kind: number): number[] {
  const out: number[] = [];
  units.forEach((unit, index) => {
    if (unit.kind === kind) out.push(index);
  });
  return out;
}

function groupConnectors(units: SimUnit[]): ConnectorGroup[] {
  const byKey = new Map<string, number[]>();
  const order: string[] = [];
  units.forEach((unit, index) => {
    const connector = unit.info.params.connector;
    if (unit.kind !== KIND_CONNECTOR || !connector) return;
    let members = byKey.get(connector.queueKey);
    if (!members) {
      byKey.set(connector.queueKey, (members = []));
      order.push(connector.queueKey);
    }
    members.push(index);
  });
  return order.map((key) => {
    const members = byKey.get(key)!;
    const first = units[members[0]!]!;
    return new ConnectorGroup(members, first, first.info.params.connector!.concurrency);
  });
}

function approvalProcess(plan: PlanParams, cache: SimulationCache): ApprovalProcess | null {
  const a = plan.approvals;
  if (!a) return null;
  const steps = a.steps.map((hours) => cache.logNormal(hours, 60));
  const business = cache.business(a.businessHours, a.timeZone, 0);
  return new ApprovalProcess(steps, business, a.escalationMinutes, a.escalations);
}

function buildUnit(info: UnitInfo, cache: SimulationCache, refresh: AggregationCalendar | null): SimUnit {
  const p = info.params;
  const kind =
    p.channel === 'connector' ? KIND_CONNECTOR : p.channel === 'manual' ? KIND_MANUAL : KIND_TICKET;
  const unit = new SimUnit(kind, info);
  unit.aggregation = cache.aggregation(p.aggregation, p.timeZone);
  unit.refresh = refresh;
  unit.verification = VERIFICATION[p.aggregation.kind];
  if (p.connector) {
    const c = p.connector;
    unit.queue = cache.logNormal(c.queueMinutes, 1);
    unit.execute = cache.logNormal(c.executeSeconds, 1 / 60);
    unit.visibility = cache.logNormal(c.visibilityMinutes, 1);
    unit.failureRate = c.failureRate;
    unit.retryableShare = c.retryableShare;
    unit.partialChance = 1 - (1 - c.attributeFailureRate) ** c.attributeCount;
    unit.maxRetries = c.maxRetries;
    unit.retryMinutes = c.retryMinutes;
    unit.outageUntil = c.outageMinutes;
    unit.outageRetryable = c.hasRetryableErrors;
  }
  if (p.manual) {
    const m = p.manual;
    unit.unassigned = m.unassigned;
    unit.completion = cache.logNormal(m.completionHours, 60);
    unit.driftRate = m.driftRate;
    if (!m.unassigned) unit.business = cache.business(m.businessHours, p.timeZone, m.awayMinutes);
  }
  if (p.ticket) {
    unit.ticket = cache.ticket(p.ticket, p.timeZone);
    unit.driftRate = p.ticket.driftRate;
  }
  return unit;
}
