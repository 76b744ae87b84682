import * as assert from 'node:assert/strict';
import { predictPlan } from '../../../../server/src/service/prediction/predict';
import { simulatePlan } from '../../../../server/src/service/prediction/simulate';
import type { CatalogSource } from '../../../../server/src/service/catalog/types';
import type { RequestPrediction } from '../../../../shared/prediction';
import { NO_ORIGIN } from '../../../../server/src/service/prediction/parameters/planParameters';
import { STEADY_CONNECTOR, catalog, connectorRequest, input, manualRequest, source } from './fixtures';

const DAILY = { schedule: '0 0 2 * * ?', durationMinutes: 15 };
const UPLOAD = 'verified at the next file upload, which ISC does not schedule';

function predictOne(
  src: CatalogSource,
  request: Parameters<typeof predictPlan>[0]['requests'][0],
): RequestPrediction {
  return predictPlan(input([request], catalog({ sources: [src], timeZone: 'UTC' })))[0]!;
}

/** A joiner's Create with 14 attribute requests (the case the issue measured at "partial 14 %"). */
const JOINER = Array.from({ length: 14 }, (_, i) => ({
  name: `attribute${i}`,
  operation: 'Set',
  value: 'x',
}));

suite('prediction: partial success, passwords and flat files', () => {
  test('a Create is never partial by default; attributeFailureRate stays a catalog option', () => {
    const ad = source('AD', { aggregation: DAILY });
    const plain = predictOne(ad, connectorRequest(0, ad, { operation: 'Create', attributes: JOINER }));
    assert.equal(plain.outcomes!.partial, 0);
    assert.equal(plain.outcomes!.success, 0.975);
    assert.equal(plain.outcomes!.failed, 0.025);
    assert.ok(!plain.assumptions.some((a) => /attribute/i.test(a)), plain.assumptions.join('\n'));
    const optIn = source('AD', { aggregation: DAILY, timing: { connector: { attributeFailureRate: 0.01 } } });
    const partly = predictOne(optIn, connectorRequest(0, optIn, { operation: 'Create', attributes: JOINER }));
    assert.equal(partly.outcomes!.partial, 0.145);
    assert.equal(partly.outcomes!.success, 0.83);
  });

  test('a password change ends at committed, as success, and is never verified (by design)', () => {
    const ad = source('AD', {
      features: ['PROVISIONING', 'PASSWORD'],
      aggregation: DAILY,
      timing: { connector: { ...STEADY_CONNECTOR, concurrency: 4 } },
    });
    const password = connectorRequest(0, ad, {
      attributes: [{ name: 'Password', operation: 'Set', value: 'x' }],
    });
    const p = predictOne(ad, password);
    assert.deepEqual(p.milestones.committed, { p50Minutes: 1, p90Minutes: 1 });
    assert.equal(p.milestones.verified, null);
    assert.equal(p.outcomes!.success, 1);
    assert.equal(p.outcomes!.unverifiable, 0);
    assert.deepEqual(p.assumptions, [
      'A password change is never verified: sources never return passwords, so no aggregation of AD can show it. The prediction ends it at committed and counts it as success (not verifiable by design, not a failure).',
      NO_ORIGIN,
    ]);
    // With another attribute beside the password, the aggregation verifies the rest.
    const mixed = predictOne(
      ad,
      connectorRequest(0, ad, {
        attributes: [
          { name: 'password', operation: 'Set', value: 'x' },
          { name: 'title', operation: 'Set', value: 'Clerk' },
        ],
      }),
    );
    assert.deepEqual(mixed.milestones.verified, { p50Minutes: 1035, p90Minutes: 1035 });
    assert.match(mixed.assumptions[0]!, /^The password in this request is never verified/);

    const run = simulatePlan(input([password], catalog({ sources: [ad], timeZone: 'UTC' })), {
      scenarios: [],
    });
    assert.deepEqual(
      run.events.map((e) => e.kind),
      ['queued', 'started', 'committed', 'unverifiable', 'visible'],
    );
    const byDesign = run.events.find((e) => e.kind === 'unverifiable')!;
    assert.deepEqual(byDesign.words, { executionStatus: 'COMPLETED', completionStatus: 'SUCCESS' });
    assert.match(byDesign.text, /Not verifiable by design, not a failure/);
    assert.doesNotMatch(byDesign.text, /UNVERIFIABLE|Not Verifiable/);
    assert.match(run.perspectives.auditor[0]!.text, /not verifiable by design/);
  });

  test('a flat-file source without an upload cadence is verified at the next upload: verified null, no failure', () => {
    const owner = { name: 'payroll.admin' };
    for (const payroll of [
      source('Payroll', { features: [], connectionType: 'file', owner }),
      source('Payroll', { features: [], type: 'DelimitedFile', owner }),
    ]) {
      const p = predictOne(payroll, manualRequest(0, payroll));
      assert.deepEqual(p.milestones.committed, { p50Minutes: 398.21, p90Minutes: 14833.42 });
      assert.equal(p.milestones.verified, null);
      assert.deepEqual(
        [p.outcomes!.success, p.outcomes!.drift, p.outcomes!.unverifiable],
        [0.9675, 0.0325, 0],
      );
      assert.equal(
        p.assumptions.at(-2),
        `Payroll is a flat-file source: ISC aggregates it when someone uploads a file, not on a schedule of its own, and no aggregation.schedule gives the team's upload cadence, so verified stays empty: ${UPLOAD}.`,
      );
      assert.ok(!p.assumptions.some((a) => a.includes('02:00')));
    }
  });

  test('a flat-file schedule is read as the upload cadence, and said so', () => {
    const payroll = source('Payroll', {
      features: [],
      connectionType: 'file',
      owner: { name: 'payroll.admin' },
      aggregation: { schedule: '0 0 6 ? * MON', durationMinutes: 10 },
    });
    const p = predictOne(payroll, manualRequest(0, payroll));
    // Monday 06:00 uploads: a task completed in the first week is verified the next Monday.
    assert.deepEqual(p.milestones.verified, { p50Minutes: 9910, p90Minutes: 19990 });
    assert.ok(
      p.assumptions.includes(
        `Payroll is a flat-file source: ISC aggregates it when someone uploads a file, not on a schedule of its own. Its aggregation.schedule "0 0 6 ? * MON" is read as the team's upload cadence.`,
      ),
    );
  });

  test('in the dry run a flat-file item waits for an upload: nothing is unverifiable, a person is waited on', () => {
    const payroll = source('Payroll', {
      features: [],
      connectionType: 'file',
      owner: { name: 'payroll.admin' },
    });
    const run = simulatePlan(
      input([manualRequest(0, payroll)], catalog({ sources: [payroll], timeZone: 'UTC' })),
      {
        scenarios: [],
        moment: 30,
      },
    );
    assert.deepEqual(
      run.events.map((e) => e.kind),
      ['work-item-created', 'marked-complete'],
    );
    const admin = run.perspectives.admin[0]!;
    assert.equal(admin.answers.execution, 'executed');
    assert.equal(admin.answers.waitingOn, 'person');
    assert.match(admin.answers.waitingOnText, /upload a new file of Payroll.*does not schedule it/);
  });
});
