/**
 * The delay model's parameters per request (prediction.md §2): each comes from the catalog or
 * else from the default table, and every default actually used is written down in plain words
 * (the request's `assumptions`).
 */

import type { BusinessHours, CatalogSource, MergedCatalog, Quantiles, ServiceDeskIntegration } from '../catalog/types';
import type { PredictionRequest, Scenario } from './types';
import { quartzWallClock, checkQuartz } from './cron';
import { isTimeZone, weeklyMinutes } from './calendar';
import { resolveTicketing } from './ticketParameters';
import type { TicketParams } from './ticketParameters';
import { num, percent, typical } from './text';

export type { TicketParams, TicketStateParams, Mapped } from './ticketParameters';

/** The default table of prediction.md §2. */
export const DEFAULTS = {
  queueMinutes: { p50: 0.5, p90: 5 },
  executeSeconds: { p50: 5, p90: 60 },
  concurrency: 4,
  failureRate: 0.02,
  retryableShare: 0.5,
  attributeFailureRate: 0.01,
  maxRetries: 3,
  retryMinutes: 60,
  visibilityMinutes: { p50: 1, p90: 15 },
  completionHours: { p50: 8, p90: 72 },
  businessHours: { days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], start: '09:00', end: '17:00' } as BusinessHours,
  manualDriftRate: 0.03,
  ticketHours: { p50: 6, p90: 36 },
  ticketFailureChance: 0.05,
  ticketDriftRate: 0.02,
  statusCheckMinutes: 30,
  statusCheckDays: 2,
  aggregationSchedule: '0 0 2 * * ?',
  aggregationMinutes: 15,
  timeZone: 'UTC',
} as const;

export interface ConnectorParams {
  /** Requests with the same key share one queue and its concurrency. */
  queueKey: string;
  queueMinutes: Quantiles;
  executeSeconds: Quantiles;
  concurrency: number;
  failureRate: number;
  /** Share of failures that are retried: 0 when the source lists no retryableErrors. */
  retryableShare: number;
  hasRetryableErrors: boolean;
  attributeFailureRate: number;
  attributeCount: number;
  maxRetries: number;
  retryMinutes: number;
  visibilityMinutes: Quantiles;
  /** Scenario `outage`: every attempt starting before this minute fails. */
  outageMinutes: number;
}

export interface ManualParams {
  owner: string | null;
  /** Nobody receives the work item (the source has no owner): the request never completes. */
  unassigned: boolean;
  completionHours: Quantiles;
  businessHours: BusinessHours;
  driftRate: number;
  /** Scenario `away`: the owner's business-hours clock stands still until this minute. */
  awayMinutes: number;
}

export type AggregationParams = { kind: 'schedule'; expression: string; durationMinutes: number } | { kind: 'none' };

/** Everything the processes need to simulate one request or one split-off part. */
export interface UnitParams {
  channel: 'connector' | 'manual' | 'ticketing';
  target: string | null;
  /** The source's name (as the catalog spells it, else as the request does). */
  source: string;
  part: 'permissionRequests' | null;
  connector: ConnectorParams | null;
  manual: ManualParams | null;
  ticket: TicketParams | null;
  aggregation: AggregationParams;
  timeZone: string;
}

/** A request's resolved parameters; `main` is null when nothing can be predicted. */
export interface RequestParams {
  main: UnitParams | null;
  parts: UnitParams[];
  assumptions: string[];
}

/** Assumption texts in the order found, each once. */
export class Assumptions {
  readonly list: string[] = [];
  private readonly seen = new Set<string>();

  add(text: string): void {
    if (this.seen.has(text)) return;
    this.seen.add(text);
    this.list.push(text);
  }
}

/** What every request of a plan shares while its parameters are resolved. */
export interface ResolveContext {
  catalog: MergedCatalog | undefined;
  timeZone: string;
  /** Said when the time zone is used: why it is UTC. */
  timeZoneNote: string | undefined;
  scenarios: readonly Scenario[];
  /** Whether croner can evaluate an expression, by expression (building a Cron is costly). */
  evaluable: Map<string, boolean>;
}

