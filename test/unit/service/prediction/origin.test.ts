import * as assert from 'node:assert/strict';
import { predictPlan } from '../../../../server/src/service/prediction/predict';
import { simulatePlan } from '../../../../server/src/service/prediction/simulate';
import type { CatalogSource } from '../../../../server/src/service/catalog/types';
import type { PlanFacts, PlanOrigin } from '../../../../server/src/service/prediction/input/predictionInput';
import { STEADY_CONNECTOR, catalog, connectorRequest, input, manualRequest, source } from './fixtures';

/** Friday 6 June 2025, 17:30 UTC; Tuesday 3 June 2025, 08:00 UTC. */
const FRIDAY_EVENING = Date.UTC(2025, 5, 6, 17, 30);
const TUESDAY_MORNING = Date.UTC(2025, 5, 3, 8, 0);

const STEADY = source('Steady', { timing: { connector: STEADY_CONNECTOR } });

function plan(origin?: PlanOrigin): PlanFacts {
  return origin ? { name: 'Test plan', origin } : { name: 'Test plan' };
}

function predictSteady(origin: PlanOrigin | undefined, submittedAt?: number) {
  const options = submittedAt === undefined ? {} : { submittedAt };
  const merged = catalog({ sources: [STEADY], timeZone: 'UTC' });
  return predictPlan(input([connectorRequest(0, STEADY)], merged, options, plan(origin)))[0]!;
}

const FIXED_TWO_STEPS: PlanOrigin = {
  type: 'accessRequest',
  approvals: [
    { approver: 'manager', hours: { p50: 4, p90: 4 } },
    { approver: 'app owner', hours: { p50: 8, p90: 8 } },
  ],
};

