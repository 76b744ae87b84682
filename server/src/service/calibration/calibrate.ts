/**
 * Calibration: fits the model's parameters per source from a history of account activities, on
 * all of it (what the overlay writes) and on the older part alone (what the back-test checks
 * against the newest part). See docs/prediction-model.md#calibration.
 */

import type { MergedCatalog } from '../catalog/types';
import type { BusinessHours } from '../time/calendars';
import type { History } from './history';
import type { LogNormalFit } from './lognormalFit';
import { Durations, fitLogNormal } from './lognormalFit';
import type { FittedChannel, SourceContext } from './observe';
import { observe, sourceContext } from './observe';
import type { BacktestRow } from './backtest';
import { backtestSource, summariseChannel } from './backtest';

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Below this many observations of a duration (or settled parts, for a rate) the default stays and
 * the report says so.
 */
export const MIN_OBSERVATIONS = 30;
/**
 * A duration also needs this many observations that bound it from below (it missed an aggregation
 * run, or was seen exactly) and as many from above: with a daily aggregation and a connector of
 * minutes, every activity says only "before the next run", which places no median.
 */
export const MIN_BOUNDED = 10;

export interface CalibrationOptions {
  /** Share of the newest activities held out for the back-test, 0 to < 1; 0: no back-test. */
  holdout: number;
  /** The export's moment (epoch ms); default: the latest time any record shows. */
  asOf?: number;
}

/** A fitted duration with what it rests on. */
export interface FittedDuration extends LogNormalFit {
  observations: number;
  exact: number;
  interval: number;
  censored: number;
  boundedBelow: number;
  boundedAbove: number;
}

/** A fitted share with what it rests on. */
export interface FittedRate {
  value: number;
  /** Of how many settled parts. */
  of: number;
}

export interface SourceCalibration {
  key: string;
  name: string;
  channel: FittedChannel;
  channelReason: string;
  /** Activities (parts) on this source, all and held out. */
  activities: number;
  heldOut: number;
  /** Created dates of the activities it rests on (epoch ms). */
  from: number;
  to: number;
  /** connector: minutes to visible; manual: business minutes to completion. */
  duration?: FittedDuration;
  failureRate?: FittedRate;
  driftRate?: FittedRate;
  /** What stayed at the default, and why. */
  notFitted: string[];
  /** The business hours a work item's completion was counted in; undefined when the catalog gives them. */
  businessHours?: BusinessHours;
  backtest?: BacktestRow;
}

export interface CalibrationResult {
  asOf: number;
  from: number;
  to: number;
  activities: number;
  holdout: number;
  /** Parts created at or after this moment (epoch ms) are held out; NaN without a back-test. */
  cutoff: number;
  sources: SourceCalibration[];
  channels: BacktestRow[];
}

/** Observations of one source, split into the part fitted for the back-test and the rest. */
class SourceData {
  all = new Durations();
  train = new Durations();
  counts = {
    all: 0,
    heldOut: 0,
    failed: 0,
    settled: 0,
    trainFailed: 0,
    trainSettled: 0,
    drift: 0,
    finished: 0,
  };
  from = Infinity;
  to = -Infinity;
  held: number[] = [];
}

/** The created time below which parts are used for fitting in the back-test. */
function cutoffOf(history: History, holdout: number): number {
  if (!(holdout > 0) || history.count === 0) return NaN;
  const sorted = history.created.slice(0, history.count).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * (1 - holdout)))]!;
}

function collect(
  history: History,
  contexts: SourceContext[],
  origin: number,
  asOf: number,
  cutoff: number,
): SourceData[] {
  const data = contexts.map(() => new SourceData());
  const asOfMinutes = (asOf - origin) / MINUTE;
  for (let i = 0; i < history.count; i++) {
    const s = history.source[i]!;
    const d = data[s]!;
    const held = history.created[i]! >= cutoff;
    d.counts.all++;
    d.from = Math.min(d.from, history.created[i]!);
    d.to = Math.max(d.to, history.created[i]!);
    if (held) {
      d.counts.heldOut++;
      d.held.push(i);
    }
    const state = history.stateOf(i);
    if (state !== 'PENDING' && state !== 'RETRY') {
      d.counts.settled++;
      if (!held) d.counts.trainSettled++;
      if (state === 'FAILED') {
        d.counts.failed++;
        if (!held) d.counts.trainFailed++;
      }
    }
    const observation = observe(history, i, contexts[s]!, origin, asOfMinutes);
    if (observation.kind === 'drift') d.counts.drift++;
    if (observation.kind !== 'duration') continue;
    if (contexts[s]!.channel === 'manual' && history.stateOf(i) === 'FINISHED') d.counts.finished++;
    d.all.add(observation.low, observation.high);
    if (!held) d.train.add(observation.low, observation.high);
  }
  return data;
}

