import * as assert from 'node:assert/strict';
import {
  parseScenario,
  parseScenarios,
  scenarioNames,
} from '../../../../server/src/service/prediction/scenarios';
import { simulatePlan } from '../../../../server/src/service/prediction/simulate';
import type { Scenario } from '../../../../server/src/service/prediction/input/predictionInput';
import type { RequestPrediction } from '../../../../shared/prediction';
import { catalog, connectorRequest, input, manualRequest, sdim, source, ticketRequest } from './fixtures';

const ad = source('Active Directory', {
  id: 'ad-id',
  connectorAttributes: { retryableErrors: ['timed out'] },
});
const files = source('Files: Share', { timing: { connector: { failureRate: 0 } } });
const payroll = source('Payroll', { features: [], owner: { name: 'payroll.admin' } });
const hr = source('HR Portal');
const snow = sdim('ServiceNow SDIM', { managedSources: ['HR Portal'] });
const merged = catalog({ sources: [ad, files, payroll, hr], integrations: [snow], timeZone: 'UTC' });
const requests = [
  connectorRequest(0, ad),
  connectorRequest(1, files),
  manualRequest(2, payroll),
  ticketRequest(3, hr, snow),
];
const plan = input(requests, merged);

function parsed(spec: string): Scenario {
  const result = parseScenario(spec, scenarioNames(plan), plan);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.scenario;
}

function failure(spec: string): string {
  const result = parseScenario(spec, scenarioNames(plan), plan);
  assert.ok(!result.ok);
  return result.message;
}

function withScenario(spec: string): [RequestPrediction[], RequestPrediction[]] {
  const result = simulatePlan(plan, { scenarios: [parsed(spec)] });
  return [result.requests, result.scenarios[0]!.requests];
}

suite('prediction/scenarios', () => {
  test('parses each kind, splitting on the last colon so names may hold colons and spaces', () => {
    assert.deepEqual(parsed('outage:Active Directory:4'), {
      kind: 'outage',
      source: 'Active Directory',
      hours: 4,
      spec: 'outage:Active Directory:4',
    });
    assert.deepEqual(parsed('failure:Files: Share:0.25'), {
      kind: 'failure',
      source: 'Files: Share',
      rate: 0.25,
      spec: 'failure:Files: Share:0.25',
    });
    assert.deepEqual(parsed('away:payroll.admin:2.5'), {
      kind: 'away',
      owner: 'payroll.admin',
      days: 2.5,
      spec: 'away:payroll.admin:2.5',
    });
    assert.deepEqual(parsed('backlog:servicenow sdim:3'), {
      kind: 'backlog',
      integration: 'ServiceNow SDIM',
      factor: 3,
      spec: 'backlog:servicenow sdim:3',
    });
    assert.equal((parsed('failure:Active Directory:30%') as { rate: number }).rate, 0.3);
    assert.equal((parsed('outage:ad-id:1') as { source: string }).source, 'Active Directory');
  });

  test('explains what is expected and names the closest known name', () => {
    assert.match(failure('storm:AD:3'), /one of outage, away, backlog or failure/);
    assert.match(
      failure('outage:Active Directory'),
      /expected outage:SOURCE:HOURS, e\.g\. outage:Active Directory:4/,
    );
    assert.match(
      failure('outage:Active Directory:soon'),
      /HOURS must be a number of hours greater than 0, not "soon"/,
    );
    assert.match(failure('failure:Active Directory:1.5'), /RATE must be a share from 0 to 1/);
    assert.match(failure('backlog:ServiceNow SDIM:0'), /FACTOR must be a factor greater than 0/);
    assert.match(
      failure('outage:Activ Directory:4'),
      /no source named "Activ Directory"\. Did you mean "Active Directory"\?/,
    );
    assert.match(
      failure('away:payrol.admin:3'),
      /no source owner named "payrol\.admin"\. Did you mean "payroll\.admin"\?/,
    );
    assert.equal(
      failure('backlog:Jira:2'),
      'Scenario "backlog:Jira:2": no service desk integration named "Jira". Known: "ServiceNow SDIM".',
    );
    assert.match(
      failure('backlog:ServiceNow SDM:2'),
      /no service desk integration named "ServiceNow SDM"\. Did you mean "ServiceNow SDIM"\?/,
    );
    const { scenarios, errors } = parseScenarios(['outage:Active Directory:1', 'away:nobody:1'], plan);
    assert.equal(scenarios.length, 1);
    assert.equal(errors.length, 1);
  });

  test('outage: delays a source with retryableErrors and fails one without', () => {
    const [base, outage] = withScenario('outage:Active Directory:1.5');
    assert.ok(outage[0]!.milestones.committed!.p50Minutes > 90);
    assert.ok(outage[0]!.milestones.committed!.p50Minutes > base[0]!.milestones.committed!.p50Minutes);
    assert.deepEqual(outage.slice(1), base.slice(1));
    const [, down] = withScenario('outage:Files: Share:2');
    assert.equal(down[1]!.outcomes!.failed, 1);
    assert.ok(down[1]!.assumptions.some((a) => a.includes('not retried, since it lists no retryableErrors')));
  });

  test("away: delays that owner's tasks only", () => {
    const [base, away] = withScenario('away:payroll.admin:5');
    assert.ok(away[2]!.milestones.committed!.p50Minutes >= 5 * 24 * 60);
    assert.ok(away[2]!.milestones.committed!.p50Minutes > base[2]!.milestones.committed!.p50Minutes);
    assert.deepEqual(away[0]!.milestones, base[0]!.milestones);
    assert.deepEqual(away[3]!.milestones, base[3]!.milestones);
  });

  test('backlog: delays tickets and stalls more of them', () => {
    const [base, backlog] = withScenario('backlog:ServiceNow SDIM:4');
    assert.ok(backlog[3]!.milestones.committed!.p50Minutes > base[3]!.milestones.committed!.p50Minutes);
    assert.ok(backlog[3]!.outcomes!.stalled > base[3]!.outcomes!.stalled);
    assert.deepEqual(backlog[2]!.milestones, base[2]!.milestones);
  });

  test('failure: raises the failed share of that source', () => {
    const [base, failing] = withScenario('failure:Files: Share:0.4');
    assert.equal(base[1]!.outcomes!.failed, 0);
    assert.ok(Math.abs(failing[1]!.outcomes!.failed - 0.4) < 0.08);
    assert.ok(!failing[1]!.assumptions.some((a) => a.startsWith('No failure rate')));
    assert.deepEqual(failing[0]!.outcomes, base[0]!.outcomes);
  });
});
