import type { DryRunEvent, IscWords, Perspectives, SimulationResult } from '../../../shared/simulation';
import {
  humanDuration,
  milestoneText,
  shareText,
  zonedMinuteText,
  requestNumber,
} from '../../../shared/format';
import { columnHeads, h, icon } from './dom';

const ROLES = [
  { id: 'user', label: 'User', question: 'Why don’t I have access yet?' },
  { id: 'admin', label: 'Admin', question: 'What is pending, and on whom?' },
  {
    id: 'auditor',
    label: 'Auditor',
    question:
      'When was execution attempted, through which channel, who declared completion, when was it verified?',
  },
] as const;

/** One of the three perspectives (docs/prediction-model.md#perspectives). */
export type PerspectiveRole = (typeof ROLES)[number]['id'];
type Role = PerspectiveRole;

/** Whether `value` names a perspective (for state read back after a reload). */
export function isPerspectiveRole(value: unknown): value is PerspectiveRole {
  return ROLES.some((role) => role.id === value);
}

/** The perspective tab shown first, and who hears when the user picks another (so a redraw keeps it). */
export interface PerspectiveChoice {
  selected: PerspectiveRole;
  onSelect(role: PerspectiveRole): void;
}

/** `At +1.2 d (2026-11-26 15:00 +01:00 Europe/Berlin), when the first request is verified`. */
function momentHeading(doc: Document, moment: Perspectives['moment'], timeZone: string | null): HTMLElement {
  const when =
    moment.basis === 'given'
      ? 'at the chosen moment'
      : moment.basis === 'first-verified'
        ? 'when the first request is verified'
        : 'at the end of the run';
  return h(
    doc,
    'h3',
    {},
    `At +${humanDuration(moment.minutes)} (${zonedMinuteText(moment.at, timeZone)}), ${when}`,
  );
}

/** The three perspectives at the chosen moment, as keyboard-operable tabs. */
export function renderPerspectives(
  doc: Document,
  perspectives: Perspectives,
  choice: PerspectiveChoice,
  timeZone: string | null,
): HTMLElement {
  const section = h(doc, 'section', { class: 'perspectives' });
  section.appendChild(momentHeading(doc, perspectives.moment, timeZone));
  const tabs = h(doc, 'div', { role: 'tablist', 'aria-label': 'Perspectives' });
  const panel = h(doc, 'div', {
    role: 'tabpanel',
    class: 'perspective',
    'data-testid': 'perspective',
    tabindex: 0,
  });
  const first = Math.max(
    0,
    ROLES.findIndex((role) => role.id === choice.selected),
  );
  const buttons = ROLES.map((role, index) =>
    h(
      doc,
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `tab-${role.id}`,
        'data-testid': `tab-${role.id}`,
        'aria-selected': index === first ? 'true' : 'false',
        tabindex: index === first ? 0 : -1,
      },
      role.label,
    ),
  );
  const select = (index: number): void => {
    buttons.forEach((button, i) => {
      button.setAttribute('aria-selected', i === index ? 'true' : 'false');
      button.tabIndex = i === index ? 0 : -1;
    });
    panel.setAttribute('aria-labelledby', buttons[index]!.id);
    panel.replaceChildren(perspectiveContent(doc, perspectives, ROLES[index]!.id));
  };
  const pick = (index: number): void => {
    select(index);
    choice.onSelect(ROLES[index]!.id);
  };
  buttons.forEach((button, index) => {
    button.addEventListener('click', () => pick(index));
    button.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (step === 0) return;
      const next = (index + step + buttons.length) % buttons.length;
      pick(next);
      buttons[next]!.focus();
    });
  });
  tabs.append(...buttons);
  select(first);
  section.append(tabs, panel);
  return section;
}

