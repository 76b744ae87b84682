import * as assert from 'node:assert/strict';
import { predictPlan } from '../../../../../server/src/service/prediction/predict';
import { monthSpan } from '../../../../../server/src/service/prediction/parameters/learnedParameters';
import { predictionMarkdown } from '../../../../../server/src/service/features/hover/predictionMarkdown';
import { catalog, connectorRequest, input, manualRequest, source } from '../fixtures';

const LEARNED = { activities: 3409, from: '2026-08-03', to: '2026-12-01' };

suite('prediction/parameters: figures learned from the history say so, and are no assumption', () => {
  test('a connector with learned time until visible and failure rate: one "learned" line, four assumptions fewer', () => {
    const plain = source('Salesforce', { aggregation: { schedule: '0 0 6 * * ?', durationMinutes: 20 } });
    const learned = source('Salesforce', {
      aggregation: { schedule: '0 0 6 * * ?', durationMinutes: 20 },
      timing: {
        learned: {
          ...LEARNED,
          fields: ['queueMinutes', 'executeSeconds', 'visibilityMinutes', 'failureRate'],
        },
        connector: {
          queueMinutes: { p50: 31.6, p90: 198 },
          executeSeconds: { p50: 0, p90: 0 },
          visibilityMinutes: { p50: 0, p90: 0 },
          failureRate: 0.0916,
        },
      },
    });
    const [before] = predictPlan(
      input([connectorRequest(0, plain)], catalog({ sources: [plain], timeZone: 'UTC' })),
    );
    const [after] = predictPlan(
      input([connectorRequest(0, learned)], catalog({ sources: [learned], timeZone: 'UTC' })),
    );
    assert.equal(before!.learned, undefined);
    assert.deepEqual(after!.learned, [
      'Salesforce: time until visible (queue, execution and replication together), failure rate learned from 3,409 activities (Aug–Dec 2026) by isc-plan calibrate.',
    ]);
    const gone = before!.assumptions.filter((a) => !after!.assumptions.includes(a));
    assert.deepEqual(
      gone.map((a) => a.slice(0, 30)),
      [
        'No queue time for Salesforce: ',
        'No execution time for Salesfor',
        'No failure rate for Salesforce',
        'No visibility delay for Salesf',
      ],
    );
    assert.match(
      predictionMarkdown(connectorRequest(0, learned).decision, after),
      /\n_Learned:_\n- Salesforce: time until visible/,
    );
  });

  test('a work item names only the manual figures learned; a ticketing unit none', () => {
    const payroll = source('Payroll', {
      owner: { name: 'payroll.admin' },
      features: [],
      timing: {
        learned: { ...LEARNED, fields: ['completionHours'] },
        manual: { completionHours: { p50: 5.7, p90: 40 } },
      },
    });
    const [prediction] = predictPlan(
      input([manualRequest(0, payroll)], catalog({ sources: [payroll], timeZone: 'UTC' })),
    );
    assert.deepEqual(prediction!.learned, [
      'Payroll: completion time learned from 3,409 activities (Aug–Dec 2026) by isc-plan calibrate.',
    ]);
  });

  test('month spans', () => {
    assert.equal(monthSpan('2026-09-02', '2026-11-27'), 'Sep–Nov 2026');
    assert.equal(monthSpan('2025-11-02', '2026-02-27'), 'Nov 2025–Feb 2026');
    assert.equal(monthSpan('2026-11-02', '2026-11-27'), 'Nov 2026');
  });
});
