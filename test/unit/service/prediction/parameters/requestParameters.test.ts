import * as assert from 'node:assert/strict';
import { predictPlan } from '../../../../../server/src/service/prediction/predict';
import type { CatalogSource } from '../../../../../server/src/service/catalog/types';
import { DEFAULTS } from '../../../../../server/src/service/prediction/parameters/defaults';
import { NO_ORIGIN } from '../../../../../server/src/service/prediction/parameters/planParameters';
import {
  catalog,
  connectorRequest,
  input,
  manualRequest,
  sdim,
  source,
  ticketRequest,
  unknownRequest,
} from '../fixtures';

/** What each assumption below adds: the key to set, with an example. */
const AGGREGATION_HINT =
  ' Set aggregation.schedule on the source, e.g. aggregation: { schedule: "0 0 2 * * ?" }.';
const TICKET_HOURS_HINT =
  ' Set businessHours on the integration, e.g. { days: [Mon, Tue, Wed, Thu, Fri], start: "08:00", end: "17:00" }.';

/** A connector source with every parameter the model reads given explicitly. */
function complete(name: string, extra: Partial<CatalogSource> = {}): CatalogSource {
  return source(name, {
    aggregation: { schedule: '0 0 5,13,21 * * ?', durationMinutes: 20 },
    connectorAttributes: {
      retryableErrors: ['timed out'],
      provisioningMaxRetries: 2,
      provisioningRetryThreshold: 30,
    },
    // Every field the model reads, given (the values of the default table: the types make them complete).
    timing: { connector: { ...DEFAULTS.connector }, manual: { ...DEFAULTS.manual } },
    ...extra,
  });
}

const ATTRIBUTE = [{ name: 'memberOf', operation: 'Add', value: 'CN=Finance' }];

/** The request's assumptions besides the plan's "no origin" (tested on its own below). */
function assumptionsOf(...args: Parameters<typeof input>): string[] {
  return predictPlan(input(...args))[0]!.assumptions.filter((a) => a !== NO_ORIGIN);
}

