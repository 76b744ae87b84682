import * as assert from 'node:assert/strict';
import { simulatePlan } from '../../../../server/src/service/prediction/simulate';
import { SimulationCache, compilePlan } from '../../../../server/src/service/prediction/engine/compiledPlan';
import {
  representativeRun,
  runMonteCarlo,
  runOnce,
} from '../../../../server/src/service/prediction/engine/monteCarlo';
import { RunOutput } from '../../../../server/src/service/prediction/engine/runOutput';
import type { DryRunEvent } from '../../../../shared/simulation';
import type { PredictionInput } from '../../../../server/src/service/prediction/input/predictionInput';
import {
  catalog,
  connectorRequest,
  input,
  manualRequest,
  sdim,
  source,
  ticketRequest,
  unknownRequest,
} from './fixtures';

const ad = source('Active Directory', {
  features: ['PROVISIONING', 'NO_PERMISSIONS_PROVISIONING'],
  aggregation: { schedule: '0 0 5,13,21 * * ?', durationMinutes: 20 },
  connectorAttributes: { retryableErrors: ['timed out'] },
  timing: { connector: { failureRate: 0.3, retryableShare: 1 } },
});
const payroll = source('Payroll', { features: [], owner: { name: 'payroll.admin' } });
const orphan = source('Orphan', { features: [], owner: undefined });
const files = source('Files', { aggregation: { schedule: 'none' } });
const hr = source('HR Portal');
const snow = sdim('ServiceNow SDIM', {
  managedSources: ['HR Portal'],
  statusMap: {
    requested: 'Queued',
    in_process: 'Queued',
    closed_complete: 'Committed',
    closed_cancelled: 'Failed',
  },
  ticketWorkflow: [
    { status: 'requested', hours: { p50: 1, p90: 8 } },
    { status: 'in_process', hours: { p50: 4, p90: 30 }, failureChance: 0.05 },
    { status: 'closed_complete' },
  ],
});

function plan(seed = 1): PredictionInput {
  const requests = [
    connectorRequest(0, ad, { permissions: 1 }),
    manualRequest(1, payroll),
    ticketRequest(2, hr, snow),
    connectorRequest(3, files),
    manualRequest(4, orphan),
    unknownRequest(5, 'Mystery'),
  ];
  return input(
    requests,
    catalog({ sources: [ad, payroll, orphan, files, hr], integrations: [snow], timeZone: 'Europe/Berlin' }),
    { seed },
  );
}

function unitKey(event: DryRunEvent): string {
  return `${event.requestIndex}/${event.part ?? ''}`;
}