suite('prediction: approvals before provisioning', () => {
  test('without origin: no approved milestone, the plan starts at the submission, and the assumptions say so', () => {
    const p = predictSteady(undefined);
    assert.equal(p.milestones.approved, null);
    assert.deepEqual(p.milestones.started, { p50Minutes: 0, p90Minutes: 0 });
    assert.ok(
      p.assumptions.includes(
        'The plan names no origin: the prediction starts at the submission, as if no approval came before it.',
      ),
    );
  });

  test('two fixed approvals on Monday 09:00: 12 business hours end Tuesday 13:00; the request starts then', () => {
    const p = predictSteady(FIXED_TWO_STEPS);
    assert.deepEqual(p.milestones.approved, { p50Minutes: 1680, p90Minutes: 1680 });
    assert.deepEqual(p.milestones.started, { p50Minutes: 1680, p90Minutes: 1680 });
    assert.deepEqual(p.milestones.committed, { p50Minutes: 1681, p90Minutes: 1681 });
    assert.ok(
      p.assumptions.some((a) => a.startsWith('Approvals by manager, then app owner, one after the other')),
    );
  });

  test('Friday evening waits for Monday; Tuesday morning waits hours', () => {
    const fixed: PlanOrigin = {
      type: 'accessRequest',
      approvals: [{ approver: 'manager', hours: { p50: 4, p90: 4 } }],
    };
    // Friday 17:30 -> Monday 09:00 + 4 h = 13:00: 2 days 19.5 hours.
    assert.deepEqual(predictSteady(fixed, FRIDAY_EVENING).milestones.approved, {
      p50Minutes: 4050,
      p90Minutes: 4050,
    });
    // Tuesday 08:00 -> 09:00 + 4 h = 13:00.
    assert.deepEqual(predictSteady(fixed, TUESDAY_MORNING).milestones.approved, {
      p50Minutes: 300,
      p90Minutes: 300,
    });
  });

  test('log-normal approvals, seed 1, 400 runs: the exact milestones with and without approvals', () => {
    const random: PlanOrigin = {
      type: 'accessRequest',
      approvals: [
        { approver: 'manager', hours: { p50: 4, p90: 24 } },
        { approver: 'owner', hours: { p50: 8, p90: 40 } },
      ],
    };
    const withApprovals = predictSteady(random).milestones;
    const without = predictSteady(undefined).milestones;
    assert.deepEqual(withApprovals, APPROVED_SEED_1);
    assert.deepEqual(without, {
      approved: null,
      started: { p50Minutes: 0, p90Minutes: 0 },
      committed: { p50Minutes: 1, p90Minutes: 1 },
      verified: { p50Minutes: 1035, p90Minutes: 1035 },
    });
  });

  test('before the last approval the user view says the request waits for its approvals', () => {
    const merged = catalog({ sources: [STEADY], timeZone: 'UTC' });
    const { perspectives } = simulatePlan(
      input([connectorRequest(0, STEADY)], merged, {}, plan(FIXED_TWO_STEPS)),
      {
        moment: 1,
        scenarios: [],
      },
    );
    assert.equal(
      perspectives.user[0]!.text,
      '#1 Modify on Steady: Not yet: the request waits for its approvals; provisioning starts at +1.2 d.',
    );
  });

  test('escalation hands a slow step on, which bounds the long waits', () => {
    const slow = (escalationDays?: number): PlanOrigin => ({
      type: 'accessRequest',
      approvals: [{ approver: 'manager', hours: { p50: 8, p90: 400 } }],
      ...(escalationDays === undefined ? {} : { escalationDays }),
    });
    const never = predictSteady(slow(), TUESDAY_MORNING).milestones.approved!;
    const escalated = predictSteady(slow(2), TUESDAY_MORNING).milestones.approved!;
    assert.deepEqual(never, ESCALATION_SEED_1.never);
    assert.deepEqual(escalated, ESCALATION_SEED_1.escalated);
    assert.ok(escalated.p90Minutes < never.p90Minutes / 2, JSON.stringify({ never, escalated }));
    assert.ok(
      predictSteady(slow(2)).assumptions.some((a) =>
        a.startsWith("An approval not given within 2 days is escalated to the approver's manager"),
      ),
    );
  });

  test('a fixed step longer than the deadline goes through every escalation, then the fallback approver keeps it', () => {
    const fixed: PlanOrigin = {
      type: 'accessRequest',
      approvals: [{ approver: 'manager', hours: { p50: 40, p90: 40 } }],
      escalationDays: 1,
    };
    // Three escalations (Tuesday, Wednesday, Thursday 09:00), then 40 business hours from Thursday:
    // Thursday, Friday, Monday, Tuesday, Wednesday 17:00 of the next week (9 days 8 hours).
    assert.deepEqual(predictSteady(fixed).milestones.approved, { p50Minutes: 13440, p90Minutes: 13440 });
  });
});