/** The catalog's time zone, or UTC and why. */
export function resolveContext(catalog: MergedCatalog | undefined, scenarios: readonly Scenario[]): ResolveContext {
  const zone = catalog?.timeZone;
  const evaluable = new Map<string, boolean>();
  if (zone === undefined || zone === '') {
    const timeZoneNote = 'No time zone in the catalog: schedules and business hours are read in UTC.';
    return { catalog, scenarios, evaluable, timeZone: 'UTC', timeZoneNote };
  }
  if (!isTimeZone(zone)) {
    const timeZoneNote = `The catalog's time zone "${zone}" is not an IANA time zone: assumed UTC.`;
    return { catalog, scenarios, evaluable, timeZone: 'UTC', timeZoneNote };
  }
  return { catalog, scenarios, evaluable, timeZone: zone, timeZoneNote: undefined };
}

/** Resolves one request (and its split-off parts) against the catalog, defaults and scenarios. */
export function resolveRequest(request: PredictionRequest, ctx: ResolveContext): RequestParams {
  const notes = new Assumptions();
  const decision = request.decision;
  if (decision.channel === 'unknown') {
    notes.add(`No catalog knows the source "${request.source}" and the request declares no channel, so nothing is predicted for it.`);
    return { main: null, parts: [], assumptions: notes.list };
  }
  const source = decision.declaredOnly ? undefined : decision.source;
  const name = source?.name ?? request.source;
  if (decision.declaredOnly) {
    notes.add(`"${request.source}" is in no catalog: this prediction rests on the request's declared channel "${decision.channel}" alone, with the defaults below.`);
  }
  const main = resolveUnit(request, ctx, notes, {
    channel: decision.channel,
    target: decision.target,
    name,
    source,
    integration: decision.integration,
    part: null,
    unassigned: decision.channel === 'manual' && decision.target === null && !decision.declaredOnly,
  });
  const parts = decision.parts.map((part) =>
    resolveUnit(request, ctx, notes, {
      channel: part.channel,
      target: part.target,
      name,
      source,
      integration: undefined,
      part: part.part,
      unassigned: part.target === null,
    }),
  );
  return { main, parts, assumptions: notes.list };
}

interface UnitSpec {
  channel: 'connector' | 'manual' | 'ticketing';
  target: string | null;
  name: string;
  source: CatalogSource | undefined;
  integration: ServiceDeskIntegration | undefined;
  part: 'permissionRequests' | null;
  unassigned: boolean;
}

function resolveUnit(request: PredictionRequest, ctx: ResolveContext, notes: Assumptions, spec: UnitSpec): UnitParams {
  const unit: UnitParams = {
    channel: spec.channel,
    target: spec.target,
    source: spec.name,
    part: spec.part,
    connector: null,
    manual: null,
    ticket: null,
    aggregation: { kind: 'none' },
    timeZone: ctx.timeZone,
  };
  if (spec.channel === 'connector') unit.connector = resolveConnector(request, spec, ctx, notes);
  if (spec.channel === 'manual') unit.manual = resolveManual(spec, ctx, notes);
  if (spec.channel === 'ticketing') {
    const label = spec.integration?.name ?? spec.target ?? 'the service desk integration';
    unit.ticket = resolveTicketing(spec.integration, label, ctx, notes.add.bind(notes));
  }
  unit.aggregation = resolveAggregation(spec.name, spec.source, ctx, notes);
  return unit;
}

/** A `{p50, p90}` pair that the model can use (finite, 0 <= p50 <= p90). */
function usable(quantiles: Quantiles | undefined): quantiles is Quantiles {
  return (
    quantiles !== undefined &&
    Number.isFinite(quantiles.p50) &&
    Number.isFinite(quantiles.p90) &&
    quantiles.p50 >= 0 &&
    quantiles.p90 >= quantiles.p50
  );
}

function rate(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value) && value >= 0 && value <= 1;
}

function quantilesOr(value: Quantiles | undefined, fallback: Quantiles, notes: Assumptions, text: string): Quantiles {
  if (usable(value)) return value;
  notes.add(text);
  return fallback;
}

function rateOr(value: number | undefined, fallback: number, notes: Assumptions, text: string): number {
  if (rate(value)) return value;
  notes.add(text);
  return fallback;
}

