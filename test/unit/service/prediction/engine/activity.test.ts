import * as assert from 'node:assert/strict';
import { predictPlan, runPrediction } from '../../../../../server/src/service/prediction/predict';
import { simulatePlan } from '../../../../../server/src/service/prediction/simulate';
import { SimulationCache } from '../../../../../server/src/service/prediction/engine/compiledPlan';
import type { ChannelDecision } from '../../../../../server/src/service/channel/decideChannel';
import type {
  PredictionInput,
  PredictionRequest,
} from '../../../../../server/src/service/prediction/input/predictionInput';
import type { ActivityPrediction } from '../../../../../shared/prediction';
import {
  STEADY_CONNECTOR,
  catalog,
  connectorRequest,
  input,
  manualRequest,
  sdim,
  source,
  ticketRequest,
  unknownRequest,
} from '../fixtures';

/** Connector sources whose calls always succeed within a minute, aggregated every hour. */
const ad = source('Active Directory', {
  aggregation: { schedule: '0 0 * * * ?', durationMinutes: 10 },
  timing: { connector: STEADY_CONNECTOR },
});
const ldap = source('LDAP', {
  aggregation: { schedule: '0 30 * * * ?', durationMinutes: 5 },
  timing: { connector: STEADY_CONNECTOR },
});
const broken = source('Broken', { timing: { connector: { ...STEADY_CONNECTOR, failureRate: 1 } } });
const hr = source('HR Portal', { aggregation: { schedule: '0 0 * * * ?', durationMinutes: 10 } });

function sdimWith(failureChance: number, last = 'closed_complete'): ReturnType<typeof sdim> {
  return sdim('ServiceNow SDIM', {
    managedSources: ['HR Portal'],
    statusMap: { requested: 'Queued', closed_complete: 'Committed', closed_cancelled: 'Failed' },
    ticketWorkflow: [{ status: 'requested', hours: { p50: 3, p90: 6 }, failureChance }, { status: last }],
  });
}
/** Every ticket is cancelled (mapped to Failed) after its first status. */
const failing = sdimWith(1);
/** Every ticket ends in a status the map does not know (Queued): ISC checks until it gives up. */
const stalling = sdimWith(0, 'on_hold');

function lockRequest(index: number): PredictionRequest {
  const decision: ChannelDecision = {
    channel: 'none',
    target: null,
    reasons: ['ISC has no lock action and creates no task for one.'],
    missingFeatures: [],
    declaredOnly: false,
    parts: [],
  };
  return {
    index,
    source: 'Active Directory',
    operation: 'Lock',
    decision,
    attributeRequests: [],
    permissionCount: 0,
    nativeIdentity: 'uid=9',
  };
}

function activityOf(inp: PredictionInput): ActivityPrediction | null {
  return runPrediction(inp, [], new SimulationCache(inp.options.submittedAt)).activity;
}

const merged = catalog({ sources: [ad, ldap, broken, hr], integrations: [failing] });

