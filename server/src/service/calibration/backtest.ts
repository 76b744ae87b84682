/**
 * The back-test (docs/prediction-model.md#back-test): each held-out activity is predicted from
 * the parameters fitted on the older ones, and from what the model would use without calibration
 * (the catalog's timing, else the defaults), and scored two ways:
 *
 * - coverage of the p10-p90 band: the share of held-out milestones inside it. A milestone seen
 *   only as an interval (between two aggregation runs) or a lower bound (still open) counts by the
 *   share of its probability under the prediction that lies inside the band, the probability
 *   integral transform without the coin: a calibrated model scores 80 % on average, whatever the
 *   censoring, and discrete aggregation times neither inflate nor deflate it;
 * - the median absolute error of the predicted p50 of the milestone ISC records (verification, or
 *   the commit of a source never aggregated), for activities that completed.
 */

import type { Quantiles } from '../catalog/types';
import { DEFAULTS } from '../prediction/parameters/defaults';
import type { History } from './history';
import type { LogNormalFit } from './lognormalFit';
import { Z90, normalCdf } from './lognormalFit';
import type { FittedChannel, SourceContext } from './observe';
import { observe } from './observe';

const MINUTE = 60_000;

/** A duration's distribution function and median, in the fitted unit. */
interface Distribution {
  cdf(x: number): number;
  median: number;
}

function logNormal(mu: number, sigma: number): Distribution {
  return { cdf: (x) => (x > 0 ? normalCdf((Math.log(x) - mu) / sigma) : 0), median: Math.exp(mu) };
}

/** Median and sigma of the log-normal through a `{p50, p90}` given in units of `minutesPerUnit` minutes. */
function logNormalOf(q: Quantiles, minutesPerUnit: number): [number, number] {
  const p50 = Math.max(q.p50 * minutesPerUnit, 1e-6);
  const p90 = Math.max(q.p90 * minutesPerUnit, p50);
  return [p50, Math.max(Math.log(p90 / p50) / Z90, 1e-3)];
}

function fromQuantiles(q: Quantiles, minutesPerUnit: number): Distribution {
  const [p50, sigma] = logNormalOf(q, minutesPerUnit);
  return logNormal(Math.log(p50), sigma);
}

/** A fixed stream of uniforms in (0, 1) (mulberry32): the same sample on every run. */
function uniforms(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 + 1 / 8589934592;
  };
}

/** The connector's queue, execution and visibility added up, by a fixed sample (no closed form). */
function connectorSum(queue: Quantiles, execute: Quantiles, visible: Quantiles): Distribution {
  const parts = [logNormalOf(queue, 1), logNormalOf(execute, 1 / 60), logNormalOf(visible, 1)];
  const n = 4096;
  const sums = new Float64Array(n);
  const uniform = uniforms(0x9e3779b9);
  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (const [p50, sigma] of parts) {
      sum += p50 * Math.exp(sigma * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()));
    }
    sums[j] = sum;
  }
  sums.sort();
  const cdf = (x: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sums[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo / n;
  };
  return { cdf, median: sums[n >>> 1]! };
}

/** What the model would use without calibration: the catalog's timing, else the defaults. */
function before(ctx: SourceContext): Distribution {
  if (ctx.channel === 'manual') {
    return fromQuantiles(ctx.entry?.timing?.manual?.completionHours ?? DEFAULTS.manual.completionHours, 60);
  }
  const timing = ctx.entry?.timing?.connector ?? {};
  const d = DEFAULTS.connector;
  return connectorSum(
    timing.queueMinutes ?? d.queueMinutes,
    timing.executeSeconds ?? d.executeSeconds,
    timing.visibilityMinutes ?? d.visibilityMinutes,
  );
}

export interface BacktestFigures {
  /** Share of held-out milestones inside the p10-p90 band, 0..1; NaN without any. */
  coverage: number;
  /** Median absolute error of the p50 of the recorded milestone, minutes; NaN without any. */
  medianAbsoluteError: number;
  /** Share of held-out settled activities predicted to fail. */
  failureRate: number;
}

export interface BacktestRow {
  label: string;
  channel: FittedChannel;
  /** Held-out parts scored for coverage, and with a completed milestone for the error. */
  scored: number;
  completed: number;
  /** Whether the fitted column is the default (not enough older data to fit). */
  fittedIsDefault: boolean;
  fitted: BacktestFigures;
  before: BacktestFigures;
  /** The held-out share that failed. */
  observedFailureRate: number;
  /** Pooled sums for the channel rows; not part of the report. */
  pool: {
    coverage: [number, number];
    errors: [number[], number[]];
    failed: number;
    settled: number;
    failure: [number, number];
  };
}