suite('prediction: identity refresh repairs', () => {
  const failing: CatalogSource = source('Flaky', {
    aggregation: { schedule: '0 0 2 * * ?', durationMinutes: 15 },
    timing: { connector: { ...STEADY_CONNECTOR, failureRate: 0.5 } },
  });
  const drifting: CatalogSource = source('Files', {
    features: [],
    aggregation: { schedule: '0 0 2 * * ?', durationMinutes: 15 },
    timing: { manual: { driftRate: 0.5, completionHours: { p50: 1, p90: 4 } } },
  });

  function predictOrigin(type: PlanOrigin['type'], schedule?: string) {
    const merged = catalog({ sources: [failing, drifting], timeZone: 'UTC' });
    if (schedule) merged.identityRefresh = { schedule };
    const requests = [connectorRequest(0, failing), manualRequest(1, drifting)];
    return predictPlan(input(requests, merged, {}, plan({ type, approvals: [] })));
  }

  test('role origin: failed and drifted requests recover at the next refresh; access request: they do not', () => {
    const [connector, manual] = predictOrigin('role');
    assert.deepEqual(connector!.outcomes, REFRESH_SEED_1.connector);
    assert.deepEqual(manual!.outcomes, REFRESH_SEED_1.manual);
    assert.ok(connector!.outcomes.recovered > 0 && manual!.outcomes.recovered > 0);
    const [asked, askedManual] = predictOrigin('accessRequest');
    assert.equal(asked!.outcomes!.recovered, 0);
    assert.equal(askedManual!.outcomes!.recovered, 0);
    assert.equal(asked!.outcomes!.failed, connector!.outcomes.failed + connector!.outcomes.recovered);
    assert.equal(askedManual!.outcomes!.drift, manual!.outcomes.drift + manual!.outcomes.recovered);
  });

  test('the first attempt keeps its times: a recovered connector run has no committed time, only verified', () => {
    const [role] = predictOrigin('role');
    const [asked] = predictOrigin('accessRequest');
    assert.deepEqual(role!.milestones.started, asked!.milestones.started);
    assert.deepEqual(role!.milestones.committed, asked!.milestones.committed);
  });

  test('the dry run shows the refresh attempt in ISC words, at the next refresh run after the failure', () => {
    const broken = source('Broken', { timing: { connector: { ...STEADY_CONNECTOR, failureRate: 1 } } });
    const merged = catalog({ sources: [broken], timeZone: 'UTC' });
    const origin: PlanOrigin = { type: 'lifecycle', approvals: [] };
    const { events, requests } = simulatePlan(
      input([connectorRequest(0, broken)], merged, {}, plan(origin)),
      {
        scenarios: [],
      },
    );
    // Monday 09:01 UTC: the first attempt fails; the 20:00 refresh run (660 minutes) tries once more.
    assert.deepEqual(
      events.map((e) => [e.kind, e.minutes, e.attempt]),
      [
        ['queued', 0, 1],
        ['started', 0, 1],
        ['failed', 1, 1],
        ['refresh', 660, 2],
        ['started', 660, 2],
        ['failed', 661, 2],
      ],
    );
    const refresh = events.find((e) => e.kind === 'refresh')!;
    assert.equal(refresh.minutes, 660);
    assert.equal(refresh.words.provisioningStatus, 'PENDING');
    assert.match(
      refresh.text,
      /identity refresh re-evaluates the identity's roles, access profiles and lifecycle state/,
    );
    assert.equal(requests[0]!.outcomes!.failed, 1);
  });

  test('the default refresh runs at 08:00 and 20:00; the catalog schedule replaces it and is named', () => {
    const [byDefault] = predictOrigin('lifecycle');
    assert.ok(
      byDefault!.assumptions.some((a) => a.includes('08:00 or 20:00 (UTC) as SailPoint documents it')),
      byDefault!.assumptions.join('\n'),
    );
    const [weekly] = predictOrigin('accessProfile', '0 0 20 ? * 1');
    assert.ok(weekly!.assumptions.some((a) => a.includes('identityRefresh schedule "0 0 20 ? * 1"')));
    // A weekly refresh (Sunday 20:00) repairs later than a twice-daily one.
    assert.ok(weekly!.milestones.verified!.p90Minutes > byDefault!.milestones.verified!.p90Minutes);
  });
});

/** Numbers of seed 1 (regenerate only when the model changes on purpose). */
const APPROVED_SEED_1 = {
  approved: { p50Minutes: 1886.5, p90Minutes: 13265.1 },
  started: { p50Minutes: 1886.5, p90Minutes: 13265.1 },
  committed: { p50Minutes: 1887.5, p90Minutes: 13266.1 },
  verified: { p50Minutes: 2475, p90Minutes: 13995 },
};
const ESCALATION_SEED_1 = {
  never: { p50Minutes: 470.35, p90Minutes: 101169.26 },
  escalated: { p50Minutes: 470.35, p90Minutes: 8836.17 },
};
const OUTCOMES = { success: 0, recovered: 0, partial: 0, failed: 0, unverifiable: 0, stalled: 0, drift: 0 };
const REFRESH_SEED_1 = {
  connector: { ...OUTCOMES, success: 0.49, recovered: 0.24, failed: 0.27, 'not-fulfilled': 0 },
  manual: { ...OUTCOMES, success: 0.5, recovered: 0.2475, drift: 0.2525, 'not-fulfilled': 0 },
};