function countOr(value: number | undefined, fallback: number, min: number, notes: Assumptions, text: string): number {
  if (value !== undefined && Number.isFinite(value) && value >= min) return value;
  notes.add(text);
  return fallback;
}

function scenarioFor<K extends Scenario['kind']>(ctx: ResolveContext, kind: K, name: string): Extract<Scenario, { kind: K }> | undefined {
  for (const scenario of ctx.scenarios) {
    if (scenario.kind !== kind) continue;
    const target = scenario.kind === 'away' ? scenario.owner : scenario.kind === 'backlog' ? scenario.integration : scenario.source;
    if (target === name) return scenario as Extract<Scenario, { kind: K }>;
  }
  return undefined;
}

function resolveConnector(request: PredictionRequest, spec: UnitSpec, ctx: ResolveContext, notes: Assumptions): ConnectorParams {
  const s = spec.name;
  const timing = spec.source?.timing?.connector ?? {};
  const attributes = spec.source?.connectorAttributes ?? {};
  const d = DEFAULTS;
  const queueMinutes = quantilesOr(timing.queueMinutes, d.queueMinutes, notes, `No queue time for ${s}: assumed ${typical(0.5, 5, 'min')} (a healthy connector under moderate load).`);
  const executeSeconds = quantilesOr(timing.executeSeconds, d.executeSeconds, notes, `No execution time for ${s}: assumed ${typical(5, 60, 's')} per connector call.`);
  const concurrency = Math.floor(countOr(timing.concurrency, d.concurrency, 1, notes, `No concurrency for ${s}: assumed ${d.concurrency} connector calls at a time.`));
  const failure = scenarioFor(ctx, 'failure', s);
  let failureRate: number;
  if (failure) {
    failureRate = failure.rate;
    notes.add(`Scenario ${failure.spec}: ${percent(failure.rate)} of the attempts to ${s} fail.`);
  } else {
    failureRate = rateOr(timing.failureRate, d.failureRate, notes, `No failure rate for ${s}: assumed ${percent(d.failureRate)} of attempts fail.`);
  }
  const hasRetryableErrors = (attributes.retryableErrors?.length ?? 0) > 0;
  let retryableShare = 0;
  if (hasRetryableErrors) {
    retryableShare = rateOr(timing.retryableShare, d.retryableShare, notes, `No retryable share for ${s}: assumed half of its failures match its retryableErrors and are retried.`);
  } else if (timing.retryableShare !== undefined && timing.retryableShare > 0) {
    notes.add(`${s} sets retryableShare but lists no retryableErrors: ISC retries only errors that match retryableErrors, so no failure is retried.`);
  }
  const outage = scenarioFor(ctx, 'outage', s);
  if (outage) {
    const why = hasRetryableErrors ? 'retried, since it lists retryableErrors' : 'not retried, since it lists no retryableErrors';
    notes.add(`Scenario ${outage.spec}: every attempt to ${s} during the first ${num(outage.hours)} h fails and is ${why}.`);
  }
  const retries = hasRetryableErrors && (retryableShare > 0 || outage !== undefined);
  const maxRetries = retries
    ? Math.floor(countOr(attributes.provisioningMaxRetries, d.maxRetries, 0, notes, `No provisioningMaxRetries for ${s}: assumed ${d.maxRetries} retries (ISC documentation).`))
    : 0;
  const retryMinutes = retries
    ? countOr(attributes.provisioningRetryThreshold, d.retryMinutes, 0, notes, `No provisioningRetryThreshold for ${s}: assumed ${d.retryMinutes} minutes between retries (ISC documentation; a SailPoint forum reply reports a default of 1 minute).`)
    : d.retryMinutes;
  const attributeCount = request.attributeRequests.length;
  const attributeFailureRate =
    attributeCount > 0
      ? rateOr(timing.attributeFailureRate, d.attributeFailureRate, notes, `No attribute failure rate for ${s}: assumed each attribute request fails on its own in ${percent(d.attributeFailureRate)} of successful calls (partial success).`)
      : 0;
  const visibilityMinutes = quantilesOr(timing.visibilityMinutes, d.visibilityMinutes, notes, `No visibility delay for ${s}: assumed access shows on the target ${typical(1, 15, 'min')} after the commit (replication).`);
  return {
    queueKey: spec.source ? `source:${spec.source.name}` : `declared:${s}`,
    queueMinutes,
    executeSeconds,
    concurrency,
    failureRate,
    retryableShare,
    hasRetryableErrors,
    attributeFailureRate,
    attributeCount,
    maxRetries,
    retryMinutes,
    visibilityMinutes,
    outageMinutes: outage ? outage.hours * 60 : 0,
  };
}

