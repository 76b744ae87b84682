import type { DryRunModel, DryRunPlan, DryRunSummary } from '../../../shared/dryRun';
import type { Channel, RequestPrediction } from '../../../shared/prediction';
import type { DryRunOptions, RequestFocus } from '../../../shared/webviewMessages';
import { LIMITS } from '../../../shared/webviewMessages';
import {
  activityText,
  humanDuration,
  milestonesText,
  zonedMinuteText,
  requestNumber,
} from '../../../shared/format';
import { columnHeads, h, icon } from './dom';
import type { PerspectiveChoice } from './sections';
import { renderPerspectives, renderEvents, renderScenarios } from './sections';
import { axis, milestoneBars } from './timeline';
import { outcomeWords, renderLegend } from './help';

/** What the view's controls and rows can ask the host for. */
export interface ViewActions {
  setOptions(options: DryRunOptions): void;
  exportReport(format: 'markdown' | 'json'): void;
  reveal(document: number, request: number): void;
  /** The perspective tab to show, and who hears when the user picks another. */
  perspective: PerspectiveChoice;
}

const CHANNEL_ICON: Record<Channel, string> = {
  connector: 'plug',
  manual: 'person',
  ticketing: 'issues',
  none: 'circle-slash',
  unknown: 'question',
};
const CHANNEL_LABEL: Record<Channel, string> = {
  connector: 'connector',
  manual: 'manual task',
  ticketing: 'ticket',
  none: 'nothing (ISC does not act)',
  unknown: 'unknown',
};

/** Renders the whole view for a model. */
export function renderModel(
  doc: Document,
  model: DryRunModel,
  options: DryRunOptions,
  actions: ViewActions,
  focus: RequestFocus | null,
): HTMLElement {
  const root = h(doc, 'div', { class: 'dry-run' });
  root.appendChild(
    h(
      doc,
      'header',
      { class: 'title' },
      h(doc, 'h1', {}, 'Dry run · ', h(doc, 'span', { class: 'file' }, model.fileName)),
      h(
        doc,
        'p',
        { class: 'muted' },
        `Submitted ${zonedMinuteText(model.at, model.timeZone)} · ${model.runs} runs · seed ${model.seed} · predicted, nothing is sent to ISC`,
      ),
    ),
  );
  root.appendChild(renderControls(doc, options, actions));
  if (model.errors > 0) {
    root.appendChild(
      h(
        doc,
        'p',
        { class: 'warning', role: 'alert' },
        icon(doc, 'warning'),
        ` The file has ${model.errors} error${model.errors === 1 ? '' : 's'}: the dry run may not reflect what ISC does.`,
      ),
    );
  }
  for (const error of model.scenarioErrors) {
    root.appendChild(h(doc, 'p', { class: 'warning', role: 'alert' }, icon(doc, 'warning'), ` ${error}`));
  }
  for (const warning of model.scenarioWarnings) {
    root.appendChild(
      h(doc, 'p', { class: 'warning', 'data-testid': 'scenario-warning' }, icon(doc, 'info'), ` ${warning}`),
    );
  }
  if (model.plans.length === 0) root.appendChild(h(doc, 'p', {}, 'The file holds no plan.'));
  for (const plan of model.plans) {
    root.appendChild(renderPlan(doc, plan, model.plans.length > 1, actions, focus, model.timeZone));
  }
  return root;
}

function numberField(
  doc: Document,
  id: string,
  label: string,
  value: number | null,
  attributes: Record<string, string | number>,
): HTMLElement {
  const input = h(doc, 'input', { id, type: 'number', value: value === null ? '' : value, ...attributes });
  return h(doc, 'label', { for: id }, label, input);
}

/** What the Moment field sets (the perspectives are answered at that time). */
const MOMENT_HELP =
  'Hours after submission at which the User, Admin and Auditor tabs answer; empty: when the first request is verified.';

/** Between scenarios in the Scenario field: not a space, since source and owner names have spaces. */
const SCENARIO_SEPARATOR = '; ';

/** What the Scenario field takes. */
const SCENARIO_HELP =
  'What-if scenarios beside the baseline, separated by ";": outage:SOURCE:HOURS, away:OWNER:DAYS, backlog:SDIM:FACTOR, failure:SOURCE:RATE. Names are written as they are, spaces included.';

/** The scenarios typed into the Scenario field, at most {@link LIMITS.maxScenarios}. */
export function scenarioSpecs(field: string): string[] {
  return field
    .split(';')
    .map((spec) => spec.trim())
    .filter((spec) => spec !== '')
    .slice(0, LIMITS.maxScenarios);
}