suite('prediction/activity: one plan is one ISC account activity', () => {
  test('a failed ticket beside connector items that succeed makes the activity INCOMPLETE, not FAILURE', () => {
    const inp = input(
      [connectorRequest(0, ad), connectorRequest(1, ldap), ticketRequest(2, hr, failing)],
      merged,
    );
    const activity = activityOf(inp)!;
    assert.deepEqual(activity.completionStatus, { SUCCESS: 0, FAILURE: 0, INCOMPLETE: 1, PENDING: 0 });
    // The connector items are verified within the hour; the cancelled ticket is seen at a check.
    const requests = predictPlan(inp);
    assert.equal(requests[2]!.outcomes!.failed, 1);
    assert.ok(activity.completed !== null);
    assert.ok(activity.completed.p50Minutes >= requests[0]!.milestones.verified!.p50Minutes);
    assert.ok(activity.completed.p50Minutes >= 60);
  });

  test('SUCCESS when every item is provisioned, FAILURE when none is', () => {
    const success = activityOf(input([connectorRequest(0, ad), connectorRequest(1, ldap)], merged))!;
    assert.deepEqual(success.completionStatus, { SUCCESS: 1, FAILURE: 0, INCOMPLETE: 0, PENDING: 0 });
    const failure = activityOf(input([connectorRequest(0, broken), ticketRequest(1, hr, failing)], merged))!;
    assert.deepEqual(failure.completionStatus, { SUCCESS: 0, FAILURE: 1, INCOMPLETE: 0, PENDING: 0 });
  });

  test('a request ISC does nothing for (channel none) keeps the plan from SUCCESS', () => {
    const withLock = activityOf(input([connectorRequest(0, ad), lockRequest(1)], merged))!;
    assert.deepEqual(withLock.completionStatus, { SUCCESS: 0, FAILURE: 0, INCOMPLETE: 1, PENDING: 0 });
    const lockOnly = activityOf(input([lockRequest(0)], merged))!;
    assert.deepEqual(lockOnly.completionStatus, { SUCCESS: 0, FAILURE: 1, INCOMPLETE: 0, PENDING: 0 });
    assert.deepEqual(lockOnly.completed, { p50Minutes: 0, p90Minutes: 0 });
  });

  test('an item still open at the end (a stalled ticket, an unassigned work item) leaves the activity PENDING', () => {
    const stalled = activityOf(
      input(
        [connectorRequest(0, ad), ticketRequest(1, hr, stalling)],
        catalog({ sources: [ad, hr], integrations: [stalling] }),
      ),
    )!;
    assert.deepEqual(stalled.completionStatus, { SUCCESS: 0, FAILURE: 0, INCOMPLETE: 0, PENDING: 1 });
    assert.equal(stalled.completed, null);
    const orphan = source('Orphan', { features: [], owner: undefined });
    const unassigned = activityOf(
      input([connectorRequest(0, ad), manualRequest(1, orphan)], catalog({ sources: [ad, orphan] })),
    )!;
    assert.equal(unassigned.completionStatus.PENDING, 1);
  });

  test('shares for a fixed seed sum to exactly 1, and a plan of unknown sources has no activity', () => {
    const flaky = source('Flaky', { timing: { connector: { ...STEADY_CONNECTOR, failureRate: 0.3 } } });
    const inp = input(
      [connectorRequest(0, ad), connectorRequest(1, flaky)],
      catalog({ sources: [ad, flaky] }),
      { seed: 7, runs: 400 },
    );
    const activity = activityOf(inp)!;
    const failed = predictPlan(inp)[1]!.outcomes!.failed;
    // Flaky fails alone in its runs; AD always succeeds: INCOMPLETE exactly where Flaky failed.
    assert.equal(activity.completionStatus.INCOMPLETE, failed);
    assert.ok(failed > 0.2 && failed < 0.4);
    const sum = Object.values(activity.completionStatus).reduce((a, b) => a + b, 0);
    assert.equal(Math.round(sum * 10_000), 10_000);
    assert.deepEqual(activityOf(inp), activity);
    assert.equal(activityOf(input([unknownRequest(0, 'Mystery')], merged)), null);
  });

  test("every event carries the activity's words at its time, the same for every request of the plan", () => {
    const inp = input(
      [connectorRequest(0, ad), connectorRequest(1, ldap), ticketRequest(2, hr, failing)],
      merged,
    );
    const { events, activity } = simulatePlan(inp, { scenarios: [] });
    const verified0 = events.find((e) => e.kind === 'verified' && e.requestIndex === 0)!;
    const ticketFailed = events.find((e) => e.kind === 'status-check' && e.requestIndex === 2)!;
    const last = Math.max(verified0.minutes, ticketFailed.minutes, ...events.map((e) => e.minutes));
    // #0 is verified while #2 is still open: the activity is not COMPLETED yet.
    assert.ok(verified0.minutes < ticketFailed.minutes);
    assert.deepEqual(
      [verified0.words.provisioningStatus, verified0.words.executionStatus, verified0.words.completionStatus],
      ['FINISHED', 'EXECUTING', 'PENDING'],
    );
    // The failed ticket is the last item: the activity completes INCOMPLETE, not FAILURE.
    assert.deepEqual(
      [
        ticketFailed.words.provisioningStatus,
        ticketFailed.words.executionStatus,
        ticketFailed.words.completionStatus,
      ],
      ['FAILED', 'COMPLETED', 'INCOMPLETE'],
    );
    assert.match(
      ticketFailed.text,
      /account activity is now COMPLETED, completionStatus INCOMPLETE: not all items provisioned/,
    );
    for (const event of events) {
      const done = event.minutes >= ticketFailed.minutes;
      assert.equal(
        event.words.executionStatus,
        done ? 'COMPLETED' : 'EXECUTING',
        `${event.kind} #${event.requestIndex}`,
      );
      assert.equal(event.words.completionStatus, done ? 'INCOMPLETE' : 'PENDING');
    }
    assert.equal(last, ticketFailed.minutes);
    assert.equal(activity!.completionStatus.INCOMPLETE, 1);
  });

  test('VERIFYING once every item has left PENDING and one still waits for its aggregation', () => {
    const { events } = simulatePlan(input([connectorRequest(0, ad), connectorRequest(1, ldap)], merged), {
      scenarios: [],
    });
    assert.deepEqual(
      [events[0]!.kind, events[0]!.words.executionStatus, events[0]!.words.completionStatus],
      ['queued', 'EXECUTING', 'PENDING'],
    );
    // Both calls answer after one minute: from then on every item has left PENDING.
    const commits = events.filter((e) => e.kind === 'committed');
    assert.deepEqual(
      commits.map((e) => [e.minutes, e.words.executionStatus, e.words.completionStatus]),
      [
        [1, 'VERIFYING', 'PENDING'],
        [1, 'VERIFYING', 'PENDING'],
      ],
    );
    const verified = events.filter((e) => e.kind === 'verified');
    assert.equal(verified[0]!.words.executionStatus, 'VERIFYING');
    assert.deepEqual(
      [verified[1]!.words.executionStatus, verified[1]!.words.completionStatus],
      ['COMPLETED', 'SUCCESS'],
    );
  });
});
