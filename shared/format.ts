/**
 * How numbers, durations, milestones and outcome shares read in hovers, code lenses, assumptions,
 * events, perspectives, reports and the dry-run view: one wording everywhere. Pure and
 * locale-independent on purpose (the same input gives the same text on every machine), so the
 * server and the view's page both use it.
 */

import { zoneFormat } from './zoneFormat';

/** Rounds to `digits` decimals (half away from zero for positive values). */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** A number as short text: at most two decimals, no trailing zeros. */
export function num(value: number): string {
  return String(round(value, 2));
}

/** A share as a percentage with up to two decimals, e.g. 0.02 -> "2 %" (assumption texts). */
export function percent(share: number): string {
  return `${num(share * 100)} %`;
}

/** "p50 / p90" wording for a quantile pair given in `unit`. */
export function typical(p50: number, p90: number, unit: string): string {
  return p50 === p90
    ? `always ${num(p50)} ${unit}`
    : `${num(p50)} ${unit} typically, ${num(p90)} ${unit} at the 90th percentile`;
}

/** Minutes as people read them: 45 s, 12 min, 3.5 h, 2.1 d, 3 wk. */
export function humanDuration(minutes: number): string {
  if (minutes < 1) return `${Math.max(1, Math.round(minutes * 60))} s`;
  if (minutes < 60) return `${Math.round(minutes)} min`;
  const hours = minutes / 60;
  if (hours < 24) return `${hours < 10 ? Math.round(hours * 10) / 10 : Math.round(hours)} h`;
  const days = hours / 24;
  if (days < 14) return `${days < 10 ? Math.round(days * 10) / 10 : Math.round(days)} d`;
  return `${Math.round(days / 7)} wk`;
}

/** A duration in minutes since the submission: `+3.5 h`. */
export function sinceSubmission(minutes: number): string {
  return Number.isFinite(minutes) ? `+${humanDuration(minutes)}` : 'never';
}

/** An epoch-millisecond instant plus `minutes`, as ISO 8601 (UTC), rounded to the millisecond. */
export function isoAt(origin: number, minutes: number): string {
  return new Date(Math.round(origin + minutes * 60_000)).toISOString();
}

/** A milestone as `~2 min (p90 1 h)`, `~8 h` when both are equal, `—` when not reached. */
export function milestoneText(q: { p50Minutes: number; p90Minutes: number } | null): string {
  if (!q) return '—';
  return q.p50Minutes === q.p90Minutes
    ? `~${humanDuration(q.p50Minutes)}`
    : `~${humanDuration(q.p50Minutes)} (p90 ${humanDuration(q.p90Minutes)})`;
}

type Quantiles = { p50Minutes: number; p90Minutes: number } | null;
type MilestoneName = 'approved' | 'started' | 'committed' | 'verified';

/** The milestones a prediction shows, in order: `approved` only when the plan has approvals. */
export function milestoneNames(m: { approved: Quantiles }): MilestoneName[] {
  return m.approved ? ['approved', 'started', 'committed', 'verified'] : ['started', 'committed', 'verified'];
}

/** Every milestone shown, in one line: `approved ~1 d · started ~1 d · committed … · verified …`. */
export function milestonesText(m: Record<MilestoneName, Quantiles>): string {
  return milestoneNames(m)
    .map((name) => `${name} ${milestoneText(m[name])}`)
    .join(' · ');
}

/** A share as a whole percentage, `<1 %` for small non-zero shares. */
export function shareText(share: number): string {
  return share > 0 && share < 0.01 ? '<1 %' : `${Math.round(share * 100)} %`;
}

/** The outcomes that can happen, most likely first: `success 97 % · partial 2 % · failed <1 %`. */
export function outcomesText(outcomes: object | null): string {
  if (!outcomes) return 'not predictable';
  return outcomeEntries(outcomes)
    .map(([name, share]) => `${name} ${shareText(share)}`)
    .join(' · ');
}

/**
 * A request's number as a person reads it: counted from 1 (`#1`), like the samples' comments and
 * the rules' messages; JSON keeps the zero-based `index`.
 */