suite('prediction/parameters: assumptions list exactly the defaults used', () => {
  test('a plan without origin says once, first, that it starts at the submission; not for an unknown source', () => {
    const src = complete('Active Directory');
    const merged = catalog({ sources: [src], timeZone: 'UTC' });
    const [known, unknown] = predictPlan(
      input([connectorRequest(0, src), unknownRequest(1, 'Nowhere')], merged),
    );
    assert.deepEqual(known!.assumptions, [NO_ORIGIN]);
    assert.ok(!unknown!.assumptions.includes(NO_ORIGIN));
  });

  test('a source that gives everything needs no assumption', () => {
    const src = complete('Active Directory');
    assert.deepEqual(
      assumptionsOf(
        [connectorRequest(0, src, { attributes: ATTRIBUTE })],
        catalog({ sources: [src], timeZone: 'UTC' }),
      ),
      [],
    );
    assert.deepEqual(
      assumptionsOf([manualRequest(0, src)], catalog({ sources: [src], timeZone: 'UTC' })),
      [],
    );
  });

  test('a missing aggregation schedule and time zone are named in plain words', () => {
    const src = complete('Payroll', { aggregation: undefined });
    assert.deepEqual(
      assumptionsOf([connectorRequest(0, src, { attributes: ATTRIBUTE })], catalog({ sources: [src] })),
      [
        'No aggregation schedule for Payroll: assumed daily at 02:00 (UTC), 15 minutes long — ISC documents no default.' +
          AGGREGATION_HINT,
        'No time zone in the catalog: schedules and business hours are read in UTC. Set timeZone at the top of the catalog, e.g. timeZone: Europe/Berlin.',
      ],
    );
  });

  test('a connector source from a tenant export lists each default once, retries with the forum note', () => {
    const src = source('Active Directory', { connectorAttributes: { retryableErrors: ['timed out'] } });
    const assumptions = assumptionsOf(
      [connectorRequest(0, src, { attributes: ATTRIBUTE })],
      catalog({ sources: [src], timeZone: 'Europe/Berlin' }),
    );
    // Every connector default but the attribute failure rate, which is 0 and not an assumption.
    assert.equal(assumptions.length, 9);
    assert.ok(!assumptions.some((a) => a.includes('attribute')));
    assert.ok(
      assumptions.some((a) =>
        a.startsWith(
          'No queue time for Active Directory: assumed 0.5 min typically, 5 min at the 90th percentile',
        ),
      ),
    );
    assert.ok(
      assumptions.some(
        (a) =>
          a.includes('provisioningRetryThreshold') &&
          a.includes('60 minutes') &&
          a.includes('forum') &&
          a.includes('1 minute'),
      ),
    );
    assert.ok(assumptions.some((a) => a.includes('provisioningMaxRetries') && a.includes('3 retries')));
    assert.ok(
      assumptions.includes(
        'No aggregation schedule for Active Directory: assumed daily at 02:00 (Europe/Berlin), 15 minutes long — ISC documents no default.' +
          AGGREGATION_HINT,
      ),
    );
    assert.equal(new Set(assumptions).size, assumptions.length);
  });

  test('without retryableErrors nothing is retried, so no retry default is used', () => {
    const src = complete('Payroll', { connectorAttributes: {} });
    const assumptions = assumptionsOf(
      [connectorRequest(0, src, { attributes: ATTRIBUTE })],
      catalog({ sources: [src], timeZone: 'UTC' }),
    );
    assert.deepEqual(assumptions, [
      'Payroll sets retryableShare but lists no retryableErrors: ISC retries only errors that match retryableErrors, so no failure is retried.',
    ]);
  });

  test('no attribute failure is assumed: a connector answers for the whole account request', () => {
    const src = complete('AD', {
      timing: { connector: { ...complete('x').timing!.connector!, attributeFailureRate: undefined } },
    });
    const merged = catalog({ sources: [src], timeZone: 'UTC' });
    assert.deepEqual(assumptionsOf([connectorRequest(0, src)], merged), []);
    assert.deepEqual(assumptionsOf([connectorRequest(0, src, { attributes: ATTRIBUTE })], merged), []);
  });

  test('a valid Quartz expression that cannot be evaluated falls back to the default and says so', () => {
    const src = complete('HR', { aggregation: { schedule: '0 0 2 L-3 * ?', durationMinutes: 20 } });
    const assumptions = assumptionsOf(
      [connectorRequest(0, src)],
      catalog({ sources: [src], timeZone: 'UTC' }),
    );
    assert.deepEqual(assumptions, [
      'The aggregation schedule "0 0 2 L-3 * ?" of HR is valid Quartz that isc-plan cannot evaluate: assumed daily at 02:00 (UTC).',
    ]);
  });

  test('a source without aggregation needs no schedule and is never verified', () => {
    for (const extra of [
      { aggregation: { schedule: 'none' } },
      { features: ['PROVISIONING', 'NO_AGGREGATION'] },
    ]) {
      const src = complete('Files', extra);
      const [prediction] = predictPlan(
        input([connectorRequest(0, src)], catalog({ sources: [src], timeZone: 'UTC' })),
      );
      assert.deepEqual(prediction!.assumptions, [NO_ORIGIN]);
      assert.equal(prediction!.milestones.verified, null);
      assert.ok(prediction!.outcomes!.unverifiable > 0.8);
    }
  });

  test('ticketing lists the SDIM and status-check defaults', () => {
    const hr = complete('HR Portal');
    const snow = sdim('ServiceNow SDIM', { managedSources: ['HR Portal'] });
    const assumptions = assumptionsOf(
      [ticketRequest(0, hr, snow)],
      catalog({ sources: [hr], integrations: [snow], timeZone: 'UTC' }),
    );
    assert.equal(assumptions.length, 5);
    assert.ok(
      assumptions[0]!.startsWith(
        'No ticket workflow for ServiceNow SDIM: assumed one working status "open" (4 working hours typically, 16 working hours at the 90th percentile; 5 % end in "cancelled"',
      ),
    );
    assert.ok(
      assumptions.includes(
        "No business hours for ServiceNow SDIM: assumed its tickets are worked Mon-Fri 09:00-17:00 (UTC), like manual tasks; ISC's status checks keep counting calendar time." +
          TICKET_HOURS_HINT,
      ),
    );
    assert.ok(
      assumptions.some(
        (a) => a.includes('provisioningStatusCheckIntervalMinutes') && a.includes('30 minutes'),
      ),
    );
    assert.ok(assumptions.some((a) => a.includes('provisioningMaxStatusCheckDays') && a.includes('2 days')));
    const named = sdim('ServiceNow SDIM', {
      managedSources: ['HR Portal'],
      statusMap: { requested: 'Queued', closed_complete: 'Committed', closed_cancelled: 'Failed' },
      ticketWorkflow: [{ status: 'requested', hours: { p50: 1, p90: 2 } }, { status: 'closed_complete' }],
      businessHours: { days: ['Mon', 'Tue', 'Wed', 'Thu'], start: '08:00', end: '18:00' },
      driftRate: 0,
    });
    const status = { provisioningStatusCheckIntervalMinutes: 15, provisioningMaxStatusCheckDays: 3 };
    assert.deepEqual(
      assumptionsOf(
        [ticketRequest(0, hr, named)],
        catalog({ sources: [hr], integrations: [named], timeZone: 'UTC', statusCheck: status }),
      ),
      [],
    );
  });

  test('a missing status map makes the last workflow status Committed', () => {
    const hr = complete('HR Portal');
    const snow = sdim('Jira', {
      managedSources: ['HR Portal'],
      ticketWorkflow: [{ status: 'Open', hours: { p50: 1, p90: 1 } }, { status: 'Done' }],
      driftRate: 0,
    });
    const status = { provisioningStatusCheckIntervalMinutes: 30, provisioningMaxStatusCheckDays: 2 };
    const [prediction] = predictPlan(
      input(
        [ticketRequest(0, hr, snow)],
        catalog({ sources: [hr], integrations: [snow], timeZone: 'UTC', statusCheck: status }),
      ),
    );
    assert.deepEqual(prediction!.assumptions, [
      'No status map for Jira: assumed its last workflow status "Done" maps to Committed and the others to Queued.',
      "No business hours for Jira: assumed its tickets are worked Mon-Fri 09:00-17:00 (UTC), like manual tasks; ISC's status checks keep counting calendar time." +
        TICKET_HOURS_HINT,
      NO_ORIGIN,
    ]);
    assert.deepEqual(prediction!.milestones.committed, { p50Minutes: 60, p90Minutes: 60 });
  });

  test('an unknown source is not predicted, and says why', () => {
    const [prediction] = predictPlan(input([unknownRequest(0, 'Mystery')], catalog()));
    assert.equal(prediction!.channel, 'unknown');
    assert.equal(prediction!.outcomes, null);
    assert.deepEqual(prediction!.milestones, {
      approved: null,
      started: null,
      committed: null,
      verified: null,
    });
    assert.match(prediction!.assumptions[0]!, /Mystery.*nothing is predicted/);
  });

  test('a declared channel is predicted with every default and says it rests on the declaration', () => {
    const [prediction] = predictPlan(input([unknownRequest(0, 'Legacy App', 'manual')], undefined));
    assert.equal(prediction!.channel, 'manual');
    assert.match(prediction!.assumptions[0]!, /in no catalog.*declared channel "manual" alone/);
    assert.ok(prediction!.assumptions.some((a) => a.includes('8 business hours typically')));
    assert.ok(prediction!.milestones.committed !== null);
    assert.equal(prediction!.outcomes!.failed, 0);
  });

  test('an unknown time zone falls back to UTC and says so', () => {
    const src = complete('AD');
    const assumptions = assumptionsOf(
      [connectorRequest(0, src)],
      catalog({ sources: [src], timeZone: 'Mars/Base' }),
    );
    assert.deepEqual(assumptions, [
      'The catalog\'s time zone "Mars/Base" is not an IANA time zone: assumed UTC. Use an IANA name, e.g. timeZone: Europe/Berlin.',
    ]);
  });
});
