/**
 * How a diff reads (docs/formats.md#diff): one wording for `isc-plan diff` in every format and for
 * the dry-run view's comparison. Pure, like `format.ts`.
 */

import type { DiagnosticChange, MilestoneShift, OutcomeShift, RequestDiff, Route } from './diff';
import { humanDuration, requestNumber, shareText } from './format';

/** `connector → Active Directory`, as every report shows where a request goes. */
export function routeText(route: Route): string {
  return `${route.channel}${route.target ? ` → ${route.target}` : ''}`;
}

/** `#3 Payroll Create` or `#5 Finance File Share Modify (permissionRequests)`. */
export function requestTitle(diff: Pick<RequestDiff, 'index' | 'source' | 'operation' | 'part'>): string {
  return `${requestNumber(diff.index)} ${diff.source || '?'} ${diff.operation || '?'}${diff.part ? ` (${diff.part})` : ''}`;
}

/** `now manual → ad.admin (was connector → Active Directory)`. */
export function routeChangeText(diff: Pick<RequestDiff, 'base' | 'head'>): string {
  return `now ${routeText(diff.head)} (was ${routeText(diff.base)})`;
}

function minutesText(minutes: number | null): string {
  return minutes === null ? 'never' : humanDuration(minutes);
}

/** `verified p90 8 h → 3 d (+800 %)`, `committed p50 2 min → never`. */
export function milestoneShiftText(shift: MilestoneShift): string {
  const { baseMinutes: base, headMinutes: head } = shift;
  return `${shift.milestone} ${shift.quantile} ${minutesText(base)} → ${minutesText(head)}${changeText(base, head)}`;
}

/** ` (+25 %)`, ` (−40 %)`, or ` (×120)` beyond ten times the base: how much a milestone moved. */
function changeText(base: number | null, head: number | null): string {
  if (base === null || head === null || base <= 0) return '';
  if (head >= base * 10) return ` (×${Math.round(head / base)})`;
  return ` (${head >= base ? '+' : '−'}${Math.round((Math.abs(head - base) / base) * 100)} %)`;
}

/** `stalled 0 % → 12 %`. */
export function outcomeShiftText(shift: OutcomeShift): string {
  return `${shift.outcome} ${shareText(shift.base)} → ${shareText(shift.head)}`;
}

/** `new warning no-verification: …` or `gone information routed-to-manual: …`. */
export function diagnosticChangeText(change: DiagnosticChange): string {
  return `${change.change === 'new' ? 'new' : 'gone'} ${change.severity} ${change.code}: ${change.message}`;
}

/** Every difference of a request, one line each: the route first, then timing, outcomes, diagnostics. */
export function requestChangeLines(diff: RequestDiff): string[] {
  const lines: string[] = [];
  if (diff.routeChanged) lines.push(routeChangeText(diff));
  lines.push(...diff.milestones.map(milestoneShiftText));
  if (diff.outcomes.length > 0) lines.push(`outcomes ${diff.outcomes.map(outcomeShiftText).join(' · ')}`);
  lines.push(...diff.diagnostics.map(diagnosticChangeText));
  return lines;
}

/** The one most telling difference of a request, for a table cell or a title. */
export function headlineOf(diff: RequestDiff): string {
  return requestChangeLines(diff)[0] ?? `trips ${diff.tripped.join(', ')}`;
}
