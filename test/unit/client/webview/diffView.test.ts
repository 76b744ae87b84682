import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { JSDOM } from 'jsdom';
import { renderDiff } from '../../../../client/src/webview/diffView';
import type { DiffReport } from '../../../../shared/diff';
import { parseHostMessage } from '../../../../shared/webviewMessages';
import { diffPlans } from '../../../../server/src/service/diff/diffPlans';
import { PlanService } from '../../../../server/src/service/planService';
import { CATALOG, ROOT, memoryHost } from '../../helpers';

const HOSTILE = `<img src=x onerror=alert(1)>`;
const PLAN = `kind: ProvisioningPlan\nname: '${HOSTILE}'\nidentity: { name: jane }\naccountRequests:\n  - source: Payroll\n    operation: Create\n  - source: Active Directory\n    operation: Modify\n    nativeIdentity: CN=Jane\n`;

/** The plan under the test catalog, and under one where an SDIM manages Payroll. */
function report(): DiffReport {
  const managed = CATALOG.replace('managedSources: [HR Portal]', 'managedSources: [HR Portal, Payroll]');
  assert.notEqual(managed, CATALOG, 'the test catalog has the ServiceNow SDIM');
  const side = (catalog: string, label: string) => {
    const host = memoryHost({ 'acme.sources.yaml': catalog, 'x.plan.yaml': PLAN });
    return { service: new PlanService(host, { root: ROOT }), host, label };
  };
  return diffPlans(
    side(CATALOG, 'HEAD (abc)'),
    side(managed, 'the editor'),
    [{ path: path.join(ROOT, 'x.plan.yaml'), shown: path.join(ROOT, 'x.plan.yaml'), text: PLAN }],
    { submittedAt: Date.parse('2026-11-30T08:00:00Z'), runs: 50, seed: 1, threshold: 0.1, gates: [] },
  );
}

suite('dry-run view: a catalog compared with HEAD', () => {
  test('the view accepts the diff message and shows each changed request, as text only', () => {
    const diff = report();
    assert.deepEqual(
      diff.plans.flatMap((p) =>
        p.requests.map((r) => `#${r.index + 1} ${r.base.channel} → ${r.head.channel}`),
      ),
      ['#1 manual → ticketing'],
    );
    const message = parseHostMessage(JSON.parse(JSON.stringify({ type: 'diff', report: diff })));
    assert.equal(message?.type, 'diff');
    const { window } = new JSDOM('<!DOCTYPE html><body></body>');
    const view = renderDiff(window.document, diff);
    window.document.body.append(view);
    assert.equal(view.querySelector('h1')?.textContent, 'Compare: HEAD (abc) → the editor');
    const rows = [...view.querySelectorAll('[data-testid="diff-request"]')].map((row) =>
      [...row.querySelectorAll('td')].slice(0, 2).map((cell) => cell.textContent),
    );
    assert.deepEqual(rows, [
      ['#1 Payroll Create', 'now ticketing → ServiceNow SDIM (was manual → payroll.admin)'],
    ]);
    assert.match(
      view.querySelector('h2')?.textContent ?? '',
      /x\.plan\.yaml · <img src=x onerror=alert\(1\)>/,
    );
    assert.equal(window.document.querySelectorAll('img').length, 0);
  });

  test('a diff message of the wrong shape is dropped', () => {
    assert.equal(parseHostMessage({ type: 'diff', report: { base: 'x' } }), undefined);
    assert.equal(parseHostMessage({ type: 'diff', report: report(), extra: 1 }), undefined);
  });
});
