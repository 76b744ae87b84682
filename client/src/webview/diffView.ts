import type { DiffReport } from '../../../shared/diff';
import {
  diagnosticChangeText,
  headlineOf,
  requestChangeLines,
  requestTitle,
} from '../../../shared/diffFormat';
import { columnHeads, h } from './dom';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * What a catalog's change does to the plans that use it, in the dry-run view: per plan, a table of
 * the requests fulfilled differently (the same wording as `isc-plan diff`), with every difference
 * in a fold below each row. Text only, through the DOM.
 */
export function renderDiff(doc: Document, report: DiffReport): HTMLElement {
  const { plans, requests, changed, routeChanges } = report.summary;
  const root = h(
    doc,
    'main',
    { 'data-testid': 'diff' },
    h(doc, 'h1', {}, `Compare: ${report.base} → ${report.head}`),
    h(
      doc,
      'p',
      { 'data-testid': 'diff-summary' },
      `${plural(plans, 'plan')} using this catalog, ${plural(requests, 'request')} compared: ${changed} fulfilled differently, ${routeChanges} with a new channel or target. Same seed (${report.seed}), runs (${report.runs}) and submission time on both sides.`,
    ),
  );
  if (report.plans.length === 0) {
    root.append(
      h(doc, 'p', { 'data-testid': 'diff-none' }, 'No request of these plans is fulfilled differently.'),
    );
    return root;
  }
  for (const plan of report.plans) {
    const name = plan.name ? ` · ${plan.name}` : '';
    root.append(h(doc, 'h2', {}, `${plan.file.split(/[\\/]/).pop() ?? plan.file}${name}`));
    for (const d of plan.diagnostics) root.append(h(doc, 'p', { class: 'warning' }, diagnosticChangeText(d)));
    const rows = plan.requests.map((request) =>
      h(
        doc,
        'tr',
        { 'data-testid': 'diff-request' },
        h(doc, 'td', {}, requestTitle(request)),
        h(doc, 'td', {}, headlineOf(request)),
        h(
          doc,
          'td',
          {},
          h(
            doc,
            'details',
            {},
            h(doc, 'summary', {}, plural(requestChangeLines(request).length, 'difference')),
            h(doc, 'ul', {}, ...requestChangeLines(request).map((line) => h(doc, 'li', {}, line))),
          ),
        ),
      ),
    );
    root.append(
      h(doc, 'table', {}, columnHeads(doc, 'request', 'change', 'details'), h(doc, 'tbody', {}, ...rows)),
    );
  }
  return root;
}
