/**
 * What one recorded part of an activity says about the duration calibration fits, given the
 * source's aggregation schedule and business hours (docs/prediction-model.md#calibration):
 *
 * - connector: minutes from `created` until the change was visible to an aggregation. A FINISHED
 *   item was verified by the last run that started before its completion, so the change became
 *   visible after the run before that one and at or before that run: an interval. An
 *   UNVERIFIABLE item (never aggregated) completed at its commit: exact.
 * - manual work item: business minutes from `created` until the owner marked it complete, read
 *   the same way through the owner's business hours.
 * - still PENDING (or RETRY) at the export: longer than the time since `created` (censored);
 *   COMMITED at the export: longer than the last run that could have verified it.
 */

import type { CatalogSource, MergedCatalog } from '../catalog/types';
import { isFlatFileSource } from '../catalog/fileSource';
import { DEFAULTS } from '../prediction/parameters/defaults';
import { quartzWallClock } from '../time/cron';
import type { BusinessHours } from '../time/calendars';
import { AggregationCalendar, BusinessCalendar, weeklyMinutes } from '../time/calendars';
import { ZoneClock } from '../time/zoneClock';
import type { SourceSeen } from './history';
import type { History } from './history';

export type FittedChannel = 'connector' | 'manual' | 'ticketing' | 'unknown';

const MINUTE = 60_000;

/** A source as calibration sees it: its name, channel, calendars and what it falls back on. */
export interface SourceContext {
  key: string;
  name: string;
  channel: FittedChannel;
  /** Why the channel is what it is, for the report. */
  channelReason: string;
  entry: CatalogSource | undefined;
  aggregation: AggregationCalendar | undefined;
  business: BusinessCalendar;
  businessHours: BusinessHours;
}

/** The channel of a source's Create or Modify (docs/prediction-model.md#channel-decision, steps 2, 5-7). */
function channelOf(
  seen: SourceSeen,
  entry: CatalogSource | undefined,
  catalog: MergedCatalog | undefined,
): [FittedChannel, string] {
  if (entry && catalog) {
    const sdim = catalog.integrationsManaging(entry)[0];
    if (sdim) return ['ticketing', `the catalog's SDIM ${sdim.name} manages it`];
    if (entry.features.includes('PROVISIONING') && !isFlatFileSource(entry)) {
      return ['connector', 'the catalog gives it PROVISIONING'];
    }
    if (catalog.universalManagers.length > 0) {
      return ['ticketing', 'no connector provisions it and the catalog has a universal SDIM'];
    }
    return ['manual', 'no connector provisions it (catalog)'];
  }
  const { connector, ticketing, manual } = seen.hints;
  if (ticketing > 0) return ['ticketing', 'its account requests went to a service desk (records)'];
  if (manual > 0) return ['manual', 'ISC created manual tasks for it (records)'];
  if (connector > 0) {
    return ['connector', 'its account requests were provisioned to the source itself (records)'];
  }
  return ['unknown', 'AccountActivity items name only the sourceId: give --catalog to tell its channel'];
}

/** The calendars of one source over the history, from `origin` (epoch ms). */
export function sourceContext(
  seen: SourceSeen,
  catalog: MergedCatalog | undefined,
  origin: number,
): SourceContext {
  const entry = catalog?.findSource(seen.key);
  const [channel, channelReason] = channelOf(seen, entry, catalog);
  const timeZone = catalog?.timeZone ?? DEFAULTS.timeZone;
  const clock = new ZoneClock(timeZone, origin);
  const given = entry?.timing?.manual?.businessHours;
  const businessHours = given && weeklyMinutes(given) > 0 ? given : DEFAULTS.manual.businessHours;
  const context: SourceContext = {
    key: seen.key,
    name: entry?.name ?? seen.key,
    channel,
    channelReason,
    entry,
    aggregation: undefined,
    business: new BusinessCalendar(businessHours, clock, origin, 0),
    businessHours,
  };
  const expression = entry?.aggregation?.schedule ?? DEFAULTS.aggregationSchedule;
  const never = entry?.features.includes('NO_AGGREGATION') || expression.trim().toLowerCase() === 'none';
  if (!never) {
    const schedule = quartzWallClock(expression) ?? quartzWallClock(DEFAULTS.aggregationSchedule)!;
    const duration = entry?.aggregation?.durationMinutes ?? DEFAULTS.aggregationMinutes;
    context.aggregation = new AggregationCalendar(schedule, clock, origin, duration);
  }
  return context;
}

/** What one part says: an observation of the fitted duration, a drift, or nothing usable. */
export type Observation =
  { kind: 'duration'; low: number; high: number } | { kind: 'drift' } | { kind: 'none'; why: string };

/** Minutes of the fitted unit between `created` and `time` (both minutes from the origin). */
function span(ctx: SourceContext, created: number, time: number): number {
  if (ctx.channel === 'connector') return time - created;
  return ctx.business.businessMinutesAt(time) - ctx.business.businessMinutesAt(created);
}

/** The last run whose end is at or before `asOf` (minutes): a change visible before its start would be verified. */
function lastVerifyingRun(ctx: SourceContext, asOf: number): number {
  const agg = ctx.aggregation;
  return agg ? agg.startAtOrBefore(asOf - agg.durationMinutes) : NaN;
}

/** Reads part `i` of the history; times are minutes from `origin`. */
export function observe(
  history: History,
  i: number,
  ctx: SourceContext,
  origin: number,
  asOf: number,
): Observation {
  const created = (history.created[i]! - origin) / MINUTE;
  const state = history.stateOf(i);
  if (state === 'FAILED') return { kind: 'none', why: 'failed' };
  if (state === 'PENDING' || state === 'RETRY') {
    return { kind: 'duration', low: span(ctx, created, asOf), high: Infinity };
  }
  if (history.shared[i] === 1) return { kind: 'none', why: 'the activity spans several sources' };
  if (state === 'COMMITED') return committed(history, i, ctx, created, origin, asOf);
  const completed = (history.completed[i]! - origin) / MINUTE;
  if (!(completed >= created)) return { kind: 'none', why: 'no completion time' };
  if (state === 'UNVERIFIABLE' || !ctx.aggregation) {
    const exact = Math.max(span(ctx, created, completed), 1 / 60);
    return { kind: 'duration', low: exact, high: exact };
  }
  const run = ctx.aggregation.startAtOrBefore(completed);
  if (!(run >= created)) {
    return { kind: 'none', why: 'verified before any aggregation run after it was created' };
  }
  const previous = ctx.aggregation.startAtOrBefore(run - 1e-6);
  const low = previous > created ? span(ctx, created, previous) : 0;
  return { kind: 'duration', low, high: Math.max(span(ctx, created, run), 1 / 60) };
}

/** COMMITED at the export: not yet verified, so visible after the last run that could have verified it. */
function committed(
  history: History,
  i: number,
  ctx: SourceContext,
  created: number,
  origin: number,
  asOf: number,
): Observation {
  const lastRun = lastVerifyingRun(ctx, asOf);
  const low = lastRun > created ? span(ctx, created, lastRun) : 0;
  if (ctx.channel !== 'manual') return { kind: 'duration', low, high: Infinity };
  const modified = (history.modified[i]! - origin) / MINUTE;
  // Marked complete before a run that did not verify it: drift (docs/prediction-model.md#manual).
  if (modified <= lastRun) return { kind: 'drift' };
  return { kind: 'duration', low, high: Math.max(span(ctx, created, modified), low + 1 / 60) };
}
