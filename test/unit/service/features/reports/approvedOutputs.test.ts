/** The `approved` milestone in every output that shows milestones: text, Markdown, hover, the view. */
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { JSDOM } from 'jsdom';
import { dryRunFile } from '../../../../../server/src/service/features/reports/dryRunFile';
import {
  predictionMarkdown,
  predictionText,
} from '../../../../../server/src/service/features/reports/predictionReport';
import { predictionMarkdown as hoverMarkdown } from '../../../../../server/src/service/features/hover/predictionMarkdown';
import { milestoneBars } from '../../../../../client/src/webview/timeline';
import type { DryRunPlan } from '../../../../../shared/dryRun';
import { CATALOG, ROOT, serviceFor } from '../../../helpers';

const ORIGIN =
  'origin:\n  type: accessRequest\n  approvals:\n    - { approver: manager, hours: { p50: 4, p90: 4 } }\n';

function dryRun(header: string): DryRunPlan {
  const plan = `kind: ProvisioningPlan\nidentity: { name: jane }\n${header}accountRequests:\n  - { source: Active Directory, operation: Create }\n`;
  const service = serviceFor({ 'acme.sources.yaml': CATALOG, 'x.plan.yaml': plan });
  const file = service.open(path.join(ROOT, 'x.plan.yaml'), plan)!;
  // Friday 27 November 2026, 18:30 in Berlin (the catalog's zone): the manager approves on Monday at 13:00.
  const options = { submittedAt: Date.parse('2026-11-27T17:30:00Z'), runs: 50, seed: 1, scenarios: [] };
  return dryRunFile(service, file, options).plans[0]!;
}

const HEADER = { file: 'x.plan.yaml', at: '2026-11-27T17:30:00.000Z', runs: 50, seed: 1 };

suite('outputs: the approved milestone', () => {
  test('text and Markdown reports show approved first when the plan has approvals, and not otherwise', () => {
    const withApprovals = dryRun(ORIGIN);
    const report = {
      document: 0,
      name: null,
      requests: withApprovals.simulation.requests,
      activity: withApprovals.simulation.activity,
    };
    const text = predictionText(HEADER, [report]);
    assert.match(text, /\n {3}approved ~2\.8 d · started ~2\.8 d \(p90 2\.8 d\) · committed/);
    const markdown = predictionMarkdown(HEADER, [report]);
    assert.ok(
      markdown.includes('| # | request | channel | approved | started | committed | verified | outcomes |'),
    );
    const plain = dryRun('');
    const plainText = predictionText(HEADER, [
      { document: 0, name: null, requests: plain.simulation.requests, activity: plain.simulation.activity },
    ]);
    assert.ok(!plainText.includes('approved'), plainText);
    assert.ok(plainText.includes('The plan names no origin: the prediction starts at the submission'));
  });

  test('the hover table has an approved column; the view draws an approved bar', () => {
    const prediction = dryRun(ORIGIN).simulation.requests[0]!;
    const decision = {
      channel: prediction.channel,
      target: prediction.target,
      reasons: [],
      missingFeatures: [],
      declaredOnly: false,
      parts: [],
    };
    const hover = hoverMarkdown(decision, prediction);
    assert.ok(hover.includes('| approved | started | committed | verified |'), hover);
    const doc = new JSDOM('<!DOCTYPE html><main></main>').window.document;
    const bars = milestoneBars(doc, prediction.milestones);
    assert.equal(bars.getAttribute('viewBox'), '0 0 1000 40');
    assert.ok(bars.classList.contains('approvals'));
    assert.equal(bars.querySelectorAll('rect.mark.approved').length, 1);
    assert.match(bars.getAttribute('aria-label') ?? '', /^approved about 2\.8 d/);
  });
});