suite('prediction/simulate: the dry run', () => {
  test('replays the representative run exactly as the Monte Carlo ran it', () => {
    const inp = plan();
    const compiled = compilePlan(inp, [], new SimulationCache(inp.options.submittedAt));
    const out = runMonteCarlo(compiled.state, inp.options.runs, 1);
    const chosen = representativeRun(out);
    const replay = new RunOutput(compiled.state.units.length, 1);
    runOnce(compiled.state, 1, chosen, replay, 0, null);
    for (let u = 0; u < compiled.state.units.length; u++) {
      for (const field of ['started', 'committed', 'verified', 'outcome'] as const) {
        assert.equal(replay[field][u], out[field][out.at(u, chosen)], `${field} of unit ${u}`);
      }
    }
    const sorted = Float64Array.from(out.runEnd).sort();
    const median = (sorted[199]! + sorted[200]!) / 2;
    for (let r = 0; r < out.runs; r++) {
      assert.ok(Math.abs(out.runEnd[r]! - median) >= Math.abs(out.runEnd[chosen]! - median));
    }
  });

  test("events are in time order, in ISC's words, with started <= committed <= verified per request", () => {
    const { events } = simulatePlan(plan(), { scenarios: [] });
    assert.ok(events.length > 8);
    for (let i = 1; i < events.length; i++) {
      assert.ok(events[i - 1]!.minutes <= events[i]!.minutes);
      assert.ok(events[i - 1]!.at <= events[i]!.at);
    }
    const byUnit = new Map<string, DryRunEvent[]>();
    for (const event of events) byUnit.set(unitKey(event), [...(byUnit.get(unitKey(event)) ?? []), event]);
    for (const list of byUnit.values()) {
      const time = (...kinds: string[]): number | undefined =>
        list.find((e) => kinds.includes(e.kind))?.minutes;
      const started = time('started', 'work-item-created', 'ticket-created', 'unassigned');
      const committed = list.find((e) => e.words.provisioningStatus === 'COMMITED')?.minutes;
      const verified = time('verified');
      assert.ok(started !== undefined);
      if (committed !== undefined) assert.ok(started <= committed);
      if (verified !== undefined) assert.ok(committed !== undefined && committed <= verified);
    }
    const words = new Set(events.flatMap((e) => Object.values(e.words as Record<string, string>)));
    for (const word of [
      'PENDING',
      'Pending',
      'COMMITED',
      'Committed',
      'FINISHED',
      'Success',
      'UNVERIFIABLE',
      'Not Verifiable',
      'Finished',
      'requested',
      'Queued',
    ]) {
      assert.ok(words.has(word), word);
    }
    assert.ok(!words.has('COMMITTED'));
    // #4's work item reaches nobody and stays PENDING, so the plan's one activity never leaves
    // EXECUTING, although #0 is verified: every event reads the activity, not its own item.
    assert.ok(events.every((e) => e.words.executionStatus === 'EXECUTING'));
    assert.ok(events.every((e) => e.words.completionStatus === 'PENDING'));
    const marked = events.find((e) => e.kind === 'marked-complete' && e.requestIndex === 1)!;
    assert.match(marked.text, /marked complete by payroll\.admin: a declaration, not a check/);
    assert.equal(marked.words.workItemState, 'Finished');
    assert.ok(events.some((e) => e.kind === 'unassigned' && e.requestIndex === 4));
    assert.ok(!events.some((e) => e.requestIndex === 5));
  });

  test('events for a fixed seed are deterministic, and another seed gives another run', () => {
    const first = simulatePlan(plan(), { scenarios: [] });
    const second = simulatePlan(plan(), { scenarios: [] });
    assert.deepEqual(second, first);
    assert.notDeepEqual(simulatePlan(plan(7), { scenarios: [] }).events, first.events);
  });

  test('retries show as RETRY / Retrying with attempt numbers', () => {
    const flaky = source('Flaky', {
      connectorAttributes: { retryableErrors: ['x'] },
      timing: { connector: { failureRate: 1, retryableShare: 1 } },
    });
    const { events } = simulatePlan(input([connectorRequest(0, flaky)], catalog({ sources: [flaky] })), {
      scenarios: [],
    });
    const retries = events.filter((e) => e.kind === 'retry');
    assert.equal(retries.length, 3);
    assert.deepEqual(
      retries.map((e) => e.attempt),
      [1, 2, 3],
    );
    assert.ok(retries.every((e) => e.words.provisioningStatus === 'RETRY' && e.words.uiLabel === 'Retrying'));
    const failed = events.find((e) => e.kind === 'failed')!;
    assert.equal(failed.attempt, 4);
    assert.deepEqual(
      [failed.words.provisioningStatus, failed.words.uiLabel, failed.words.completionStatus],
      ['FAILED', 'Failed', 'FAILURE'],
    );
  });

  test('the perspectives look at the first verification by default, or at the moment asked', () => {
    const result = simulatePlan(plan(), { scenarios: [] });
    const { moment, user, admin, auditor } = result.perspectives;
    assert.equal(moment.basis, 'first-verified');
    assert.equal(moment.minutes, result.events.find((e) => e.kind === 'verified')!.minutes);
    assert.equal(user.length, 6);
    assert.equal(auditor.length, 6);
    const connector = auditor.find((a) => a.requestIndex === 0 && a.part === undefined)!;
    assert.match(connector.declaredBy!, /connector of Active Directory/);
    assert.ok(connector.attempts.length >= 1);
    // The admin sees the requests still open: the connector requests and the permission part
    // (completed at 47.81 min, verified by the same run at 140 min) are verified (or closed) by then.
    assert.deepEqual(
      admin.map((a) => [a.requestIndex, a.part, a.channel, a.answers.execution, a.answers.waitingOn]),
      [
        [1, undefined, 'manual', 'started', 'person'],
        [2, undefined, 'ticketing', 'started', 'external-system'],
        [4, undefined, 'manual', 'started', 'nobody'],
      ],
    );
    // Between a connector's commit and its verification, it waits on ISC's aggregation.
    const ad = (kind: DryRunEvent['kind']): DryRunEvent =>
      result.events.find((e) => e.requestIndex === 0 && e.part === undefined && e.kind === kind)!;
    assert.ok(ad('committed').minutes < ad('verified').minutes);
    const hours = ad('committed').minutes / 60;
    const between = simulatePlan(plan(), { moment: hours, scenarios: [] }).perspectives.admin;
    assert.deepEqual(
      between
        .filter((a) => a.requestIndex === 0)
        .map((a) => [a.part, a.channel, a.answers.execution, a.answers.waitingOn]),
      [
        [undefined, 'connector', 'executed', 'isc'],
        ['permissionRequests', 'manual', 'executed', 'isc'],
      ],
    );
    for (const view of admin) {
      assert.equal(view.answers.verified, false);
      assert.ok(view.text.length > 0);
    }
    const early = simulatePlan(plan(), { moment: 0, scenarios: [] }).perspectives;
    assert.equal(early.moment.basis, 'given');
    assert.ok(early.user.every((view) => !view.hasAccess));
    const manualAdmin = early.admin.find((a) => a.requestIndex === 1)!;
    assert.equal(manualAdmin.answers.waitingOn, 'person');
    assert.equal(early.admin.find((a) => a.requestIndex === 2)!.answers.waitingOn, 'external-system');
    const late = simulatePlan(plan(), { moment: 24 * 365, scenarios: [] }).perspectives;
    const payrollAudit = late.auditor.find((a) => a.requestIndex === 1)!;
    assert.equal(payrollAudit.declaredBy, 'payroll.admin');
    assert.match(payrollAudit.text, /a declaration, not a check/);
    assert.ok(late.user.find((u) => u.requestIndex === 0 && u.part === undefined)!.text.length > 0);
  });
});
