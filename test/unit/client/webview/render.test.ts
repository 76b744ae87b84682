import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import type { DryRunModel } from '../../../../shared/dryRun';
import type { ViewActions } from '../../../../client/src/webview/render';
import type { DryRunOptions } from '../../../../shared/webviewMessages';
import { renderModel } from '../../../../client/src/webview/render';
import type { PerspectiveRole } from '../../../../client/src/webview/sections';
import { dryRunFile } from '../../../../server/src/service/features/reports/dryRunFile';
import { CATALOG, ROOT, serviceFor } from '../../helpers';
import * as path from 'path';
import { MILESTONE_MEANINGS, OUTCOME_MEANINGS, outcomesText } from '../../../../shared/format';

const OPTIONS = { runs: 50, seed: 1, moment: null, scenarios: [] };

/** View actions that do nothing but remember the perspectives the user picked. */
function quietActions(selected: PerspectiveRole = 'user'): ViewActions & { picked: PerspectiveRole[] } {
  const picked: PerspectiveRole[] = [];
  return {
    setOptions: () => undefined,
    exportReport: () => undefined,
    reveal: () => undefined,
    perspective: { selected, onSelect: (role) => picked.push(role) },
    picked,
  };
}

const HOSTILE = `<script>alert("x")</script> "quoted" & </div><img src=x onerror=alert(1)>`;

function hostileModel(): DryRunModel {
  const catalog = CATALOG.replace('- name: Payroll', `- name: '${HOSTILE.replace(/'/g, "''")}'`).replace(
    'owner: { name: payroll.admin }',
    `owner: { name: '${HOSTILE.replace(/'/g, "''")}' }`,
  );
  const plan = `kind: ProvisioningPlan\nname: '${HOSTILE.replace(/'/g, "''")}'\nidentity: { name: jane }\naccountRequests:\n  - source: '${HOSTILE.replace(/'/g, "''")}'\n    operation: Create\n  - source: Active Directory\n    operation: Modify\n    nativeIdentity: '${HOSTILE.replace(/'/g, "''")}'\n`;
  const service = serviceFor({ 'acme.sources.yaml': catalog, 'x.plan.yaml': plan });
  const file = service.open(path.join(ROOT, 'x.plan.yaml'), plan)!;
  const { plans, scenarioErrors, scenarioWarnings } = dryRunFile(service, file, {
    submittedAt: Date.parse('2026-11-25T09:00:00Z'),
    runs: 50,
    seed: 1,
    scenarios: [],
  });
  return {
    uri: 'file:///x.plan.yaml',
    fileName: HOSTILE,
    at: '2026-11-25T09:00:00.000Z',
    timeZone: null,
    runs: 50,
    seed: 1,
    scenarios: [],
    plans,
    errors: 0,
    scenarioErrors,
    scenarioWarnings,
    requestPositions: [[]],
  };
}

/** The view's model of a small plan: a connector Modify, a Lock (nothing happens) and Payroll's work item. */
function helpModel(scenarios: string[] = []): DryRunModel {
  const plan = `kind: ProvisioningPlan\nname: Help\nidentity: { name: jane }\naccountRequests:\n  - source: Active Directory\n    operation: Modify\n    nativeIdentity: CN=Jane\n  - source: Active Directory\n    operation: Lock\n    nativeIdentity: CN=Jane\n  - source: Payroll\n    operation: Create\n`;
  const service = serviceFor({ 'acme.sources.yaml': CATALOG, 'h.plan.yaml': plan });
  const file = service.open(path.join(ROOT, 'h.plan.yaml'), plan)!;
  const { plans, scenarioErrors, scenarioWarnings } = dryRunFile(service, file, {
    submittedAt: Date.parse('2026-11-25T09:00:00Z'),
    runs: 50,
    seed: 1,
    scenarios,
  });
  return {
    uri: 'file:///h.plan.yaml',
    fileName: 'h.plan.yaml',
    at: '2026-11-25T09:00:00.000Z',
    timeZone: null,
    runs: 50,
    seed: 1,
    scenarios,
    plans,
    errors: 0,
    scenarioErrors,
    scenarioWarnings,
    requestPositions: [[]],
  };
}

