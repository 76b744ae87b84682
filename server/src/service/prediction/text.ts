/**
 * Number and duration wording for assumptions, events and perspectives. Locale-independent on
 * purpose: the same input must give the same text on every machine.
 */

/** Rounds to `digits` decimals (half away from zero for positive values). */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** A number as short text: at most two decimals, no trailing zeros. */
export function num(value: number): string {
  return String(round(value, 2));
}

/** A share as a percentage, e.g. 0.02 -> "2 %". */
export function percent(share: number): string {
  return `${num(share * 100)} %`;
}

/** A duration in minutes as words a person reads quickly: "40 s", "12 min", "3.5 h", "2.1 days". */
export function duration(minutes: number): string {
  if (!Number.isFinite(minutes)) return 'never';
  if (minutes < 1) return `${Math.round(minutes * 60)} s`;
  if (minutes < 90) return `${num(round(minutes, minutes < 10 ? 1 : 0))} min`;
  if (minutes < 48 * 60) return `${num(round(minutes / 60, 1))} h`;
  return `${num(round(minutes / 1440, 1))} days`;
}

/** `+3.5 h`-style offset from the submission. */
export function sinceSubmission(minutes: number): string {
  return `+${duration(minutes)}`;
}

/** An epoch-millisecond instant as ISO 8601 (UTC), rounded to the millisecond. */
export function isoAt(origin: number, minutes: number): string {
  return new Date(Math.round(origin + minutes * 60_000)).toISOString();
}

/** "p50 / p90" wording for a quantile pair given in `unit`. */
export function typical(p50: number, p90: number, unit: string): string {
  return p50 === p90
    ? `always ${num(p50)} ${unit}`
    : `${num(p50)} ${unit} typically, ${num(p90)} ${unit} at the 90th percentile`;
}

/** The closest of `candidates` to `text` by edit distance (case-insensitive), if any. */
export function closest(text: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(text.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
