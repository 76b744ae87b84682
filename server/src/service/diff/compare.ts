import type {
  DiagnosticChange,
  MilestoneShift,
  OutcomeShift,
  RequestDiff,
  Route,
} from '../../../../shared/diff';
import { DIFF_MILESTONES, MIN_OUTCOME_SHIFT, MIN_SHIFT_MINUTES } from '../../../../shared/diff';
import type { Milestones, Outcomes, RequestPrediction } from '../../../../shared/prediction';
import type { Finding } from '../findings/finding';
import type { Gate } from './gates';
import { gateTrip } from './gates';

/** One side of a unit: a request, or its split-off part. */
interface UnitPrediction {
  channel: RequestPrediction['channel'];
  target: string | null;
  milestones: Milestones;
  outcomes: Outcomes | null;
}

/** What the comparison of one plan needs besides the two predictions. */
export interface CompareOptions {
  threshold: number;
  gates: readonly Gate[];
  /** How a trip names the request, e.g. `plans/a.plan.yaml #3 Payroll Create`. */
  label: (request: RequestPrediction, part: string | null) => string;
}

/** A gate trip, as `isc-plan diff` prints it on stderr. */
export interface Trip {
  gate: string;
  line: string;
}

/** The milestone quantiles that moved by more than `threshold` of their base value (and 5 minutes), or were reached on one side only. */
export function milestoneShifts(base: Milestones, head: Milestones, threshold: number): MilestoneShift[] {
  const shifts: MilestoneShift[] = [];
  for (const milestone of DIFF_MILESTONES) {
    for (const quantile of ['p50', 'p90'] as const) {
      const b = base[milestone];
      const h = head[milestone];
      const baseMinutes = b ? (quantile === 'p50' ? b.p50Minutes : b.p90Minutes) : null;
      const headMinutes = h ? (quantile === 'p50' ? h.p50Minutes : h.p90Minutes) : null;
      if (baseMinutes === null && headMinutes === null) continue;
      const moved =
        baseMinutes === null ||
        headMinutes === null ||
        (Math.abs(headMinutes - baseMinutes) >= MIN_SHIFT_MINUTES &&
          Math.abs(headMinutes - baseMinutes) > threshold * baseMinutes);
      if (moved) shifts.push({ milestone, quantile, baseMinutes, headMinutes });
    }
  }
  return shifts;
}

/** The outcomes whose share moved by at least one percentage point; none when either side cannot be predicted. */
export function outcomeShifts(base: Outcomes | null, head: Outcomes | null): OutcomeShift[] {
  if (!base || !head) return [];
  return (Object.keys(base) as (keyof Outcomes)[])
    .filter((outcome) => Math.abs(head[outcome] - base[outcome]) >= MIN_OUTCOME_SHIFT - 1e-9)
    .map((outcome) => ({ outcome, base: base[outcome], head: head[outcome] }));
}

/** The findings only one side has (the plan text is the same on both sides, so offsets match). */
export function diagnosticChanges(base: readonly Finding[], head: readonly Finding[]): DiagnosticChange[] {
  const key = (f: Finding): string => `${f.code}\u0000${f.start}\u0000${f.end}\u0000${f.message}`;
  const baseKeys = new Set(base.map(key));
  const headKeys = new Set(head.map(key));
  const change = (kind: DiagnosticChange['change']) => (f: Finding) => ({
    change: kind,
    code: f.code,
    severity: f.severity,
    message: f.message,
    start: f.start,
    end: f.end,
  });
  return [
    ...head.filter((f) => !baseKeys.has(key(f))).map(change('new')),
    ...base.filter((f) => !headKeys.has(key(f))).map(change('vanished')),
  ];
}

function route(unit: UnitPrediction): Route {
  return { channel: unit.channel, target: unit.target };
}

/**
 * The differences of one request (or of its part) between the two sides, and the gates it trips;
 * null when nothing differs and no gate trips.
 */
export function compareUnit(
  request: { base: RequestPrediction; head: RequestPrediction; start: number },
  part: { base: UnitPrediction; head: UnitPrediction; name: 'permissionRequests' } | null,
  diagnostics: DiagnosticChange[],
  options: CompareOptions,
  trips: Trip[],
): RequestDiff | null {
  const base: UnitPrediction = part ? part.base : request.base;
  const head: UnitPrediction = part ? part.head : request.head;
  const routeChanged = base.channel !== head.channel || base.target !== head.target;
  const milestones = milestoneShifts(base.milestones, head.milestones, options.threshold);
  const outcomes = outcomeShifts(base.outcomes, head.outcomes);
  const tripped: string[] = [];
  for (const gate of options.gates) {
    const why = gateTrip(gate, { base, head });
    if (why === null) continue;
    tripped.push(gate.spec);
    trips.push({
      gate: gate.spec,
      line: `${options.label(request.head, part?.name ?? null)}: ${why}`,
    });
  }
  const changed =
    routeChanged ||
    milestones.length > 0 ||
    outcomes.length > 0 ||
    diagnostics.length > 0 ||
    tripped.length > 0;
  if (!changed) return null;
  return {
    index: request.head.index,
    part: part?.name ?? null,
    source: request.head.source,
    operation: request.head.operation,
    start: request.start,
    base: route(base),
    head: route(head),
    routeChanged,
    milestones,
    outcomes,
    diagnostics,
    tripped,
  };
}

/** How bad a change is, for "worst first": a new route, new errors, then how much slower. */
export function severityOf(diff: RequestDiff): number {
  let score = 0;
  if (diff.routeChanged) score += diff.base.channel !== diff.head.channel ? 1_000_000 : 100_000;
  score += diff.tripped.length * 10_000;
  for (const d of diff.diagnostics) if (d.change === 'new' && d.severity === 'error') score += 1_000;
  for (const m of diff.milestones) {
    if (m.headMinutes === null) score += 500;
    else if (m.baseMinutes !== null && m.headMinutes > m.baseMinutes) {
      score += Math.min(499, ((m.headMinutes - m.baseMinutes) / Math.max(m.baseMinutes, 1)) * 100);
    }
  }
  for (const o of diff.outcomes) if (o.outcome !== 'success') score += Math.max(0, o.head - o.base) * 100;
  return score;
}
