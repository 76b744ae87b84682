import * as assert from 'node:assert/strict';
import { predictPlan } from '../../../../server/src/service/prediction/predict';
import { simulatePlan } from '../../../../server/src/service/prediction/simulate';
import type { ServiceDeskIntegration } from '../../../../server/src/service/catalog/types';
import { catalog, input, sdim, source, ticketRequest } from './fixtures';

/** Friday 6 June 2025, 17:30 UTC, and Tuesday 3 June 2025, 09:00 UTC. */
const FRIDAY_EVENING = Date.UTC(2025, 5, 6, 17, 30);
const TUESDAY_MORNING = Date.UTC(2025, 5, 3, 9, 0);

const hr = source('HR Portal', { aggregation: { schedule: '0 0 2 * * ?', durationMinutes: 15 } });

function snow(extra: Partial<ServiceDeskIntegration> = {}): ServiceDeskIntegration {
  return sdim('ServiceNow SDIM', {
    managedSources: ['HR Portal'],
    statusMap: { in_process: 'Queued', closed_complete: 'Committed', closed_cancelled: 'Failed' },
    ticketWorkflow: [{ status: 'in_process', hours: { p50: 4, p90: 16 } }, { status: 'closed_complete' }],
    driftRate: 0,
    ...extra,
  });
}

function plan(submittedAt: number, integration = snow()): Parameters<typeof predictPlan>[0] {
  return input(
    [ticketRequest(0, hr, integration)],
    catalog({ sources: [hr], integrations: [integration], timeZone: 'UTC' }),
    { submittedAt },
  );
}

suite('prediction: tickets are worked in the SDIM business hours, checked in calendar time', () => {
  test('a ticket raised on Tuesday morning is worked the same day; on Friday evening the 2-day window runs out', () => {
    const [tuesday] = predictPlan(plan(TUESDAY_MORNING));
    assert.deepEqual(tuesday!.milestones.committed, { p50Minutes: 210, p90Minutes: 1620 });
    assert.deepEqual(tuesday!.milestones.verified, { p50Minutes: 1035, p90Minutes: 2475 });
    assert.equal(tuesday!.outcomes!.success, 0.9025);
    assert.equal(tuesday!.outcomes!.stalled, 0.0975);
    // Nobody works the ticket before Monday 09:00 (63.5 h later), and ISC stops checking after 48 h.
    const [friday] = predictPlan(plan(FRIDAY_EVENING));
    assert.equal(friday!.milestones.committed, null);
    assert.equal(friday!.outcomes!.stalled, 1);
  });

  test('the catalog business hours of the SDIM are the ones worked', () => {
    const weekend = snow({ businessHours: { days: ['Sat', 'Sun'], start: '08:00', end: '20:00' } });
    const [friday] = predictPlan(plan(FRIDAY_EVENING, weekend));
    // Saturday 08:00 is 870 min after Friday 17:30; 4 working hours later the ticket closes.
    assert.deepEqual(friday!.milestones.committed, { p50Minutes: 1110, p90Minutes: 2370 });
    assert.ok(!friday!.assumptions.some((a) => a.startsWith('No business hours')));
  });

  test('the replay shows the give-up while the ticket is still open, and the close after it unseen', () => {
    const run = simulatePlan(plan(FRIDAY_EVENING), { scenarios: [] });
    assert.deepEqual(
      run.events.map((e) => [e.kind, e.at, e.words.ticketStatus]),
      [
        ['ticket-created', '2025-06-06T17:30:00.000Z', 'in_process'],
        ['gave-up', '2025-06-08T17:30:00.000Z', 'in_process'],
        ['ticket-status', '2025-06-09T14:03:43.112Z', 'closed_complete'],
      ],
    );
    const gaveUp = run.events[1]!.text;
    assert.match(gaveUp, /ISC no longer follows it, even if it closes later, and the item stays PENDING/);
    assert.match(gaveUp, /Follow the ticket in the service desk/);
    assert.doesNotMatch(gaveUp, /POST \/access-requests/);
    assert.match(run.events[2]!.text, /after ISC stopped checking it: ISC never sees this/);
  });
});
