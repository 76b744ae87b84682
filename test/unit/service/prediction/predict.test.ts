import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { predictPlan } from '../../../../server/src/service/prediction/predict';
import { SimulationCache, compilePlan } from '../../../../server/src/service/prediction/engine/compiledPlan';
import { runMonteCarlo } from '../../../../server/src/service/prediction/engine/monteCarlo';
import type { RunOutput } from '../../../../server/src/service/prediction/engine/runOutput';
import type { CatalogSource, ServiceDeskIntegration } from '../../../../server/src/service/catalog/types';
import type {
  PredictionInput,
  PredictionRequest,
} from '../../../../server/src/service/prediction/input/predictionInput';
import type { Milestones, RequestPrediction } from '../../../../shared/prediction';
import {
  MONDAY,
  STEADY_CONNECTOR,
  catalog,
  connectorRequest,
  input,
  manualRequest,
  sdim,
  source,
  ticketRequest,
} from './fixtures';

/** Runs the Monte Carlo engine and returns its raw per-run arrays. */
function raw(inp: PredictionInput): RunOutput {
  const compiled = compilePlan(inp, [], new SimulationCache(inp.options.submittedAt));
  return runMonteCarlo(compiled.state, inp.options.runs, inp.options.seed);
}

function flaky(name: string, maxRetries: number, retryMinutes: number): CatalogSource {
  return source(name, {
    aggregation: { schedule: '0 0 2 * * ?', durationMinutes: 15 },
    connectorAttributes: {
      retryableErrors: ['timed out'],
      provisioningMaxRetries: maxRetries,
      provisioningRetryThreshold: retryMinutes,
    },
    timing: { connector: { failureRate: 0.6, retryableShare: 1 } },
  });
}

function single(src: CatalogSource, options: Partial<PredictionInput['options']> = {}): RequestPrediction {
  return predictPlan(
    input([connectorRequest(0, src)], catalog({ sources: [src], timeZone: 'UTC' }), options),
  )[0]!;
}

function checkOrder(milestones: Milestones): void {
  const order = [milestones.started, milestones.committed, milestones.verified].filter((q) => q !== null);
  for (const q of order) assert.ok(q.p50Minutes <= q.p90Minutes, JSON.stringify(milestones));
  for (let i = 1; i < order.length; i++) {
    assert.ok(order[i - 1]!.p50Minutes <= order[i]!.p50Minutes, JSON.stringify(milestones));
    assert.ok(order[i - 1]!.p90Minutes <= order[i]!.p90Minutes, JSON.stringify(milestones));
  }
}

function checkPrediction(prediction: RequestPrediction): void {
  for (const unit of [prediction, ...prediction.parts]) {
    checkOrder(unit.milestones);
    if (!unit.outcomes) continue;
    const o = unit.outcomes;
    const shares = [o.success, o.partial, o.failed, o.unverifiable, o.stalled, o.drift];
    for (const share of shares) assert.ok(share >= 0 && share <= 1);
    assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  }
}