/** The fit when the observations are enough; else undefined. */
function durationFit(d: Durations): FittedDuration | undefined {
  const kinds = d.kinds();
  if (d.count < MIN_OBSERVATIONS || kinds.boundedBelow < MIN_BOUNDED || kinds.boundedAbove < MIN_BOUNDED) {
    return undefined;
  }
  const fit = fitLogNormal(d);
  return fit ? { ...fit, observations: d.count, ...kinds } : undefined;
}

/** Why a duration was not fitted, in the report's words. */
function notEnough(d: Durations): string {
  const kinds = d.kinds();
  if (d.count < MIN_OBSERVATIONS) return `${d.count} usable activities, fewer than ${MIN_OBSERVATIONS}`;
  if (kinds.boundedBelow < MIN_BOUNDED) {
    return `only ${kinds.boundedBelow} of ${d.count} activities missed an aggregation run (at least ${MIN_BOUNDED} needed: the others say only "before the next run")`;
  }
  return `only ${kinds.boundedAbove} of ${d.count} activities have finished (at least ${MIN_BOUNDED} needed)`;
}

function rateOf(hits: number, of: number): FittedRate | undefined {
  return of >= MIN_OBSERVATIONS ? { value: hits / of, of } : undefined;
}

function sourceResult(ctx: SourceContext, d: SourceData): SourceCalibration {
  const notFitted: string[] = [];
  const result: SourceCalibration = {
    key: ctx.key,
    name: ctx.name,
    channel: ctx.channel,
    channelReason: ctx.channelReason,
    activities: d.counts.all,
    heldOut: d.counts.heldOut,
    from: d.from,
    to: d.to,
    notFitted,
  };
  if (ctx.channel !== 'connector' && ctx.channel !== 'manual') {
    notFitted.push(
      ctx.channel === 'ticketing'
        ? 'ticket workflows are not calibrated yet: the SDIM keeps its ticketWorkflow or the default'
        : `its channel is unknown: ${ctx.channelReason}`,
    );
    return result;
  }
  const duration = durationFit(d.all);
  const what = ctx.channel === 'connector' ? 'time until visible' : 'completion time';
  if (duration) {
    result.duration = duration;
    if (ctx.channel === 'manual' && !ctx.entry?.timing?.manual?.businessHours) {
      result.businessHours = ctx.businessHours;
    }
  } else notFitted.push(`${what}: ${notEnough(d.all)}; the default stays`);
  if (ctx.channel === 'connector') {
    const failure = rateOf(d.counts.failed, d.counts.settled);
    if (failure) result.failureRate = failure;
    else {
      notFitted.push(
        `failure rate: ${d.counts.settled} settled activities, fewer than ${MIN_OBSERVATIONS}; the default stays`,
      );
    }
  } else {
    const drift = rateOf(d.counts.drift, d.counts.drift + d.counts.finished);
    if (drift) result.driftRate = drift;
    else {
      notFitted.push(
        `drift rate: ${d.counts.drift + d.counts.finished} completed work items, fewer than ${MIN_OBSERVATIONS}; the default stays`,
      );
    }
  }
  return result;
}

/** Fits every source of the history; the back-test when `options.holdout` > 0. */
export function calibrate(
  history: History,
  catalog: MergedCatalog | undefined,
  options: CalibrationOptions,
): CalibrationResult {
  const asOf = options.asOf ?? history.latest;
  const origin = Math.floor((history.earliest - 8 * DAY) / DAY) * DAY;
  const contexts = history.sources.map((seen) => sourceContext(seen, catalog, origin));
  const cutoff = cutoffOf(history, options.holdout);
  const data = collect(history, contexts, origin, asOf, cutoff);
  const sources = contexts.map((ctx, s) => {
    const result = sourceResult(ctx, data[s]!);
    if (
      !Number.isNaN(cutoff) &&
      result.heldOut > 0 &&
      (ctx.channel === 'connector' || ctx.channel === 'manual')
    ) {
      const train = durationFit(data[s]!.train);
      const failure = rateOf(data[s]!.counts.trainFailed, data[s]!.counts.trainSettled);
      result.backtest = backtestSource(history, data[s]!.held, ctx, { origin, asOf, train, failure });
    }
    return result;
  });
  sources.sort((a, b) => a.channel.localeCompare(b.channel) || a.name.localeCompare(b.name));
  const channels = (['connector', 'manual'] as const)
    .map((channel) =>
      summariseChannel(
        channel,
        sources.filter((s) => s.channel === channel).map((s) => s.backtest),
      ),
    )
    .filter((row): row is BacktestRow => row !== undefined);
  return {
    asOf,
    from: history.earliest,
    to: history.count > 0 ? Math.max(...sources.map((s) => s.to)) : NaN,
    activities: history.activities,
    holdout: options.holdout,
    cutoff,
    sources,
    channels,
  };
}