function resolveManual(spec: UnitSpec, ctx: ResolveContext, notes: Assumptions): ManualParams {
  const s = spec.name;
  const timing = spec.source?.timing?.manual ?? {};
  const d = DEFAULTS;
  const params: ManualParams = {
    owner: spec.target,
    unassigned: spec.unassigned,
    completionHours: d.completionHours,
    businessHours: d.businessHours,
    driftRate: d.manualDriftRate,
    awayMinutes: 0,
  };
  if (spec.unassigned) return params;
  params.completionHours = quantilesOr(timing.completionHours, d.completionHours, notes, `No completion time for manual tasks of ${s}: assumed ${typical(8, 72, 'business hours')}.`);
  const hours = timing.businessHours;
  if (hours === undefined) {
    notes.add(`No business hours for ${s}: assumed Mon-Fri 09:00-17:00 (${ctx.timeZone}).`);
  } else if (weeklyMinutes(hours) === 0) {
    notes.add(`The business hours of ${s} never open: assumed Mon-Fri 09:00-17:00 (${ctx.timeZone}).`);
  } else {
    params.businessHours = hours;
  }
  if (ctx.timeZoneNote) notes.add(ctx.timeZoneNote);
  params.driftRate = rateOr(timing.driftRate, d.manualDriftRate, notes, `No drift rate for ${s}: assumed ${percent(d.manualDriftRate)} of manual tasks are marked complete although the change was not made.`);
  const away = spec.target === null ? undefined : scenarioFor(ctx, 'away', spec.target);
  if (away) {
    params.awayMinutes = away.days * 24 * 60;
    notes.add(`Scenario ${away.spec}: ${away.owner} completes nothing during the first ${num(away.days)} days.`);
  }
  return params;
}

function canEvaluate(expression: string, ctx: ResolveContext): boolean {
  let known = ctx.evaluable.get(expression);
  if (known === undefined) ctx.evaluable.set(expression, (known = quartzWallClock(expression) !== undefined));
  return known;
}

function resolveAggregation(s: string, source: CatalogSource | undefined, ctx: ResolveContext, notes: Assumptions): AggregationParams {
  if (source?.features.includes('NO_AGGREGATION')) return { kind: 'none' };
  const given = source?.aggregation;
  const schedule = given?.schedule?.trim();
  if (schedule !== undefined && schedule.toLowerCase() === 'none') return { kind: 'none' };
  const duration = given?.durationMinutes;
  const hasDuration = duration !== undefined && Number.isFinite(duration) && duration >= 0;
  const defaultRun = `daily at 02:00 (${ctx.timeZone})${hasDuration ? '' : `, ${DEFAULTS.aggregationMinutes} minutes long`}`;
  let expression: string = DEFAULTS.aggregationSchedule;
  if (schedule === undefined || schedule === '') {
    notes.add(`No aggregation schedule for ${s}: assumed ${defaultRun} — ISC documents no default.`);
  } else if (!checkQuartz(schedule).ok) {
    notes.add(`The aggregation schedule "${schedule}" of ${s} is not a valid Quartz expression: assumed ${defaultRun}.`);
  } else if (!canEvaluate(schedule, ctx)) {
    notes.add(`The aggregation schedule "${schedule}" of ${s} is valid Quartz that isc-plan cannot evaluate: assumed ${defaultRun}.`);
  } else {
    expression = schedule;
    if (!hasDuration) notes.add(`No aggregation duration for ${s}: assumed ${DEFAULTS.aggregationMinutes} minutes.`);
  }
  if (ctx.timeZoneNote) notes.add(ctx.timeZoneNote);
  return { kind: 'schedule', expression, durationMinutes: hasDuration ? duration : DEFAULTS.aggregationMinutes };
}
