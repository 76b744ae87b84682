/**
 * The delay model's parameters per request (docs/prediction-model.md#defaults): each comes from the catalog or
 * else from the default table, and every default actually used is written down in plain words
 * (the request's `assumptions`).
 */

import type { CatalogSource, MergedCatalog, Quantiles, ServiceDeskIntegration } from '../../catalog/types';
import type { BusinessHours } from '../../time/calendars';
import type { PredictionRequest, Scenario } from '../input/predictionInput';
import { quartzWallClock, checkQuartz } from '../../time/cron';
import { weeklyMinutes } from '../../time/calendars';
import { isTimeZone } from '../../time/zoneClock';
import { resolveTicketing } from './ticketParameters';
import type { TicketParams } from './ticketParameters';
import { resolveConnector } from './connectorParameters';
import type { ConnectorParams } from './connectorParameters';
import { verificationByDesign } from './verificationParameters';
import type { ByDesign } from './verificationParameters';
import { Assumptions, DEFAULTS, rate, scenarioFor, usable, valueOr } from './defaults';
import type { ResolveContext } from './defaults';
import { num, percent, typical } from '../../../../../shared/format';
import { learnedNote } from './learnedParameters';

/** Where to give business hours, told with the assumption that stands in for them. */
const SET_HOURS =
  'Set timing.manual.businessHours on the source, e.g. { days: [Mon, Tue, Wed, Thu, Fri], start: "08:00", end: "17:00" }.';

/** The manual work item of one request or split-off part. */
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

/**
 * How the unit is verified: a Quartz schedule and run length, never (`none`: not aggregated), or
 * by design never although nothing failed (`password`, `upload`: see verificationParameters.ts).
 */
export type AggregationParams =
  { kind: 'schedule'; expression: string; durationMinutes: number } | { kind: 'none' } | ByDesign;

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
  /** Where the figures learned from the tenant's history come from (`timing.learned`). */
  learned: string[];
}

/** The catalog's time zone, or UTC and why. */
export function resolveContext(
  catalog: MergedCatalog | undefined,
  scenarios: readonly Scenario[],
): ResolveContext {
  const zone = catalog?.timeZone;
  const evaluable = new Map<string, boolean>();
  if (zone === undefined || zone === '') {
    const timeZoneNote =
      'No time zone in the catalog: schedules and business hours are read in UTC. Set timeZone at the top of the catalog, e.g. timeZone: Europe/Berlin.';
    return { catalog, scenarios, evaluable, timeZone: 'UTC', timeZoneNote };
  }
  if (!isTimeZone(zone)) {
    const timeZoneNote = `The catalog's time zone "${zone}" is not an IANA time zone: assumed UTC. Use an IANA name, e.g. timeZone: Europe/Berlin.`;
    return { catalog, scenarios, evaluable, timeZone: 'UTC', timeZoneNote };
  }
  return { catalog, scenarios, evaluable, timeZone: zone, timeZoneNote: undefined };
}