/** How much of the probability between `low` and `high` lies inside the p10-p90 band. */
function inside(dist: Distribution, low: number, high: number): number {
  const a = low > 0 ? dist.cdf(low) : 0;
  const b = high === Infinity ? 1 : dist.cdf(high);
  if (b - a < 1e-9) return a >= 0.1 && a <= 0.9 ? 1 : 0;
  return Math.max(0, Math.min(b, 0.9) - Math.max(a, 0.1)) / (b - a);
}

/** The recorded milestone (minutes from the origin) the p50 predicts for part `i`. */
function predictedMilestone(
  history: History,
  i: number,
  ctx: SourceContext,
  created: number,
  dist: Distribution,
): number {
  const done =
    ctx.channel === 'connector'
      ? created + dist.median
      : ctx.business.addBusinessMinutes(created, dist.median);
  if (history.stateOf(i) === 'UNVERIFIABLE' || !ctx.aggregation) return done;
  return ctx.aggregation.verifiedAt(done);
}

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Scores the held-out parts `held` of one source. */
export function backtestSource(
  history: History,
  held: readonly number[],
  ctx: SourceContext,
  fit: {
    origin: number;
    asOf: number;
    train: LogNormalFit | undefined;
    failure: { value: number } | undefined;
  },
): BacktestRow {
  const without = before(ctx);
  const fitted = fit.train ? logNormal(fit.train.mu, fit.train.sigma) : without;
  const pool = emptyPool();
  let scored = 0;
  const asOf = (fit.asOf - fit.origin) / MINUTE;
  for (const i of held) {
    const state = history.stateOf(i);
    if (state !== 'PENDING' && state !== 'RETRY') {
      pool.settled++;
      if (state === 'FAILED') pool.failed++;
    }
    const observation = observe(history, i, ctx, fit.origin, asOf);
    if (observation.kind !== 'duration') continue;
    scored++;
    pool.coverage[0] += inside(fitted, observation.low, observation.high);
    pool.coverage[1] += inside(without, observation.low, observation.high);
    if ((state === 'FINISHED' || state === 'UNVERIFIABLE') && history.shared[i] === 0) {
      const created = (history.created[i]! - fit.origin) / MINUTE;
      const recorded = (history.completed[i]! - fit.origin) / MINUTE;
      pool.errors[0].push(Math.abs(recorded - predictedMilestone(history, i, ctx, created, fitted)));
      pool.errors[1].push(Math.abs(recorded - predictedMilestone(history, i, ctx, created, without)));
    }
  }
  const defaultFailure =
    ctx.channel === 'connector'
      ? (ctx.entry?.timing?.connector?.failureRate ?? DEFAULTS.connector.failureRate)
      : 0;
  pool.failure = [(fit.failure?.value ?? defaultFailure) * pool.settled, defaultFailure * pool.settled];
  return rowOf(ctx.name, ctx.channel, scored, !fit.train, pool);
}

function rowOf(
  label: string,
  channel: FittedChannel,
  scored: number,
  fittedIsDefault: boolean,
  pool: BacktestRow['pool'],
): BacktestRow {
  const figures = (k: 0 | 1): BacktestFigures => ({
    coverage: scored > 0 ? pool.coverage[k] / scored : NaN,
    medianAbsoluteError: median(pool.errors[k]),
    failureRate: pool.settled > 0 ? pool.failure[k] / pool.settled : NaN,
  });
  return {
    label,
    channel,
    scored,
    completed: pool.errors[0].length,
    fittedIsDefault,
    fitted: figures(0),
    before: figures(1),
    observedFailureRate: pool.settled > 0 ? pool.failed / pool.settled : NaN,
    pool,
  };
}

/** One row for a channel, pooling its sources' held-out parts; undefined when it has none. */
export function summariseChannel(
  channel: FittedChannel,
  rows: readonly (BacktestRow | undefined)[],
): BacktestRow | undefined {
  const present = rows.filter((r): r is BacktestRow => r !== undefined && r.scored + r.pool.settled > 0);
  if (present.length === 0) return undefined;
  const pool = emptyPool();
  let scored = 0;
  for (const row of present) {
    scored += row.scored;
    for (const k of [0, 1] as const) {
      pool.coverage[k] += row.pool.coverage[k];
      pool.errors[k].push(...row.pool.errors[k]);
      pool.failure[k] += row.pool.failure[k];
    }
    pool.failed += row.pool.failed;
    pool.settled += row.pool.settled;
  }
  return rowOf(
    `all ${channel}`,
    channel,
    scored,
    present.every((r) => r.fittedIsDefault),
    pool,
  );
}

/** A pool with nothing scored yet. */
function emptyPool(): BacktestRow['pool'] {
  return { coverage: [0, 0], errors: [[], []], failed: 0, settled: 0, failure: [0, 0] };
}