function renderControls(doc: Document, options: DryRunOptions, actions: ViewActions): HTMLElement {
  const form = h(doc, 'form', { class: 'controls', 'aria-label': 'Dry-run options' });
  form.append(
    numberField(doc, 'runs', 'Runs', options.runs, { min: 1, max: LIMITS.maxRuns, step: 1 }),
    numberField(doc, 'seed', 'Seed', options.seed, { min: 0, step: 1 }),
    numberField(doc, 'moment', 'Moment (h)', options.moment, {
      min: 0,
      step: 'any',
      placeholder: 'first verified',
      title: MOMENT_HELP,
      'aria-description': MOMENT_HELP,
    }),
    h(
      doc,
      'label',
      { for: 'scenario' },
      'Scenario',
      h(doc, 'input', {
        id: 'scenario',
        type: 'text',
        value: options.scenarios.join(SCENARIO_SEPARATOR),
        placeholder: 'outage:Active Directory:8; away:OWNER:DAYS',
        title: SCENARIO_HELP,
        'aria-description': SCENARIO_HELP,
        spellcheck: 'false',
      }),
    ),
    h(doc, 'button', { type: 'submit', class: 'primary' }, icon(doc, 'play'), ' Run'),
    h(
      doc,
      'button',
      { type: 'button', 'data-export': 'markdown', title: 'Export the report as Markdown' },
      icon(doc, 'markdown'),
      ' Markdown',
    ),
    h(
      doc,
      'button',
      { type: 'button', 'data-export': 'json', title: 'Export the report as JSON' },
      icon(doc, 'json'),
      ' JSON',
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const read = (id: string): string => (form.querySelector<HTMLInputElement>(`#${id}`)?.value ?? '').trim();
    const moment = read('moment');
    actions.setOptions({
      runs: Math.min(LIMITS.maxRuns, Math.max(1, Math.trunc(Number(read('runs')) || options.runs))),
      seed: Math.max(0, Math.trunc(Number(read('seed')) || 0)),
      moment: moment === '' || !Number.isFinite(Number(moment)) ? null : Math.max(0, Number(moment)),
      scenarios: scenarioSpecs(read('scenario')),
    });
  });
  for (const button of Array.from(form.querySelectorAll<HTMLButtonElement>('button[data-export]'))) {
    button.addEventListener('click', () =>
      actions.exportReport(button.dataset.export === 'json' ? 'json' : 'markdown'),
    );
  }
  return form;
}

function renderPlan(
  doc: Document,
  plan: DryRunPlan,
  titled: boolean,
  actions: ViewActions,
  focus: RequestFocus | null,
  timeZone: string | null,
): HTMLElement {
  const section = h(doc, 'section', {
    class: 'plan',
    'aria-label': plan.name ?? `Plan ${plan.document + 1}`,
  });
  if (titled || plan.name) section.appendChild(h(doc, 'h2', {}, plan.name ?? `Plan ${plan.document + 1}`));
  section.appendChild(renderActivity(doc, plan));
  section.appendChild(renderSummary(doc, plan.summary, plan.simulation.requests));
  section.appendChild(renderRequests(doc, plan, actions, focus));
  section.appendChild(renderLegend(doc));
  section.appendChild(renderPerspectives(doc, plan.simulation.perspectives, actions.perspective, timeZone));
  if (plan.simulation.scenarios.length > 0) section.appendChild(renderScenarios(doc, plan.simulation));
  section.appendChild(renderEvents(doc, plan.simulation.events));
  const learned = plan.summary.learned ?? [];
  if (learned.length > 0) {
    section.appendChild(
      h(
        doc,
        'details',
        { class: 'assumptions learned' },
        h(
          doc,
          'summary',
          {},
          `Learned: ${learned.length} source${learned.length === 1 ? '' : 's'} with figures from the tenant's history`,
        ),
        h(doc, 'ul', {}, ...learned.map((a) => h(doc, 'li', {}, a))),
      ),
    );
  }
  if (plan.summary.assumptions.length > 0) {
    section.appendChild(
      h(
        doc,
        'details',
        { class: 'assumptions' },
        h(
          doc,
          'summary',
          {},
          `Assumed: ${plan.summary.assumptions.length} default${plan.summary.assumptions.length === 1 ? '' : 's'} not given by the catalog`,
        ),
        h(doc, 'ul', {}, ...plan.summary.assumptions.map((a) => h(doc, 'li', {}, a))),
      ),
    );
  }
  return section;
}