suite('dry-run view rendering', () => {
  test('names with <script>, quotes, & and </div> render as text, never as HTML', () => {
    const dom = new JSDOM('<!DOCTYPE html><main id="app"></main>');
    const doc = dom.window.document;
    const model = hostileModel();
    const root = renderModel(doc, model, OPTIONS, quietActions(), null);
    doc.getElementById('app')!.appendChild(root);
    assert.equal(doc.querySelectorAll('script').length, 0, 'no script element came from plan text');
    assert.equal(doc.querySelectorAll('img').length, 0, 'no img element came from plan text');
    const text = root.textContent ?? '';
    assert.ok(text.includes(HOSTILE), 'the hostile name is shown literally');
    assert.ok(
      root.innerHTML.includes('&lt;script&gt;alert("x")&lt;/script&gt;'),
      'it is escaped in the markup',
    );
    const rows = [...doc.querySelectorAll('[data-testid="request-row"]')];
    assert.deepEqual(
      rows.map((r) => r.getAttribute('data-channel')),
      ['manual', 'connector'],
    );
    assert.equal(doc.querySelectorAll('[data-testid="summary"]').length, 1);
    assert.ok(doc.querySelectorAll('[data-testid="event"]').length > 0);
  });

  test('each plan shows its account activity first, before the summary and the requests', () => {
    const dom = new JSDOM('<!DOCTYPE html><main id="app"></main>');
    const doc = dom.window.document;
    const root = renderModel(doc, hostileModel(), OPTIONS, quietActions(), null);
    const section = root.querySelector('section.plan')!;
    const activity = section.querySelector('[data-testid="activity"]')!;
    assert.match(
      activity.textContent ?? '',
      /^Account activity: COMPLETED.* (SUCCESS|INCOMPLETE|FAILURE|PENDING) \d+ %/,
    );
    const order = [
      ...section.querySelectorAll(
        '[data-testid="activity"], [data-testid="summary"], [data-testid="request-row"]',
      ),
    ];
    assert.equal(order[0], activity);
  });

  test('a legend names each milestone colour and says how to read a bar', () => {
    const doc = new JSDOM('<!DOCTYPE html><main id="app"></main>').window.document;
    const root = renderModel(doc, helpModel(), OPTIONS, quietActions(), null);
    const legend = root.querySelector('[data-testid="legend"]')!;
    const items = [...legend.querySelectorAll('li')];
    assert.deepEqual(
      items.map((li) => [li.textContent?.trim(), li.getAttribute('title')]),
      ['approved', 'started', 'committed', 'verified'].map((m) => [m, MILESTONE_MEANINGS[m]]),
    );
    assert.deepEqual(
      items.map((li) => li.querySelector('line')!.getAttribute('class')),
      ['range approved', 'range started', 'range committed', 'range verified'],
    );
    assert.match(
      legend.textContent ?? '',
      /Dot: the median time from submission; line: to the 90th percentile/,
    );
  });

  test('each outcome word explains itself on hover; the cell reads as outcomesText', () => {
    const doc = new JSDOM('<!DOCTYPE html><main id="app"></main>').window.document;
    const model = helpModel();
    const root = renderModel(doc, model, OPTIONS, quietActions(), null);
    const cells = [...root.querySelectorAll('tr[data-testid="request-row"] td.outcomes')];
    const requests = model.plans[0]!.simulation.requests;
    assert.deepEqual(
      cells.map((cell) => cell.textContent),
      requests.map((r) => outcomesText(r.outcomes)),
    );
    const lock = [...cells[1]!.querySelectorAll('span.outcome')];
    assert.deepEqual(
      lock.map((span) => [span.textContent, span.getAttribute('title')]),
      [['not-fulfilled 100 %', OUTCOME_MEANINGS['not-fulfilled']]],
    );
    for (const span of root.querySelectorAll('span.outcome')) {
      const word = span.textContent.replace(/ [<\d].*$/, '');
      assert.equal(span.getAttribute('title'), OUTCOME_MEANINGS[word], word);
    }
  });

  test('the Moment field says what it sets; the summary says what is at risk, of how many, and why', () => {
    const doc = new JSDOM('<!DOCTYPE html><main id="app"></main>').window.document;
    const root = renderModel(doc, helpModel(), OPTIONS, quietActions(), null);
    assert.equal(
      root.querySelector('#moment')!.getAttribute('title'),
      'Hours after submission at which the User, Admin and Auditor tabs answer; empty: when the first request is verified.',
    );
    const summary = root.querySelector('[data-testid="summary"]')!.textContent ?? '';
    assert.match(summary, /^3 requests: 1 connector · 1 manual · 0 ticket · 1 nothing \(ISC does not act\)/);
    assert.match(
      summary,
      / · 3 of 3 may end without a verified change \(failed, stalled, drift, unverifiable or not fulfilled in over 1 % of runs\)/,
    );
  });

  test('a scenario that cannot change anything is shown with why, as the CLI warns', () => {
    const doc = new JSDOM('<!DOCTYPE html><main id="app"></main>').window.document;
    const model = helpModel(['failure:Payroll:0.5']);
    assert.equal(model.scenarioWarnings.length, 1);
    const root = renderModel(doc, model, OPTIONS, quietActions(), null);
    const shown = [...root.querySelectorAll('[data-testid="scenario-warning"]')].map((p) =>
      p.textContent?.trim(),
    );
    assert.deepEqual(shown, model.scenarioWarnings);
    assert.match(shown[0]!, /Payroll/);
    const plain = renderModel(doc, helpModel(), OPTIONS, quietActions(), null);
    assert.equal(plain.querySelectorAll('[data-testid="scenario-warning"]').length, 0);
  });

  test('the Scenario field takes names with spaces: scenarios are separated by ";"', () => {
    const doc = new JSDOM('<!DOCTYPE html><main id="app"></main>').window.document;
    const chosen: DryRunOptions[] = [];
    const actions = { ...quietActions(), setOptions: (options: DryRunOptions) => chosen.push(options) };
    const root = renderModel(doc, helpModel(), OPTIONS, actions, null);
    doc.getElementById('app')!.appendChild(root);
    const field = root.querySelector<HTMLInputElement>('#scenario')!;
    field.value = ' outage:Active Directory:8 ;away:payroll.admin:2; ';
    root.querySelector('form')!.dispatchEvent(new doc.defaultView!.Event('submit', { cancelable: true }));
    assert.deepEqual(
      chosen.map((o) => o.scenarios),
      [['outage:Active Directory:8', 'away:payroll.admin:2']],
    );
    const again = renderModel(doc, helpModel(), chosen[0]!, quietActions(), null);
    assert.equal(
      again.querySelector<HTMLInputElement>('#scenario')!.value,
      'outage:Active Directory:8; away:payroll.admin:2',
    );
  });

  test('the perspective tabs switch with the arrow keys and tell the view which one is picked', () => {
    const dom = new JSDOM('<!DOCTYPE html><main id="app"></main>');
    const doc = dom.window.document;
    const actions = quietActions();
    const root = renderModel(doc, hostileModel(), OPTIONS, actions, null);
    doc.body.appendChild(root);
    const user = doc.querySelector<HTMLElement>('[data-testid="tab-user"]')!;
    assert.equal(user.getAttribute('aria-selected'), 'true');
    user.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: 'ArrowRight' }));
    assert.equal(doc.querySelector('[data-testid="tab-admin"]')!.getAttribute('aria-selected'), 'true');
    assert.equal(user.getAttribute('aria-selected'), 'false');
    assert.match(doc.querySelector('[data-testid="perspective"]')!.textContent ?? '', /What is pending/);
    doc
      .querySelector('[data-testid="tab-auditor"]')!
      .dispatchEvent(new dom.window.MouseEvent('click', { bubbles: true }));
    assert.deepEqual(actions.picked, ['admin', 'auditor']);
  });

  test('a redraw opens the perspective picked before, and the moment reads as a UTC minute', () => {
    const dom = new JSDOM('<!DOCTYPE html><main id="app"></main>');
    const doc = dom.window.document;
    doc.body.appendChild(renderModel(doc, hostileModel(), OPTIONS, quietActions('auditor'), null));
    const selected = [...doc.querySelectorAll('[role="tab"][aria-selected="true"]')].map((t) => t.id);
    assert.deepEqual(selected, ['tab-auditor']);
    assert.equal(doc.querySelector('[data-testid="tab-auditor"]')!.getAttribute('tabindex'), '0');
    assert.equal(doc.querySelector('[role="tabpanel"]')!.getAttribute('aria-labelledby'), 'tab-auditor');
    assert.match(
      doc.querySelector('[data-testid="perspective"]')!.textContent ?? '',
      /who declared completion/,
    );
    const heading = doc.querySelector('.perspectives h3')!.textContent ?? '';
    assert.match(heading, /^At \+[^(]+ \(2026-11-\d\d \d\d:\d\d UTC\), /);
  });
});