function perspectiveContent(doc: Document, p: Perspectives, role: Role): HTMLElement {
  const question = ROLES.find((r) => r.id === role)!.question;
  const box = h(
    doc,
    'div',
    {},
    h(doc, 'p', { class: 'question' }, question),
    h(doc, 'p', {}, p.summary[role]),
  );
  const items =
    role === 'user'
      ? p.user.map((u) => u.text)
      : role === 'admin'
        ? p.admin.map((a) => a.text)
        : p.auditor.map((a) => a.text);
  if (items.length === 0) {
    box.appendChild(
      h(doc, 'p', { class: 'muted' }, role === 'admin' ? 'Nothing is open at this moment.' : 'No requests.'),
    );
  } else box.appendChild(h(doc, 'ul', {}, ...items.map((text) => h(doc, 'li', {}, text))));
  return box;
}

function badges(doc: Document, words: IscWords): HTMLElement {
  const list = h(doc, 'span', { class: 'badges' });
  const add = (label: string, value: string | undefined): void => {
    if (value) list.appendChild(h(doc, 'span', { class: 'badge', title: label }, value));
  };
  add('item provisioningStatus', words.provisioningStatus);
  add("admin UI label (the model's pairing with provisioningStatus)", words.uiLabel);
  add('account activity executionStatus', words.executionStatus);
  add('account activity completionStatus', words.completionStatus);
  add('work item state', words.workItemState);
  add(
    'ticket status',
    words.ticketStatus ? `${words.ticketStatus}${words.mappedTo ? ` → ${words.mappedTo}` : ''}` : undefined,
  );
  return list;
}

/** The representative run's events with ISC's own words. */
export function renderEvents(doc: Document, events: readonly DryRunEvent[]): HTMLElement {
  const table = h(
    doc,
    'table',
    { class: 'events' },
    h(doc, 'caption', {}, 'Representative run: what ISC shows, in its own words'),
  );
  table.appendChild(columnHeads(doc, 'Time', 'Request', 'ISC shows', 'What happens'));
  const body = h(doc, 'tbody');
  for (const event of events) {
    body.appendChild(
      h(
        doc,
        'tr',
        { 'data-testid': 'event', 'data-kind': event.kind },
        h(doc, 'td', { title: event.at }, `+${humanDuration(event.minutes)}`),
        h(
          doc,
          'td',
          {},
          `${requestNumber(event.requestIndex)}${event.part ? ' permissions' : ''}${event.attempt ? ` (attempt ${event.attempt})` : ''}`,
        ),
        h(doc, 'td', {}, badges(doc, event.words)),
        h(doc, 'td', {}, event.text),
      ),
    );
  }
  table.appendChild(body);
  return table;
}

/** Each scenario beside the baseline (same seed). */
export function renderScenarios(doc: Document, sim: SimulationResult): HTMLElement {
  const section = h(doc, 'section', { class: 'scenarios' });
  for (const scenario of sim.scenarios) {
    const table = h(
      doc,
      'table',
      {},
      h(doc, 'caption', {}, icon(doc, 'beaker'), ` What if ${scenario.spec}`),
    );
    table.appendChild(
      columnHeads(
        doc,
        '#',
        'Committed: baseline → scenario',
        'Verified: baseline → scenario',
        'Failed or stalled',
      ),
    );
    const body = h(doc, 'tbody');
    scenario.requests.forEach((r, i) => {
      const base = sim.requests[i]!;
      const risk = (o: typeof r.outcomes): string => (o ? shareText(o.failed + o.stalled) : '—');
      body.appendChild(
        h(
          doc,
          'tr',
          { 'data-testid': 'scenario-row' },
          h(doc, 'td', {}, requestNumber(r.index)),
          h(
            doc,
            'td',
            {},
            `${milestoneText(base.milestones.committed)} → ${milestoneText(r.milestones.committed)}`,
          ),
          h(
            doc,
            'td',
            {},
            `${milestoneText(base.milestones.verified)} → ${milestoneText(r.milestones.verified)}`,
          ),
          h(doc, 'td', {}, `${risk(base.outcomes)} → ${risk(r.outcomes)}`),
        ),
      );
    });
    table.appendChild(body);
    section.appendChild(table);
  }
  return section;
}