/** The plan's one ISC account activity: when it completes and how its completionStatus ends. */
function renderActivity(doc: Document, plan: DryRunPlan): HTMLElement {
  return h(
    doc,
    'p',
    { class: 'activity', 'data-testid': 'activity' },
    h(doc, 'strong', {}, 'Account activity: '),
    activityText(plan.simulation.activity),
  );
}

function renderSummary(
  doc: Document,
  summary: DryRunSummary,
  requests: readonly RequestPrediction[],
): HTMLElement {
  const { connector, manual, ticketing, none, unknown } = summary.channels;
  const parts = [
    `${requests.length} request${requests.length === 1 ? '' : 's'}: ${connector} connector · ${manual} manual · ${ticketing} ticket${none > 0 ? ` · ${none} nothing (ISC does not act)` : ''}${unknown > 0 ? ` · ${unknown} unknown` : ''}`,
  ];
  if (summary.slowest) {
    const slow = requests.find((r) => r.index === summary.slowest!.request);
    parts.push(
      `slowest to verified: ~${humanDuration(summary.slowest.p50Minutes)} (p90 ${humanDuration(summary.slowest.p90Minutes)})${slow ? ` for ${requestNumber(slow.index)} ${slow.source}` : ''}`,
    );
  }
  if (summary.atRisk > 0) {
    parts.push(
      `${summary.atRisk} of ${requests.length} may end without a verified change (failed, stalled, drift, unverifiable or not fulfilled in over 1 % of runs)`,
    );
  }
  if (summary.assumptions.length > 0) {
    parts.push(`${summary.assumptions.length} assumption${summary.assumptions.length === 1 ? '' : 's'}`);
  }
  return h(doc, 'p', { class: 'summary', 'data-testid': 'summary' }, parts.join(' · '));
}

function renderRequests(
  doc: Document,
  plan: DryRunPlan,
  actions: ViewActions,
  focus: RequestFocus | null,
): HTMLElement {
  const table = h(doc, 'table', { class: 'requests' });
  table.appendChild(
    columnHeads(doc, '#', 'Request', 'Channel', { content: axis(doc), class: 'timeline' }, 'Outcomes'),
  );
  const body = h(doc, 'tbody');
  for (const r of plan.simulation.requests) {
    const focused = focus?.document === plan.document && focus.request === r.index;
    body.appendChild(requestRow(doc, plan.document, r, actions, focused));
    for (const part of r.parts) {
      const row = h(
        doc,
        'tr',
        { class: 'part', 'data-testid': 'request-row', 'data-channel': part.channel },
        h(doc, 'td', {}),
        h(doc, 'td', {}, '└ permission requests'),
        channelCell(doc, part.channel, part.target),
        h(doc, 'td', { class: 'timeline' }, milestoneBars(doc, part.milestones)),
        h(doc, 'td', { class: 'outcomes' }, ...outcomeWords(doc, part.outcomes)),
      );
      body.appendChild(row);
    }
  }
  table.appendChild(body);
  return table;
}

function requestRow(
  doc: Document,
  document: number,
  r: RequestPrediction,
  actions: ViewActions,
  focused: boolean,
): HTMLElement {
  const row = h(
    doc,
    'tr',
    {
      tabindex: 0,
      'data-testid': 'request-row',
      'data-channel': r.channel,
      class: focused ? 'focused' : undefined,
      title: r.reasons.join(' '),
    },
    h(doc, 'td', {}, requestNumber(r.index)),
    h(doc, 'td', {}, h(doc, 'span', { class: 'source' }, r.source || '?'), ' · ', r.operation || '?'),
    channelCell(doc, r.channel, r.target),
    h(
      doc,
      'td',
      { class: 'timeline' },
      milestoneBars(doc, r.milestones),
      h(doc, 'div', { class: 'muted milestones' }, milestonesText(r.milestones)),
    ),
    h(doc, 'td', { class: 'outcomes' }, ...outcomeWords(doc, r.outcomes)),
  );
  const reveal = (): void => actions.reveal(document, r.index);
  row.addEventListener('dblclick', reveal);
  row.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') reveal();
  });
  return row;
}

function channelCell(doc: Document, channel: Channel, target: string | null): HTMLElement {
  return h(
    doc,
    'td',
    { class: `channel ${channel}` },
    icon(doc, CHANNEL_ICON[channel]),
    ` ${CHANNEL_LABEL[channel]}`,
    target ? h(doc, 'div', { class: 'muted' }, target) : null,
  );
}