/** Resolves one request (and its split-off parts) against the catalog, defaults and scenarios. */
export function resolveRequest(request: PredictionRequest, ctx: ResolveContext): RequestParams {
  const notes = new Assumptions();
  const decision = request.decision;
  if (decision.channel === 'unknown') {
    notes.add(
      `No catalog knows the source "${request.source}" and the request declares no channel, so nothing is predicted for it.`,
    );
    return { main: null, parts: [], assumptions: notes.list, learned: [] };
  }
  if (decision.channel === 'none') return { main: null, parts: [], assumptions: notes.list, learned: [] };
  const source = decision.declaredOnly ? undefined : decision.source;
  const name = source?.name ?? request.source;
  if (decision.declaredOnly) {
    notes.add(
      `"${request.source}" is in no catalog: this prediction rests on the request's declared channel "${decision.channel}" alone, with the defaults below.`,
    );
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
  const universal = [decision.integration, ...decision.parts.map((p) => p.integration)].find(
    (sdim) => sdim?.universalManager,
  );
  if (universal && !decision.declaredOnly) notes.add(universalFallbackNote(universal.name));
  const parts = decision.parts.map((part) =>
    resolveUnit(request, ctx, notes, {
      channel: part.channel,
      target: part.target,
      name,
      source,
      integration: part.integration,
      part: part.part,
      unassigned: part.target === null,
    }),
  );
  const learned = [main, ...parts].flatMap((unit) => {
    const note = learnedNote(name, source, unit.channel);
    return note ? [note] : [];
  });
  return { main, parts, assumptions: notes.list, learned: [...new Set(learned)] };
}

/** The reading isc-plan takes of a universal SDIM (docs/isc-behaviour.md#universal-manager). */
function universalFallbackNote(name: string): string {
  return `"${name}" is a universal SDIM: isc-plan takes it as the fallback that replaces manual work items, as in IdentityIQ where the universal manager comes from, so it receives only what no connector provisions. SailPoint says only that it manages provisioning "for all sources"; this reading is the model's assumption.`;
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

function resolveUnit(
  request: PredictionRequest,
  ctx: ResolveContext,
  notes: Assumptions,
  spec: UnitSpec,
): UnitParams {
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
  unit.aggregation =
    verificationByDesign(request, spec.part, spec.name, spec.source, notes) ??
    resolveAggregation(spec.name, spec.source, ctx, notes);
  return unit;
}

function resolveManual(spec: UnitSpec, ctx: ResolveContext, notes: Assumptions): ManualParams {
  const s = spec.name;
  const timing = spec.source?.timing?.manual ?? {};
  const d = DEFAULTS.manual;
  const params: ManualParams = { owner: spec.target, unassigned: spec.unassigned, ...d, awayMinutes: 0 };
  if (spec.unassigned) return params;
  params.completionHours = valueOr(
    timing.completionHours,
    usable,
    d.completionHours,
    notes,
    `No completion time for manual tasks of ${s}: assumed ${typical(d.completionHours.p50, d.completionHours.p90, 'business hours')}. Set timing.manual.completionHours on the source, e.g. { p50: 8, p90: 72 }.`,
  );
  const hours = timing.businessHours;
  if (hours === undefined) {
    notes.add(`No business hours for ${s}: assumed Mon-Fri 09:00-17:00 (${ctx.timeZone}). ${SET_HOURS}`);
  } else if (weeklyMinutes(hours) === 0) {
    notes.add(
      `The business hours of ${s} never open: assumed Mon-Fri 09:00-17:00 (${ctx.timeZone}). ${SET_HOURS}`,
    );
  } else {
    params.businessHours = hours;
  }
  if (ctx.timeZoneNote) notes.add(ctx.timeZoneNote);
  params.driftRate = valueOr(
    timing.driftRate,
    rate,
    d.driftRate,
    notes,
    `No drift rate for ${s}: assumed ${percent(d.driftRate)} of manual tasks are marked complete although the change was not made. Set timing.manual.driftRate on the source, e.g. 0.01.`,
  );
  const away = spec.target === null ? undefined : scenarioFor(ctx, 'away', spec.target);
  if (away) {
    params.awayMinutes = away.days * 24 * 60;
    notes.add(
      `Scenario ${away.spec}: ${away.owner} completes nothing during the first ${num(away.days)} days.`,
    );
  }
  return params;
}

function canEvaluate(expression: string, ctx: ResolveContext): boolean {
  let known = ctx.evaluable.get(expression);
  if (known === undefined) ctx.evaluable.set(expression, (known = quartzWallClock(expression) !== undefined));
  return known;
}

function resolveAggregation(
  s: string,
  source: CatalogSource | undefined,
  ctx: ResolveContext,
  notes: Assumptions,
): AggregationParams {
  if (source?.features.includes('NO_AGGREGATION')) return { kind: 'none' };
  const given = source?.aggregation;
  const schedule = given?.schedule?.trim();
  if (schedule !== undefined && schedule.toLowerCase() === 'none') return { kind: 'none' };
  const duration = given?.durationMinutes;
  const hasDuration = duration !== undefined && Number.isFinite(duration) && duration >= 0;
  const defaultRun = `daily at 02:00 (${ctx.timeZone})${hasDuration ? '' : `, ${DEFAULTS.aggregationMinutes} minutes long`}`;
  let expression: string = DEFAULTS.aggregationSchedule;
  if (schedule === undefined || schedule === '') {
    notes.add(
      `No aggregation schedule for ${s}: assumed ${defaultRun} — ISC documents no default. Set aggregation.schedule on the source, e.g. aggregation: { schedule: "0 0 2 * * ?" }.`,
    );
  } else if (!checkQuartz(schedule).ok) {
    notes.add(
      `The aggregation schedule "${schedule}" of ${s} is not a valid Quartz expression: assumed ${defaultRun}.`,
    );
  } else if (!canEvaluate(schedule, ctx)) {
    notes.add(
      `The aggregation schedule "${schedule}" of ${s} is valid Quartz that isc-plan cannot evaluate: assumed ${defaultRun}.`,
    );
  } else {
    expression = schedule;
    if (!hasDuration) {
      notes.add(
        `No aggregation duration for ${s}: assumed ${DEFAULTS.aggregationMinutes} minutes. Set aggregation.durationMinutes on the source, e.g. 20.`,
      );
    }
  }
  if (ctx.timeZoneNote) notes.add(ctx.timeZoneNote);
  return {
    kind: 'schedule',
    expression,
    durationMinutes: hasDuration ? duration : DEFAULTS.aggregationMinutes,
  };
}
