import type { MilestoneQuantiles } from '../../../shared/prediction';
import { humanDuration, milestoneNames } from '../../../shared/format';
import { s } from './dom';

/** The time axis reads from minutes to weeks on a logarithmic scale. */
const MIN_MINUTES = 0.5;
const MAX_MINUTES = 6 * 7 * 24 * 60;
/**
 * Grid lines with their labels. A narrow column cannot fit every label: `rank` says which go first
 * (2 hides below 420 px of axis, 1 below 200 px; dryRun.css), so the labels left never overlap.
 */
export const TICKS: readonly { minutes: number; label: string; rank: 0 | 1 | 2 }[] = [
  { minutes: 1, label: '1 min', rank: 1 },
  { minutes: 10, label: '10 min', rank: 2 },
  { minutes: 60, label: '1 h', rank: 0 },
  { minutes: 8 * 60, label: '8 h', rank: 2 },
  { minutes: 24 * 60, label: '1 d', rank: 0 },
  { minutes: 7 * 24 * 60, label: '1 wk', rank: 1 },
  { minutes: 28 * 24 * 60, label: '4 wk', rank: 2 },
];

const WIDTH = 1000;

/** Position on the axis (0…1000) of a duration. */
export function axisX(minutes: number): number {
  const clamped = Math.min(MAX_MINUTES, Math.max(MIN_MINUTES, minutes));
  return Math.round(
    ((Math.log(clamped) - Math.log(MIN_MINUTES)) / (Math.log(MAX_MINUTES) - Math.log(MIN_MINUTES))) * WIDTH,
  );
}

type Milestones = Record<'approved' | 'started' | 'committed' | 'verified', MilestoneQuantiles>;

/**
 * One request's milestones as bars: a dot at the median and a line to the 90th percentile, one
 * row each for approved (when the plan has approvals), started, committed and verified.
 */
export function milestoneBars(doc: Document, milestones: Milestones): SVGElement {
  const names = milestoneNames(milestones);
  const height = names.length * 10;
  const svg = s(doc, 'svg', {
    viewBox: `0 0 ${WIDTH} ${height}`,
    preserveAspectRatio: 'none',
    class: 'bars',
    role: 'img',
    'aria-label': describe(milestones),
  });
  for (const tick of TICKS) {
    svg.appendChild(
      s(doc, 'line', { x1: axisX(tick.minutes), x2: axisX(tick.minutes), y1: 0, y2: height, class: 'grid' }),
    );
  }
  if (names.length > 3) svg.classList.add('approvals');
  names.forEach((name, row) => {
    const q = milestones[name];
    if (!q) return;
    const y = 5 + row * 10;
    const from = axisX(q.p50Minutes);
    const to = Math.max(from + 2, axisX(q.p90Minutes));
    svg.appendChild(s(doc, 'line', { x1: from, x2: to, y1: y, y2: y, class: `range ${name}` }));
    svg.appendChild(
      s(
        doc,
        'rect',
        { x: from - 4, y: y - 4, width: 8, height: 8, class: `mark ${name}` },
        s(doc, 'title', {}, `${name} ~${humanDuration(q.p50Minutes)} (p90 ${humanDuration(q.p90Minutes)})`),
      ),
    );
  });
  return svg;
}

function describe(milestones: Milestones): string {
  return milestoneNames(milestones)
    .map((name) => {
      const q = milestones[name];
      return q
        ? `${name} about ${humanDuration(q.p50Minutes)}, 90th percentile ${humanDuration(q.p90Minutes)}`
        : `${name} not reached`;
    })
    .join('; ');
}

/**
 * The axis labels above the bars, as text placed by percentage (an SVG stretched to the column
 * would stretch its letters too). Positions are set through the CSSOM, which the policy allows.
 */
export function axis(doc: Document): HTMLElement {
  const row = doc.createElement('div');
  row.className = 'axis';
  row.setAttribute('aria-hidden', 'true');
  for (const tick of TICKS) {
    const label = doc.createElement('span');
    label.textContent = tick.label;
    const x = axisX(tick.minutes) / WIDTH;
    label.style.left = `${(x * 100).toFixed(2)}%`;
    label.className = `${x < 0.04 ? 'start' : x > 0.96 ? 'end' : 'middle'} rank-${tick.rank}`;
    row.appendChild(label);
  }
  return row;
}
