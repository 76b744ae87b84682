import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { simulatePlan } from '../../../../../server/src/service/prediction/simulate';
import { placeholderId } from '../../../../../server/src/service/prediction/output/triggerPayload';
import type { TriggerOutput } from '../../../../../shared/simulation';
import type {
  PlanFacts,
  PredictionRequest,
} from '../../../../../server/src/service/prediction/input/predictionInput';
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
import { REPO_ROOT } from '../../../../repoPaths';

const SCHEMA_FILE = path.join(REPO_ROOT, 'schemas', 'isc', 'provisioning-completed-trigger.schema.yaml');

function validator(): (payload: unknown) => boolean {
  const schema = parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as object;
  return new Ajv({ strict: false, allErrors: true }).compile(schema);
}

const ad = source('Active Directory', { id: '2c9180855d191c59015d291ceb051111' });
const payroll = source('Payroll', { features: [] });
const hr = source('HR Portal');
const snow = sdim('ServiceNow SDIM', { managedSources: ['HR Portal'] });
const merged = catalog({ sources: [ad, payroll, hr], integrations: [snow] });

function trigger(
  plan: PlanFacts = { name: 'Jane joins Finance', identity: { name: 'jane.doe' } },
  seed = 1,
): TriggerOutput {
  const requests = [
    connectorRequest(0, ad, {
      attributes: [
        { name: 'memberOf', operation: 'Add', value: ['CN=Finance', 'CN=Payroll'] },
        { name: 'title', operation: 'Remove', value: null },
      ],
    }),
    manualRequest(1, payroll, {
      operation: 'Create',
      attributes: [{ name: 'employeeId', operation: 'set', value: 4711 }],
    }),
    ticketRequest(2, hr, snow, { operation: 'Disable' }),
    unknownRequest(3, 'Mystery'),
  ];
  return simulatePlan(input(requests, merged, { seed }, plan), { scenarios: [] }).trigger;
}

