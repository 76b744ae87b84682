import * as assert from 'node:assert/strict';
import { Durations, fitLogNormal } from '../../../../server/src/service/calibration/lognormalFit';
import type { JsonStreamError } from '../../../../server/src/service/calibration/jsonRecords';
import { JsonRecordSplitter } from '../../../../server/src/service/calibration/jsonRecords';
import { activityFacts } from '../../../../server/src/service/calibration/activities';
import { uniforms } from './syntheticHistory';

/** Draws from a log-normal with median `p50` and sigma 1. */
function draws(count: number, p50: number, seed: number): number[] {
  const random = uniforms(seed);
  return Array.from(
    { length: count },
    () => p50 * Math.exp(Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random())),
  );
}

function split(text: string, chunk: number): string[] {
  const records: string[] = [];
  const splitter = new JsonRecordSplitter();
  for (let i = 0; i < text.length; i += chunk) {
    splitter.push(text.slice(i, i + chunk), (record) => records.push(record));
  }
  splitter.end();
  return records;
}

suite('calibration: censored log-normal fit', () => {
  test('activities still open at the export count as "at least this long": the median is found; dropping them is biased fast', () => {
    const values = draws(4000, 60, 3);
    const withCensoring = new Durations();
    const dropped = new Durations();
    for (const [k, value] of values.entries()) {
      // Each activity has been open a different time at the export: 0 to 240 minutes.
      const open = (k % 100) * 2.4;
      if (value > open) withCensoring.add(open, Infinity);
      else {
        withCensoring.add(value, value);
        dropped.add(value, value);
      }
    }
    const fit = fitLogNormal(withCensoring)!;
    assert.ok(Math.abs(fit.p50 / 60 - 1) < 0.08, `p50 ${fit.p50}`);
    assert.ok(fitLogNormal(dropped)!.p50 < 40, 'without censoring the fit would call it fast');
  });

  test('intervals between aggregation runs give the median back', () => {
    const d = new Durations();
    for (const value of draws(4000, 30, 4)) {
      const run = Math.ceil(value / 60) * 60;
      d.add(run - 60, run);
    }
    const fit = fitLogNormal(d)!;
    assert.ok(Math.abs(fit.p50 / 30 - 1) < 0.1, `p50 ${fit.p50}`);
    assert.ok(Math.abs(fit.sigma - 1) < 0.1, `sigma ${fit.sigma}`);
  });
});

suite('calibration: streaming JSON records', () => {
  const records = [{ a: 'x"}{]["' }, { b: ['\\', { c: '\\"' }], d: 'é' }, { e: null }];

  test('a JSON array, cut into chunks anywhere (even one character), gives each record once', () => {
    const text = JSON.stringify(records, null, 2);
    for (const chunk of [1, 2, 3, 7, 1000]) {
      assert.deepEqual(
        split(text, chunk).map((r) => JSON.parse(r) as unknown),
        records,
        `chunk ${chunk}`,
      );
    }
  });

  test('JSON Lines and objects one after another', () => {
    assert.deepEqual(
      split(records.map((r) => JSON.stringify(r)).join('\n'), 5).map((r) => JSON.parse(r) as unknown),
      records,
    );
  });

  test('a file cut off, an unclosed array or something other than objects is an error with its place', () => {
    assert.throws(
      () => split('[{"a": 1}, {"b": ', 4),
      (e: JsonStreamError) =>
        e.message === 'the text ends inside a record (the file is cut off)' && e.offset === 17,
    );
    assert.throws(() => split('[{"a": 1}', 4), /the array is not closed with \]/);
    assert.throws(
      () => split('[1, 2]', 4),
      (e: JsonStreamError) =>
        e.message === 'expected an account-activity record (a JSON object), found "1"' && e.offset === 1,
    );
  });
});

suite('calibration: reading account activities in ISC shapes', () => {
  test('an AccountActivity: items per sourceId, the state that speaks for them (a failure first), ISC spellings', () => {
    const facts = activityFacts({
      id: 'a1',
      created: '2026-11-02T09:00:00Z',
      modified: '2026-11-02T10:00:00Z',
      completed: null,
      executionStatus: 'VERIFYING',
      items: [
        { sourceId: 's1', provisioningStatus: 'COMMITED' },
        { sourceId: 's1', provisioningStatus: 'FAILED' },
        { sourceId: 's2', provisioningStatus: 'COMMITED' },
        { provisioningStatus: 'FINISHED' },
      ],
    });
    assert.notEqual(typeof facts, 'string');
    if (typeof facts === 'string') return;
    assert.deepEqual(
      facts.parts.map((p) => [p.source, p.state]),
      [
        ['s1', 'FAILED'],
        ['s2', 'COMMITED'],
      ],
    );
    assert.equal(facts.execution, 'VERIFYING');
    assert.ok(Number.isNaN(facts.completed));
  });

  test('a search document: source names, lowercase results, a ticket and a manual task recognised', () => {
    const facts = activityFacts({
      id: 'd1',
      created: '2026-11-02T09:00:00Z',
      modified: '2026-11-03T09:00:00Z',
      stage: 'Completed',
      status: 'Complete',
      accountRequests: [
        { source: { name: 'AD' }, provisioningTarget: { name: 'AD' }, result: { status: 'committed' } },
        {
          source: { name: 'Mainframe' },
          provisioningTarget: { name: 'ServiceNow Desk' },
          result: { status: 'committed', ticketId: 'INC1' },
        },
        { source: { name: 'Payroll' }, result: { status: 'failed' } },
      ],
      originalRequests: [{ source: { name: 'Payroll' }, result: { status: 'Manual Task Created' } }],
    });
    if (typeof facts === 'string') assert.fail(facts);
    assert.deepEqual(
      facts.parts.map((p) => [p.source, p.state, p.hint, p.target]),
      [
        ['AD', 'FINISHED', 'connector', undefined],
        ['Mainframe', 'FINISHED', 'ticketing', 'ServiceNow Desk'],
        ['Payroll', 'FAILED', 'manual', undefined],
      ],
    );
    assert.equal(facts.completed, Date.parse('2026-11-03T09:00:00Z'));
  });

  test('records that cannot be used say which field and why', () => {
    assert.equal(
      activityFacts({ items: [], executionStatus: 'DONE', created: '2026-11-02T09:00:00Z' }),
      'executionStatus "DONE" is not one of EXECUTING, VERIFYING, COMPLETED, TERMINATED',
    );
    assert.equal(
      activityFacts({ items: [], executionStatus: 'EXECUTING', created: 'yesterday' }),
      'created "yesterday" is not an ISO date-time',
    );
    assert.equal(
      activityFacts({ items: [], executionStatus: 'COMPLETED', created: '2026-11-02T09:00:00Z' }),
      'executionStatus COMPLETED without a completion time at or after created',
    );
    assert.equal(
      activityFacts({ name: 'x' }),
      'neither an AccountActivity (items[]) nor an account-activity search document (accountRequests[])',
    );
  });
});
