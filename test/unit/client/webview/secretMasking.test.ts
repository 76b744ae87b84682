import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import * as path from 'path';
import type { DryRunModel } from '../../../../shared/dryRun';
import { renderModel } from '../../../../client/src/webview/render';
import { dryRunFile } from '../../../../server/src/service/features/reports/dryRunFile';
import {
  predictionJson,
  predictionMarkdown,
} from '../../../../server/src/service/features/reports/predictionReport';
import { CATALOG, ROOT, serviceFor } from '../../helpers';

const PLAN = `kind: ProvisioningPlan
name: Jane resets her password
identity: { name: jane.doe }
accountRequests:
  - source: Active Directory
    operation: Modify
    nativeIdentity: CN=Jane
    attributeRequests:
      - { name: password, operation: Set, value: Winter-Kennwort-7731 }
`;

function model(): DryRunModel {
  const service = serviceFor({ 'acme.sources.yaml': CATALOG });
  const file = service.open(path.join(ROOT, 'p.plan.yaml'), PLAN)!;
  const { plans, scenarioErrors } = dryRunFile(service, file, {
    submittedAt: Date.parse('2026-11-25T09:00:00Z'),
    runs: 50,
    seed: 1,
    scenarios: [],
  });
  const at = '2026-11-25T09:00:00.000Z';
  const common = {
    uri: 'file:///p.plan.yaml',
    fileName: 'p.plan.yaml',
    at,
    runs: 50,
    seed: 1,
    scenarios: [],
  };
  return {
    ...common,
    timeZone: null,
    plans,
    errors: 0,
    scenarioErrors,
    scenarioWarnings: [],
    requestPositions: [[]],
  };
}

suite('dry-run view and its exported report: a password is shown as ********', () => {
  test('the model the view receives carries ******** and never the password', () => {
    const built = model();
    const attributes = built.plans[0]!.simulation.trigger.payload.accountRequests[0]!.attributeRequests;
    assert.deepEqual(attributes, [
      { attributeName: 'password', attributeValue: '********', operation: 'Set' },
    ]);
    assert.doesNotMatch(JSON.stringify(built), /Kennwort/);
  });

  test('the rendered view does not contain the password', () => {
    const dom = new JSDOM('<!DOCTYPE html><main id="app"></main>');
    const actions = {
      setOptions: () => undefined,
      exportReport: () => undefined,
      reveal: () => undefined,
      perspective: { selected: 'user' as const, onSelect: () => undefined },
    };
    const options = { runs: 50, seed: 1, moment: null, scenarios: [] };
    const root = renderModel(dom.window.document, model(), options, actions, null);
    assert.ok((root.textContent ?? '').includes('Jane resets her password'), 'the view rendered the plan');
    assert.doesNotMatch(root.outerHTML, /Kennwort/);
  });

  test('the report the view exports (JSON and Markdown, as iscPlan/dryRunReport builds it)', () => {
    const built = model();
    const header = { file: built.fileName, at: built.at, runs: built.runs, seed: built.seed };
    const plans = built.plans.map((p) => ({
      document: p.document,
      name: p.name,
      requests: p.simulation.requests,
      activity: p.simulation.activity,
      simulation: p.simulation,
    }));
    const json = JSON.stringify(predictionJson(header, plans), null, 2);
    assert.match(json, /"attributeValue": "\*{8}"/);
    assert.doesNotMatch(json + predictionMarkdown(header, plans), /Kennwort/);
  });
});