export function requestNumber(index: number): string {
  return `#${index + 1}`;
}

/** The outcomes that happen in some run, most likely first, as `outcomesText` lists them. */
export function outcomeEntries(outcomes: object): [string, number][] {
  return (Object.entries(outcomes) as [string, number][])
    .filter(([, share]) => share > 0)
    .sort((a, b) => b[1] - a[1]);
}

/** What each outcome word means (docs/prediction-model.md#outcomes), for hover help and glossaries. */
export const OUTCOME_MEANINGS: Readonly<Record<string, string>> = {
  success:
    'Made and confirmed: an aggregation after the change shows it (a password change: made; passwords are never verified).',
  recovered:
    'Failed or drifted first, then made at the next identity refresh (plans from a role, an access profile or a lifecycle state).',
  partial:
    'Made, but some attribute requests failed on their own (only when the catalog sets attributeFailureRate).',
  failed:
    'Not made: the connector failed after its retries, the ticket reached a status mapped to Failed, or nobody receives the work item.',
  unverifiable:
    'Made, but ISC can never confirm it: the source is never aggregated (ISC: UNVERIFIABLE, "Not Verifiable").',
  stalled:
    'Still open when ISC stops looking: a ticket past the status-check window, or a work item still open at the end of the simulated time.',
  drift:
    'Declared done without the change: the work item or ticket was closed, but the next aggregation does not show it.',
  'not-fulfilled':
    'ISC does nothing for the request (channel none: a Lock, a password change the source cannot take).',
};

/** What each milestone means (docs/prediction-model.md#milestones). */
export const MILESTONE_MEANINGS: Readonly<Record<string, string>> = {
  approved: "The last approval is given (when the plan's origin lists approvals).",
  started: 'The connector call leaves the queue, or the work item or the ticket is created.',
  committed:
    "The source answers success, a person marks the work item complete, or ISC's status check sees the ticket closed.",
  verified: "The first aggregation after the change shows it (the model's reading of what verifies).",
};

/** An ISO instant to the minute, as the view and reports show it: `2026-12-01 09:00 UTC`. */
export function utcMinuteText(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * An ISO instant to the minute in the tenant's time zone (the catalog's `timeZone`), with its UTC
 * offset: `2026-11-30 09:00 +01:00 Europe/Berlin`; in UTC without a time zone or with one that is
 * not an IANA name.
 */
export function zonedMinuteText(iso: string, timeZone: string | null | undefined): string {
  const instant = Date.parse(iso);
  if (!timeZone || Number.isNaN(instant)) return utcMinuteText(iso);
  const format = zoneFormat(timeZone);
  if (!format) return utcMinuteText(iso);
  const parts = format.formatToParts(instant);
  const part = (type: string): string => (parts.find((p) => p.type === type)?.value ?? '').padStart(2, '0');
  const wall = Date.UTC(+part('year'), +part('month') - 1, +part('day'), +part('hour'), +part('minute'));
  const offset = Math.round((wall - Math.floor(instant / 60_000) * 60_000) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} ${sign}${hh}:${mm} ${timeZone}`;
}

/**
 * A plan's account activity (`ActivityPrediction`): when it reaches executionStatus COMPLETED and
 * its completionStatus shares, most likely first: `COMPLETED ~3 h (p90 1 d) · SUCCESS 82 % · INCOMPLETE 18 %`.
 */
export function activityText(
  activity: {
    completed: { p50Minutes: number; p90Minutes: number } | null;
    completionStatus: Record<string, number>;
  } | null,
): string {
  if (!activity) return 'not predictable (no request has a known channel)';
  const completed = activity.completed
    ? `COMPLETED ${milestoneText(activity.completed)}`
    : 'COMPLETED in under 1 % of runs';
  const statuses = Object.entries(activity.completionStatus)
    .filter(([, share]) => share > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([status, share]) => `${status} ${shareText(share)}`);
  return [completed, ...statuses].join(' · ');
}