suite('prediction/predict: behaviour of the delay model', () => {
  test('more retries never make a request finish earlier', () => {
    const outputs = [0, 1, 3, 6].map((retries) => {
      const src = flaky('Flaky', retries, 60);
      return raw(input([connectorRequest(0, src)], catalog({ sources: [src], timeZone: 'UTC' })));
    });
    for (let k = 1; k < outputs.length; k++) {
      const fewer = outputs[k - 1]!;
      const more = outputs[k]!;
      for (let r = 0; r < fewer.runs; r++) {
        if (!Number.isNaN(fewer.committed[r]!)) assert.equal(more.committed[r], fewer.committed[r]);
        if (!Number.isNaN(more.committed[r]!) && Number.isNaN(fewer.committed[r]!)) {
          assert.ok(more.committed[r]! > 60);
        }
      }
    }
    const predictions = [0, 1, 3, 6].map((retries) => single(flaky('Flaky', retries, 60)));
    for (let k = 1; k < predictions.length; k++) {
      assert.ok(
        predictions[k]!.milestones.committed!.p90Minutes >=
          predictions[k - 1]!.milestones.committed!.p90Minutes,
      );
      assert.ok(predictions[k]!.outcomes!.failed <= predictions[k - 1]!.outcomes!.failed);
    }
  });

  test('a longer retry interval never makes a request finish earlier', () => {
    const outputs = [1, 60, 240].map((minutes) => {
      const src = flaky('Flaky', 3, minutes);
      return raw(input([connectorRequest(0, src)], catalog({ sources: [src], timeZone: 'UTC' })));
    });
    let later = 0;
    for (let k = 1; k < outputs.length; k++) {
      for (let r = 0; r < outputs[k]!.runs; r++) {
        const shorter = outputs[k - 1]!.committed[r]!;
        const longer = outputs[k]!.committed[r]!;
        assert.equal(Number.isNaN(shorter), Number.isNaN(longer));
        if (!Number.isNaN(shorter)) assert.ok(longer >= shorter);
        if (longer > shorter) later++;
      }
    }
    assert.ok(later > 100);
  });

  test('a weekly aggregation verifies later than a daily one', () => {
    const daily = single(source('AD', { aggregation: { schedule: '0 0 2 * * ?', durationMinutes: 15 } }));
    const weekly = single(source('AD', { aggregation: { schedule: '0 0 2 ? * 1', durationMinutes: 15 } }));
    assert.ok(weekly.milestones.verified!.p50Minutes > daily.milestones.verified!.p50Minutes);
    assert.ok(weekly.milestones.verified!.p90Minutes > daily.milestones.verified!.p90Minutes);
    assert.deepEqual(weekly.milestones.committed, daily.milestones.committed);
  });

  test('the catalog time zone moves the aggregation runs', () => {
    const src = source('AD', {
      aggregation: { schedule: '0 0 2 * * ?', durationMinutes: 15 },
      timing: { connector: STEADY_CONNECTOR },
    });
    const verifiedIn = (timeZone: string): unknown =>
      predictPlan(input([connectorRequest(0, src)], catalog({ sources: [src], timeZone })))[0]!.milestones
        .verified;
    assert.deepEqual(verifiedIn('UTC'), { p50Minutes: 17 * 60 + 15, p90Minutes: 17 * 60 + 15 });
    assert.deepEqual(verifiedIn('Europe/Berlin'), { p50Minutes: 15 * 60 + 15, p90Minutes: 15 * 60 + 15 });
  });

  test('a longer status-check interval commits a ticket later', () => {
    const hr = source('HR Portal');
    const snow = sdim('SNOW', { managedSources: ['HR Portal'] });
    const committed = (interval: number): number[] => {
      const statusCheck = {
        provisioningStatusCheckIntervalMinutes: interval,
        provisioningMaxStatusCheckDays: 30,
      };
      const [p] = predictPlan(
        input(
          [ticketRequest(0, hr, snow)],
          catalog({ sources: [hr], integrations: [snow], timeZone: 'UTC', statusCheck }),
        ),
      );
      return [p!.milestones.committed!.p50Minutes, p!.milestones.committed!.p90Minutes];
    };
    const [short, medium, long] = [committed(15), committed(60), committed(480)];
    assert.ok(short[0]! <= medium[0]! && medium[0]! <= long[0]!);
    assert.ok(short[1]! <= medium[1]! && medium[1]! <= long[1]!);
    assert.ok(long[0]! > short[0]!);
    assert.equal(long[0]! % 480, 0);
  });

  test('a ticket workflow longer than the give-up window stalls', () => {
    const hr = source('HR Portal');
    const snow = sdim('SNOW', {
      managedSources: ['HR Portal'],
      ticketWorkflow: [{ status: 'open', hours: { p50: 72, p90: 72 } }, { status: 'closed' }],
    });
    const statusCheck = { provisioningStatusCheckIntervalMinutes: 30, provisioningMaxStatusCheckDays: 2 };
    const [p] = predictPlan(
      input(
        [ticketRequest(0, hr, snow)],
        catalog({ sources: [hr], integrations: [snow], timeZone: 'UTC', statusCheck }),
      ),
    );
    assert.equal(p!.outcomes!.stalled, 1);
    assert.equal(p!.milestones.committed, null);
    assert.equal(p!.milestones.verified, null);
    assert.deepEqual(p!.milestones.started, { p50Minutes: 0, p90Minutes: 0 });
  });

  test('a failing ticket ends failed, a closed one without the change is drift', () => {
    const hr = source('HR Portal');
    const failing = sdim('SNOW', {
      managedSources: ['HR Portal'],
      driftRate: 0,
      ticketWorkflow: [{ status: 'open', hours: { p50: 1, p90: 2 }, failureChance: 1 }, { status: 'closed' }],
    });
    const drifting = sdim('SNOW', { managedSources: ['HR Portal'], driftRate: 1 });
    const [f] = predictPlan(
      input([ticketRequest(0, hr, failing)], catalog({ sources: [hr], integrations: [failing] })),
    );
    const [d] = predictPlan(
      input([ticketRequest(0, hr, drifting)], catalog({ sources: [hr], integrations: [drifting] })),
    );
    assert.equal(f!.outcomes!.failed, 1);
    assert.equal(d!.outcomes!.drift + d!.outcomes!.stalled + d!.outcomes!.failed, 1);
    assert.ok(d!.milestones.committed !== null);
    assert.equal(d!.milestones.verified, null);
  });

  test('a source without aggregation is unverifiable', () => {
    const p = single(
      source('Files', {
        features: ['PROVISIONING', 'NO_AGGREGATION'],
        timing: { connector: { failureRate: 0 } },
      }),
    );
    assert.equal(p.milestones.verified, null);
    assert.equal(p.outcomes!.unverifiable + p.outcomes!.partial, 1);
  });

  test('the same seed and submission time give the same output; another seed differs', () => {
    const ad = source('AD', { connectorAttributes: { retryableErrors: ['x'] } });
    const payroll = source('Payroll', { features: [] });
    const merged = catalog({ sources: [ad, payroll], timeZone: 'Europe/Berlin' });
    const requests = [connectorRequest(0, ad), manualRequest(1, payroll)];
    const first = predictPlan(input(requests, merged));
    assert.deepEqual(predictPlan(input(requests, merged)), first);
    assert.notDeepEqual(predictPlan(input(requests, merged, { seed: 2 })), first);
    assert.notDeepEqual(predictPlan(input(requests, merged, { submittedAt: MONDAY + 3 * 3_600_000 })), first);
  });

  test('requests to one source share its queue: concurrency 1 starts later than 8', () => {
    const startedMean = (concurrency: number): number => {
      const src = source('AD', { timing: { connector: { concurrency, failureRate: 0 } } });
      const requests = Array.from({ length: 40 }, (_, i) => connectorRequest(i, src));
      const predictions = predictPlan(
        input(requests, catalog({ sources: [src], timeZone: 'UTC' }), { runs: 200 }),
      );
      return predictions.reduce((sum, p) => sum + p.milestones.started!.p50Minutes, 0) / predictions.length;
    };
    assert.ok(startedMean(1) > startedMean(8) * 2);
  });

  test('a manual task submitted Friday 16:00 with a fixed 2-hour completion commits Monday 10:00', () => {
    const payroll = source('Payroll', {
      features: [],
      timing: { manual: { completionHours: { p50: 2, p90: 2 }, driftRate: 0 } },
    });
    const merged = catalog({ sources: [payroll], timeZone: 'America/New_York' });
    const friday = Date.UTC(2025, 5, 6, 20, 0); // 16:00 EDT
    const [p] = predictPlan(input([manualRequest(0, payroll)], merged, { submittedAt: friday }));
    assert.deepEqual(p!.milestones.committed, { p50Minutes: 66 * 60, p90Minutes: 66 * 60 });
    const dstFriday = Date.UTC(2025, 2, 7, 21, 0); // 16:00 EST; clocks go forward on Sunday
    const [q] = predictPlan(input([manualRequest(0, payroll)], merged, { submittedAt: dstFriday }));
    assert.deepEqual(q!.milestones.committed, { p50Minutes: 65 * 60, p90Minutes: 65 * 60 });
  });

  test('a manual request without an owner never completes', () => {
    const orphan = source('Orphan', { features: [], owner: undefined });
    const [p] = predictPlan(input([manualRequest(0, orphan)], catalog({ sources: [orphan] })));
    assert.equal(p!.outcomes!.failed, 1);
    assert.equal(p!.milestones.committed, null);
    assert.equal(p!.milestones.verified, null);
  });

  test('attribute requests fail one by one: partial success', () => {
    const src = source('AD', { timing: { connector: { failureRate: 0, attributeFailureRate: 0.5 } } });
    const attributes = [1, 2].map((i) => ({ name: `a${i}`, operation: 'Add', value: 'x' }));
    const [p] = predictPlan(
      input([connectorRequest(0, src, { attributes })], catalog({ sources: [src] }), { runs: 2000 }),
    );
    assert.ok(Math.abs(p!.outcomes!.partial - 0.75) < 0.04);
    assert.ok(p!.milestones.verified !== null);
  });

  test('a split-off permission part is predicted as a manual task of its own', () => {
    const ad = source('AD', { features: ['PROVISIONING', 'NO_PERMISSIONS_PROVISIONING'] });
    const [p] = predictPlan(input([connectorRequest(0, ad, { permissions: 2 })], catalog({ sources: [ad] })));
    assert.equal(p!.parts.length, 1);
    assert.equal(p!.parts[0]!.channel, 'manual');
    assert.equal(p!.parts[0]!.target, 'ad.owner');
    assert.ok(p!.parts[0]!.milestones.committed!.p50Minutes > p!.milestones.committed!.p50Minutes * 10);
  });

  test('percentiles are ordered and shares sum to 1 for random catalogs and plans', () => {
    const quantiles = fc
      .tuple(fc.double({ min: 0, max: 200, noNaN: true }), fc.double({ min: 0, max: 200, noNaN: true }))
      .map(([a, b]) => ({ p50: Math.min(a, b), p90: Math.max(a, b) }));
    const rate = fc.double({ min: 0, max: 1, noNaN: true });
    const schedule = fc.constantFrom(
      '0 0 2 * * ?',
      '0 */30 * * * ?',
      '0 0 5,13,21 * * ?',
      '0 0 2 ? * 1',
      'none',
      '0 0 2 L-3 * ?',
      undefined,
    );
    const sourceSpec = fc.record({
      schedule,
      queue: quantiles,
      execute: quantiles,
      completion: quantiles,
      ticket: quantiles,
      failureRate: rate,
      drift: rate,
      retryable: fc.boolean(),
      concurrency: fc.integer({ min: 1, max: 5 }),
    });
    const plan = fc.record({
      sources: fc.array(sourceSpec, { minLength: 1, maxLength: 3 }),
      requests: fc.array(
        fc.tuple(
          fc.nat(),
          fc.constantFrom('connector', 'manual', 'ticketing'),
          fc.integer({ min: 0, max: 3 }),
        ),
        { minLength: 1, maxLength: 6 },
      ),
      zone: fc.constantFrom('UTC', 'Europe/Berlin', 'Australia/Lord_Howe'),
      seed: fc.integer(),
      submittedAt: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 0, 1) }),
    });
    fc.assert(
      fc.property(plan, (spec) => {
        const sources: CatalogSource[] = spec.sources.map((s, i) =>
          source(`S${i}`, {
            aggregation: s.schedule === undefined ? undefined : { schedule: s.schedule, durationMinutes: 10 },
            connectorAttributes: s.retryable
              ? { retryableErrors: ['x'], provisioningRetryThreshold: 30 }
              : {},
            timing: {
              connector: {
                queueMinutes: s.queue,
                executeSeconds: s.execute,
                failureRate: s.failureRate,
                concurrency: s.concurrency,
              },
              manual: { completionHours: s.completion, driftRate: s.drift },
            },
          }),
        );
        const integrations: ServiceDeskIntegration[] = spec.sources.map((s, i) =>
          sdim(`D${i}`, {
            managedSources: [`S${i}`],
            ticketWorkflow: [
              { status: 'open', hours: s.ticket, failureChance: s.failureRate / 2 },
              { status: 'closed' },
            ],
            driftRate: s.drift,
          }),
        );
        const requests: PredictionRequest[] = spec.requests.map(([pick, channel, attributes], index) => {
          const i = pick % sources.length;
          const spec2 = {
            attributes: Array.from({ length: attributes }, (_, k) => ({
              name: `a${k}`,
              operation: 'Set',
              value: 'v',
            })),
            permissions: 1,
          };
          if (channel === 'manual') return manualRequest(index, sources[i]!, spec2);
          if (channel === 'ticketing') return ticketRequest(index, sources[i]!, integrations[i]!, spec2);
          return connectorRequest(index, sources[i]!, spec2);
        });
        const merged = catalog({ sources, integrations, timeZone: spec.zone });
        const predictions = predictPlan(
          input(requests, merged, { runs: 60, seed: spec.seed, submittedAt: spec.submittedAt }),
        );
        predictions.forEach(checkPrediction);
      }),
      { numRuns: 40, seed: 20250602 },
    );
  });
});
