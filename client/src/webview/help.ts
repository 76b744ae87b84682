/**
 * The dry-run view's help for a reader who has not read the docs: the legend of the milestone bars,
 * and outcome words that explain themselves on hover.
 */

import { MILESTONE_MEANINGS, OUTCOME_MEANINGS, outcomeEntries, shareText } from '../../../shared/format';
import { h, s } from './dom';

const MILESTONES = ['approved', 'started', 'committed', 'verified'] as const;

/** One swatch of the legend: a short bar in the milestone's colour (the classes of the bars). */
function swatch(doc: Document, milestone: string): SVGElement {
  const svg = s(doc, 'svg', { viewBox: '0 0 20 10', class: 'swatch', 'aria-hidden': 'true' });
  svg.appendChild(s(doc, 'circle', { cx: 4, cy: 5, r: 3, class: milestone }));
  svg.appendChild(s(doc, 'line', { x1: 4, x2: 18, y1: 5, y2: 5, class: `range ${milestone}` }));
  return svg;
}

/** The legend under the requests: a colour per milestone, and how to read a bar. */
export function renderLegend(doc: Document): HTMLElement {
  const items = MILESTONES.map((milestone) =>
    h(doc, 'li', { title: MILESTONE_MEANINGS[milestone] }, swatch(doc, milestone), ` ${milestone}`),
  );
  return h(
    doc,
    'div',
    { class: 'legend muted', 'data-testid': 'legend' },
    h(doc, 'ul', { 'aria-label': 'Milestone colours' }, ...items),
    h(
      doc,
      'span',
      {},
      'Dot: the median time from submission; line: to the 90th percentile (log scale). Hover a milestone or an outcome for its meaning.',
    ),
  );
}

/** A request's outcomes as `outcomesText` words them, each word explained by its title. */
export function outcomeWords(doc: Document, outcomes: object | null): (Node | string)[] {
  if (!outcomes) return ['not predictable'];
  const words: (Node | string)[] = [];
  for (const [name, share] of outcomeEntries(outcomes)) {
    if (words.length > 0) words.push(' · ');
    words.push(
      h(doc, 'span', { class: 'outcome', title: OUTCOME_MEANINGS[name] }, `${name} ${shareText(share)}`),
    );
  }
  return words;
}
