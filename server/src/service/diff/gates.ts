import type { DiffMilestone } from '../../../../shared/diff';
import { DIFF_MILESTONES, MIN_SHIFT_MINUTES } from '../../../../shared/diff';
import type { Milestones } from '../../../../shared/prediction';
import { humanDuration } from '../../../../shared/format';
import { milestoneShiftText } from '../../../../shared/diffFormat';

/**
 * A `--fail-on` gate of `isc-plan diff` (docs/formats.md#diff-gates): a request that changes
 * channel, a milestone that gets slower by more than a share, or a milestone that newly misses a
 * service level.
 */
export type Gate =
  | { kind: 'channel-change'; spec: string }
  | { kind: 'slower'; spec: string; share: number }
  | { kind: 'sla'; spec: string; milestone: DiffMilestone; quantile: 'p50' | 'p90'; minutes: number };

const DURATION = /^(\d+(?:\.\d+)?)(s|m|min|h|d|w)$/;
const UNIT_MINUTES: Record<string, number> = { s: 1 / 60, m: 1, min: 1, h: 60, d: 1440, w: 10080 };

/** A duration such as `30m`, `24h`, `2d`, `1w` in minutes, or undefined. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  return match ? Number(match[1]) * UNIT_MINUTES[match[2]!]! : undefined;
}

/** A share such as `25%` (or `0.25`) as a fraction, or undefined. */
function parseShare(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[1]);
  return match[2] ? value / 100 : value;
}

/** Parses one `--fail-on` value; a string says what is wrong with it. */
export function parseGate(spec: string): Gate | string {
  if (spec === 'channel-change') return { kind: 'channel-change', spec };
  if (spec.startsWith('slower:')) {
    const share = parseShare(spec.slice('slower:'.length));
    return share !== undefined && share > 0
      ? { kind: 'slower', spec, share }
      : `--fail-on ${spec}: give how much slower counts, e.g. slower:25%`;
  }
  if (spec.startsWith('sla:')) {
    const match = /^sla:([a-z]+)(?:\.(p50|p90))?<=(.+)$/.exec(spec);
    const milestone = match?.[1] as DiffMilestone | undefined;
    const minutes = match ? parseDuration(match[3]!) : undefined;
    if (!match || !milestone || !(DIFF_MILESTONES as readonly string[]).includes(milestone)) {
      return `--fail-on ${spec}: write sla:MILESTONE<=DURATION with a milestone of ${DIFF_MILESTONES.join(', ')}, e.g. sla:verified<=24h`;
    }
    if (minutes === undefined) {
      return `--fail-on ${spec}: "${match[3]}" is not a duration such as 30m, 24h, 2d or 1w`;
    }
    const quantile = (match[2] as 'p50' | 'p90' | undefined) ?? 'p90';
    return { kind: 'sla', spec, milestone, quantile, minutes };
  }
  return `--fail-on must be channel-change, slower:PERCENT or sla:MILESTONE<=DURATION, not "${spec}"`;
}

/** What one unit (a request or its split-off part) is on each side, for the gates. */
export interface UnitSides {
  base: { channel: string; milestones: Milestones };
  head: { channel: string; milestones: Milestones };
}

function minutesOf(m: Milestones, milestone: DiffMilestone, quantile: 'p50' | 'p90'): number | null {
  const q = m[milestone];
  return q ? (quantile === 'p50' ? q.p50Minutes : q.p90Minutes) : null;
}

function duration(minutes: number | null): string {
  return minutes === null ? 'never' : humanDuration(minutes);
}

/** Why `gate` trips on this unit, or null when it does not. */
export function gateTrip(gate: Gate, unit: UnitSides): string | null {
  switch (gate.kind) {
    case 'channel-change':
      return unit.base.channel === unit.head.channel
        ? null
        : `channel ${unit.base.channel} → ${unit.head.channel}`;
    case 'slower':
      return slowerTrip(gate.share, unit);
    case 'sla': {
      const base = minutesOf(unit.base.milestones, gate.milestone, gate.quantile);
      const head = minutesOf(unit.head.milestones, gate.milestone, gate.quantile);
      const meets = (m: number | null): boolean => m !== null && m <= gate.minutes;
      // Only a newly missed level trips: a level the base already missed is not this change's doing.
      if (!meets(base) || meets(head)) return null;
      return `${gate.milestone} ${gate.quantile} ${duration(base)} → ${duration(head)} (limit ${humanDuration(gate.minutes)})`;
    }
  }
}

/** The first milestone quantile that got slower by more than `share` (and 5 minutes), or never reached any more. */
function slowerTrip(share: number, unit: UnitSides): string | null {
  for (const milestone of DIFF_MILESTONES) {
    for (const quantile of ['p50', 'p90'] as const) {
      const base = minutesOf(unit.base.milestones, milestone, quantile);
      const head = minutesOf(unit.head.milestones, milestone, quantile);
      if (base === null) continue;
      if (head === null) return `${milestone} ${quantile} ${duration(base)} → never`;
      if (head - base >= MIN_SHIFT_MINUTES && head > base * (1 + share)) {
        return milestoneShiftText({ milestone, quantile, baseMinutes: base, headMinutes: head });
      }
    }
  }
  return null;
}
