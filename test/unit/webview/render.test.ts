import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import type { DryRunModel } from '../../../shared/dryRun';
import { renderModel } from '../../../client/src/webview/render';
import { dryRunFile } from '../../../server/src/service/features/dryRun';
import { CATALOG, ROOT, serviceFor } from '../helpers';
import * as path from 'path';

const HOSTILE = `<script>alert("x")</script> "quoted" & </div><img src=x onerror=alert(1)>`;

function hostileModel(): DryRunModel {
  const catalog = CATALOG.replace('- name: Payroll', `- name: '${HOSTILE.replace(/'/g, "''")}'`).replace(
    'owner: { name: payroll.admin }',
    `owner: { name: '${HOSTILE.replace(/'/g, "''")}' }`,
  );
  const plan = `kind: ProvisioningPlan\nname: '${HOSTILE.replace(/'/g, "''")}'\nidentity: { name: jane }\naccountRequests:\n  - source: '${HOSTILE.replace(/'/g, "''")}'\n    operation: Create\n  - source: Active Directory\n    operation: Modify\n    nativeIdentity: '${HOSTILE.replace(/'/g, "''")}'\n`;
  const service = serviceFor({ 'acme.sources.yaml': catalog, 'x.plan.yaml': plan });
  const file = service.open(path.join(ROOT, 'x.plan.yaml'), plan)!;
  const { plans, scenarioErrors } = dryRunFile(service, file, {
    submittedAt: Date.parse('2026-11-25T09:00:00Z'),
    runs: 50,
    seed: 1,
    scenarios: [],
  });
  return {
    uri: 'file:///x.plan.yaml',
    fileName: HOSTILE,
    at: '2026-11-25T09:00:00.000Z',
    runs: 50,
    seed: 1,
    scenarios: [],
    plans,
    errors: 0,
    scenarioErrors,
    requestPositions: [[]],
  };
}

suite('dry-run view rendering', () => {
  test('names with <script>, quotes, & and </div> render as text, never as HTML', () => {
    const dom = new JSDOM('<!DOCTYPE html><main id="app"></main>');
    const doc = dom.window.document;
    const model = hostileModel();
    const actions = { setOptions: () => undefined, exportReport: () => undefined, reveal: () => undefined };
    const root = renderModel(doc, model, { runs: 50, seed: 1, moment: null, scenarios: [] }, actions, null);
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

  test('the perspective tabs switch with the arrow keys', () => {
    const dom = new JSDOM('<!DOCTYPE html><main id="app"></main>');
    const doc = dom.window.document;
    const root = renderModel(
      doc,
      hostileModel(),
      { runs: 50, seed: 1, moment: null, scenarios: [] },
      { setOptions: () => undefined, exportReport: () => undefined, reveal: () => undefined },
      null,
    );
    doc.body.appendChild(root);
    const user = doc.querySelector<HTMLElement>('[data-testid="tab-user"]')!;
    assert.equal(user.getAttribute('aria-selected'), 'true');
    user.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: 'ArrowRight' }));
    assert.equal(doc.querySelector('[data-testid="tab-admin"]')!.getAttribute('aria-selected'), 'true');
    assert.equal(user.getAttribute('aria-selected'), 'false');
    assert.match(doc.querySelector('[data-testid="perspective"]')!.textContent ?? '', /What is pending/);
  });
});