suite('prediction/trigger: the Provisioning Completed payload', () => {
  test('keeps a verbatim copy of the trigger schema with its source noted', () => {
    const copy = fs.readFileSync(SCHEMA_FILE, 'utf8').split('\n');
    assert.match(copy[0]!, /^# Source: github\.com\/sailpoint-oss\/api-specs/);
    assert.match(copy[1]!, /^# Copy kept by isc-plan/);
  });

  test('is valid against the trigger input schema', () => {
    const validate = validator();
    assert.ok(validate(trigger().payload));
    assert.ok(
      validate(
        trigger({
          name: 'x',
          identity: { name: 'jane.doe' },
          requester: { name: 'kim.admin', id: 'abc' },
        }).payload,
      ),
    );
    assert.ok(!validate({ ...trigger().payload, sources: ['Active Directory'] }));
  });

  test("carries ISC's fields: comma-separated sources, results as dispatched, SDIM as target", () => {
    const { payload } = trigger();
    assert.equal(payload.sources, 'Active Directory, Payroll, HR Portal');
    assert.deepEqual(payload.recipient, {
      type: 'IDENTITY',
      id: placeholderId('identity', 'jane.doe'),
      name: 'jane.doe',
    });
    const [connector, manual, ticket] = payload.accountRequests;
    assert.equal(payload.accountRequests.length, 3);
    assert.ok(['SUCCESS', 'FAILED'].includes(connector!.provisioningResult));
    assert.equal(connector!.provisioningTarget, 'Active Directory');
    assert.equal(connector!.source.id, '2c9180855d191c59015d291ceb051111');
    assert.equal(connector!.accountId, 'uid=0');
    assert.deepEqual(connector!.attributeRequests, [
      { attributeName: 'memberOf', attributeValue: 'CN=Finance', operation: 'Add' },
      { attributeName: 'memberOf', attributeValue: 'CN=Payroll', operation: 'Add' },
      { attributeName: 'title', attributeValue: null, operation: 'Remove' },
    ]);
    assert.equal(manual!.provisioningResult, 'PENDING');
    assert.equal(manual!.provisioningTarget, 'Payroll');
    assert.equal(manual!.accountId, undefined);
    assert.deepEqual(manual!.attributeRequests, [
      { attributeName: 'employeeId', attributeValue: '4711', operation: 'Set' },
    ]);
    assert.equal(ticket!.provisioningResult, 'PENDING');
    assert.equal(ticket!.provisioningTarget, 'ServiceNow SDIM');
    assert.match(ticket!.ticketId!, /^\d{8}$/);
  });

  test('uses stable placeholder ids where the plan and catalog have none, and says so next to the payload', () => {
    const first = trigger();
    assert.deepEqual(trigger(), first);
    assert.match(first.payload.trackingNumber, /^[0-9a-f]{32}$/);
    assert.match(first.payload.accountRequests[1]!.source.id, /^[0-9a-f]{32}$/);
    assert.equal(first.payload.accountRequests[1]!.source.id, placeholderId('source', 'Payroll'));
    assert.notEqual(placeholderId('source', 'Payroll'), placeholderId('source', 'Payroll2'));
    const notes = first.notes.join('\n');
    assert.match(notes, /Payroll has no id/);
    assert.match(notes, /HR Portal has no id/);
    assert.match(notes, /jane\.doe has no id/);
    assert.match(notes, /trackingNumber [0-9a-f]{32} is a placeholder derived from the seed and the plan/);
    assert.match(notes, /no displayName for the recipient jane\.doe/);
    assert.match(notes, /ticketId \d+ is a placeholder/);
    assert.match(notes, /Mystery\) is left out/);
    assert.ok(!notes.includes('Active Directory has no id'));
    assert.ok(!('notes' in first.payload));
  });

  test("uses the identity's id and display name when given; the trackingNumber is ISC's, never the plan's trackingId", () => {
    const plan = {
      name: 'x',
      identity: { name: 'jane.doe', id: '2c9180835d2e5168015d32f890ca1581', displayName: 'Jane Doe' },
      trackingId: 'REQ-1042',
    };
    const { payload, notes } = trigger(plan);
    assert.match(payload.trackingNumber, /^[0-9a-f]{32}$/);
    assert.notEqual(payload.trackingNumber, 'REQ-1042');
    assert.deepEqual(payload.recipient, {
      type: 'IDENTITY',
      id: '2c9180835d2e5168015d32f890ca1581',
      name: 'Jane Doe',
    });
    assert.ok(notes.some((n) => n.includes("not the plan's trackingId REQ-1042")));
    assert.ok(!notes.some((n) => n.includes('jane.doe')));
    assert.equal(trigger(plan).payload.trackingNumber, payload.trackingNumber);
    assert.notEqual(trigger(plan, 2).payload.trackingNumber, payload.trackingNumber);
  });

  test('split-off permission requests are their own account request, with their own result', () => {
    const shares = source('File Share', {
      features: ['PROVISIONING', 'NO_PERMISSIONS_PROVISIONING'],
      timing: { connector: STEADY_CONNECTOR },
    });
    const requests = [connectorRequest(0, shares, { permissions: 2 }), lockRequest(1)];
    const { payload, notes } = simulatePlan(input(requests, catalog({ sources: [shares] })), {
      scenarios: [],
    }).trigger;
    assert.ok(validator()(payload));
    assert.equal(payload.accountRequests.length, 2);
    const [main, part] = payload.accountRequests;
    assert.deepEqual(
      [main!.provisioningResult, main!.provisioningTarget, main!.accountId],
      ['SUCCESS', 'File Share', 'uid=0'],
    );
    assert.deepEqual(
      [part!.provisioningResult, part!.provisioningTarget, part!.accountId, part!.accountOperation],
      ['PENDING', 'File Share', 'uid=0', 'Modify'],
    );
    assert.equal(part!.attributeRequests, undefined);
    assert.equal(payload.sources, 'File Share');
    const text = notes.join('\n');
    assert.match(text, /#1: its permission requests are split off \(NO_PERMISSIONS_PROVISIONING\)/);
    // Lock: ISC performs nothing, so it is not an operation of the payload.
    assert.ok(!payload.accountRequests.some((r) => r.accountOperation === 'Lock'));
    assert.match(text, /#2 \(Lock on File Share\) is left out: ISC performs no operation for it/);
    assert.match(text, /the plan's account activity is then EXECUTING, completionStatus PENDING/);
  });

  test('provisioningResult is each item at the moment the last connector answered', () => {
    const broken = source('Broken', { timing: { connector: { ...STEADY_CONNECTOR, failureRate: 1 } } });
    const steady = source('Steady', { timing: { connector: STEADY_CONNECTOR } });
    const { payload } = simulatePlan(
      input(
        [connectorRequest(0, steady), connectorRequest(1, broken), ticketRequest(2, hr, snow)],
        merged2(steady, broken),
      ),
      { scenarios: [] },
    ).trigger;
    assert.deepEqual(
      payload.accountRequests.map((r) => r.provisioningResult),
      ['SUCCESS', 'FAILED', 'PENDING'],
    );
    assert.deepEqual(payload.errors, ['Connector Broken failed']);
  });
});

function merged2(...extra: ReturnType<typeof source>[]): ReturnType<typeof catalog> {
  return catalog({ sources: [ad, payroll, hr, ...extra], integrations: [snow] });
}

function lockRequest(index: number): PredictionRequest {
  return {
    index,
    source: 'File Share',
    operation: 'Lock',
    nativeIdentity: 'uid=1',
    decision: {
      channel: 'none',
      target: null,
      reasons: [],
      missingFeatures: [],
      declaredOnly: false,
      parts: [],
    },
    attributeRequests: [],
    permissionCount: 0,
  };
}
