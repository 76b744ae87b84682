import * as assert from 'node:assert/strict';
import { calibrate, MIN_BOUNDED } from '../../../../server/src/service/calibration/calibrate';
import type {
  CalibrationResult,
  SourceCalibration,
} from '../../../../server/src/service/calibration/calibrate';
import { reportJson } from '../../../../server/src/service/calibration/report';
import { overlayText } from '../../../../server/src/service/calibration/overlay';
import { SYNTHETIC_SOURCES, connectorTruth, syntheticHistory } from './syntheticHistory';
import { historyOf, syntheticMergedCatalog } from './calibrationHelpers';

const AS_OF = Date.parse('2026-12-01T10:00:00Z');

/** Relative distance of `value` from `truth`. */
function off(value: number, truth: number): number {
  return Math.abs(value - truth) / truth;
}

suite('calibration: recovers a known tenant (synthetic history)', function () {
  this.timeout(120_000);
  let result: CalibrationResult;
  const source = (name: string): SourceCalibration => result.sources.find((s) => s.name === name)!;
  const truth = (name: string) => SYNTHETIC_SOURCES.find((s) => s.name === name)!;

  suiteSetup(() => {
    const records = syntheticHistory({ seed: 11, asOf: AS_OF, days: 120, scale: 3 });
    result = calibrate(historyOf(records), syntheticMergedCatalog(), { holdout: 0.2 });
  });

  test('connector: time until visible within 10 % (p50) and 15 % (p90) of the truth; failure rate within 1 point', () => {
    for (const name of ['Active Directory', 'Salesforce']) {
      const fitted = source(name);
      const expected = connectorTruth(truth(name));
      assert.equal(fitted.channel, 'connector');
      assert.ok(
        off(fitted.duration!.p50, expected.p50) < 0.1,
        `${name} p50 ${fitted.duration!.p50} vs ${expected.p50}`,
      );
      assert.ok(
        off(fitted.duration!.p90, expected.p90) < 0.15,
        `${name} p90 ${fitted.duration!.p90} vs ${expected.p90}`,
      );
      assert.ok(
        Math.abs(fitted.failureRate!.value - truth(name).failureRate!) < 0.01,
        `${name} failure ${fitted.failureRate!.value}`,
      );
    }
  });

  test('manual: business-hour completion within 20 % (p50) and 25 % (p90) despite unlisted holidays; drift within 1.5 points', () => {
    for (const name of ['Payroll', 'Badge System']) {
      const fitted = source(name);
      const expected = truth(name).completionHours!;
      assert.equal(fitted.channel, 'manual');
      assert.ok(
        off(fitted.duration!.p50 / 60, expected.p50) < 0.2,
        `${name} p50 ${fitted.duration!.p50 / 60} h`,
      );
      assert.ok(
        off(fitted.duration!.p90 / 60, expected.p90) < 0.25,
        `${name} p90 ${fitted.duration!.p90 / 60} h`,
      );
      assert.ok(
        Math.abs(fitted.driftRate!.value - truth(name).driftRate!) < 0.015,
        `${name} drift ${fitted.driftRate!.value}`,
      );
    }
  });

  test('a source whose records cannot place a median keeps the default and says why', () => {
    for (const name of ['Active Directory', 'Salesforce', 'Payroll', 'Badge System']) {
      assert.deepEqual(source(name).notFitted, [], name);
    }
    const crm = source('Legacy CRM');
    assert.equal(crm.duration, undefined);
    assert.match(
      crm.notFitted[0]!,
      new RegExp(`missed an aggregation run \\(at least ${MIN_BOUNDED} needed`),
    );
    assert.match(source('Mainframe').notFitted[0]!, /^ticket workflows are not calibrated yet/);
  });

  test('back-test: the fitted model covers 80 % within 4 points per channel; the defaults miss Salesforce', () => {
    for (const row of result.channels) {
      assert.ok(Math.abs(row.fitted.coverage - 0.8) < 0.04, `${row.label} ${row.fitted.coverage}`);
      assert.ok(row.scored > 400, `${row.label} scored ${row.scored}`);
    }
    const salesforce = source('Salesforce').backtest!;
    assert.ok(salesforce.before.coverage < 0.74, `before ${salesforce.before.coverage}`);
    assert.ok(Math.abs(salesforce.fitted.coverage - 0.8) < 0.05);
  });

  test('the overlay says what each source learned, from how many activities and when', () => {
    const overlay = overlayText(result, 'isc-plan calibrate h.json');
    assert.match(
      overlay,
      /^# Learned by isc-plan calibrate from \d+ account activities created 2026-08-0\d to 2026-12-01/,
    );
    assert.match(
      overlay,
      /- name: Legacy CRM\n {4}id: 2c9180855d191c59015d291ceb056666\n {4}timing:\n {6}learned: \{ activities: \d+, from: '2026-08-\d\d', to: '2026-1\d-\d\d', fields: \[failureRate\] \}/,
    );
    assert.match(
      overlay,
      /# Mainframe \(ticketing\): nothing learned; ticket workflows are not calibrated yet/,
    );
  });
});

suite('calibration: determinism', () => {
  test('the same seed gives the same history and the same report; another seed another history', () => {
    const options = { asOf: AS_OF, days: 21, scale: 1 };
    const a = syntheticHistory({ seed: 5, ...options });
    const b = syntheticHistory({ seed: 5, ...options });
    assert.deepEqual(a, b);
    assert.notDeepEqual(syntheticHistory({ seed: 6, ...options }), a);
    const catalog = syntheticMergedCatalog();
    assert.equal(
      reportJson(calibrate(historyOf(a), catalog, { holdout: 0.2 }), undefined),
      reportJson(calibrate(historyOf(b), catalog, { holdout: 0.2 }), undefined),
    );
  });
});
