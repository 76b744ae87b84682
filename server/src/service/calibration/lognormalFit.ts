/**
 * Maximum-likelihood fit of a log-normal duration to censored observations: a duration seen
 * exactly, one known only to lie in an interval (between two aggregation runs), and one known only
 * to be longer than something (still pending at the export). Censored observations enter the
 * likelihood as the probability of their interval, so an activity still pending is counted as
 * "at least this long", never as a fast one (docs/prediction-model.md#calibration).
 */

/** 90th percentile of the standard normal. */
export const Z90 = 1.2815515655446004;
const SQRT2 = Math.SQRT2;
const MIN_SIGMA = 0.01;
const MAX_SIGMA = 6;
/** The likelihood reads at most this many observations of one duration, evenly spread. */
const MAX_FITTED = 20_000;

/** Observations of one duration (any unit): `low[i] < value <= high[i]`, equal bounds for an exact value. */
export class Durations {
  count = 0;
  low = new Float64Array(64);
  high = new Float64Array(64);

  /** `high` Infinity: longer than `low`. `low` equal to `high`: seen exactly. */
  add(low: number, high: number): void {
    if (this.count === this.low.length) {
      const l = new Float64Array(this.count * 2);
      const h = new Float64Array(this.count * 2);
      l.set(this.low);
      h.set(this.high);
      this.low = l;
      this.high = h;
    }
    this.low[this.count] = Math.max(0, low);
    this.high[this.count] = high;
    this.count++;
  }

  /**
   * How many were seen exactly, within an interval, and only as a lower bound; and how many bound
   * the duration from below (a positive lower bound) and from above (a finite upper bound).
   */
  kinds(): { exact: number; interval: number; censored: number; boundedBelow: number; boundedAbove: number } {
    let exact = 0;
    let censored = 0;
    let boundedBelow = 0;
    for (let i = 0; i < this.count; i++) {
      if (this.high[i] === Infinity) censored++;
      else if (this.low[i] === this.high[i]) exact++;
      if (this.low[i]! > 0) boundedBelow++;
    }
    return {
      exact,
      interval: this.count - exact - censored,
      censored,
      boundedBelow,
      boundedAbove: this.count - censored,
    };
  }
}

/** The fitted log-normal: `mu` and `sigma` of the logarithm of the duration. */
export interface LogNormalFit {
  mu: number;
  sigma: number;
  p50: number;
  p90: number;
}

/** erfc with a relative error below 1.2e-7 everywhere (Numerical Recipes' Chebyshev fit). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** The standard normal distribution function. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / SQRT2);
}

/** P(za < Z <= zb), computed on the side where it does not cancel. */
function between(za: number, zb: number): number {
  if (za >= 0) return 0.5 * (erfc(za / SQRT2) - erfc(zb / SQRT2));
  return 0.5 * (erfc(-zb / SQRT2) - erfc(-za / SQRT2));
}

/** The log-likelihood of all observations under (mu, sigma); exact values as densities of ln x. */
function logLikelihood(d: Durations, mu: number, sigma: number): number {
  let sum = 0;
  // Beyond MAX_FITTED observations an even spread of them is as good, and keeps the fit fast.
  const step = Math.max(1, Math.ceil(d.count / MAX_FITTED));
  for (let i = 0; i < d.count; i += step) {
    const low = d.low[i]!;
    const high = d.high[i]!;
    if (low === high) {
      const z = (Math.log(Math.max(low, 1e-9)) - mu) / sigma;
      sum += -0.5 * z * z - Math.log(sigma);
      continue;
    }
    const za = low > 0 ? (Math.log(low) - mu) / sigma : -Infinity;
    const zb = high === Infinity ? Infinity : (Math.log(Math.max(high, 1e-9)) - mu) / sigma;
    sum += Math.log(Math.max(between(za, zb), 1e-300));
  }
  return sum;
}

/** A starting point: the median and spread of each observation's representative value. */
function start(d: Durations): [number, number] {
  const logs: number[] = [];
  for (let i = 0; i < d.count; i++) {
    const low = d.low[i]!;
    const high = d.high[i]!;
    const value = high === Infinity ? Math.max(low, 1e-3) * 2 : low > 0 ? Math.sqrt(low * high) : high / 2;
    logs.push(Math.log(Math.max(value, 1e-6)));
  }
  logs.sort((a, b) => a - b);
  const at = (q: number): number => logs[Math.min(logs.length - 1, Math.floor(q * logs.length))]!;
  return [at(0.5), Math.log(Math.min(MAX_SIGMA, Math.max(0.3, (at(0.9) - at(0.5)) / Z90)))];
}

/** Nelder-Mead over (mu, ln sigma): two parameters, a smooth likelihood, no derivative needed. */
function maximise(f: (x: [number, number]) => number, first: [number, number]): [number, number] {
  let simplex: [number, number][] = [first, [first[0] + 0.5, first[1]], [first[0], first[1] + 0.3]];
  let values = simplex.map(f);
  for (let iteration = 0; iteration < 400; iteration++) {
    const order = [0, 1, 2].sort((a, b) => values[b]! - values[a]!);
    simplex = order.map((i) => simplex[i]!);
    values = order.map((i) => values[i]!);
    if (Math.abs(values[0]! - values[2]!) < 1e-6) break;
    const [best, good, worst] = simplex as [[number, number], [number, number], [number, number]];
    const centre: [number, number] = [(best[0] + good[0]) / 2, (best[1] + good[1]) / 2];
    const along = (t: number): [number, number] => [
      centre[0] + t * (worst[0] - centre[0]),
      centre[1] + t * (worst[1] - centre[1]),
    ];
    const reflected = along(-1);
    const fr = f(reflected);
    if (fr > values[0]!) {
      const expanded = along(-2);
      const fe = f(expanded);
      [simplex[2], values[2]] = fe > fr ? [expanded, fe] : [reflected, fr];
    } else if (fr > values[1]!) {
      [simplex[2], values[2]] = [reflected, fr];
    } else {
      const contracted = along(0.5);
      const fc = f(contracted);
      if (fc > values[2]!) [simplex[2], values[2]] = [contracted, fc];
      else {
        simplex = simplex.map((p) => [(p[0] + best[0]) / 2, (p[1] + best[1]) / 2] as [number, number]);
        simplex[0] = best;
        values = simplex.map(f);
      }
    }
  }
  const bestIndex = values.indexOf(Math.max(...values));
  return simplex[bestIndex]!;
}

/** The log-normal of greatest likelihood; undefined without observations. */
export function fitLogNormal(d: Durations): LogNormalFit | undefined {
  if (d.count === 0) return undefined;
  const objective = ([mu, logSigma]: [number, number]): number => {
    const sigma = Math.exp(logSigma);
    if (sigma < MIN_SIGMA || sigma > MAX_SIGMA || !Number.isFinite(mu)) return -Infinity;
    return logLikelihood(d, mu, sigma);
  };
  const [mu, logSigma] = maximise(objective, start(d));
  const sigma = Math.exp(logSigma);
  return { mu, sigma, p50: Math.exp(mu), p90: Math.exp(mu + Z90 * sigma) };
}
