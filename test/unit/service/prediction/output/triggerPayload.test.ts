import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { simulatePlan } from '../../../../../server/src/service/prediction/simulate';
import { placeholderId } from '../../../../../server/src/service/prediction/output/triggerPayload';
import type { TriggerOutput } from '../../../../../shared/simulation';
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

function trigger(plan = { name: 'Jane joins Finance', identity: { name: 'jane.doe' } }): TriggerOutput {
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
  return simulatePlan(input(requests, merged, {}, plan), { scenarios: [] }).trigger;
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
        } as never).payload,
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
    assert.match(notes, /no trackingId/);
    assert.match(notes, /ticketId \d+ is a placeholder/);
    assert.match(notes, /Mystery\) is left out/);
    assert.ok(!notes.includes('Active Directory has no id'));
    assert.ok(!('notes' in first.payload));
  });

  test("uses the plan's trackingId and identity ids when given", () => {
    const { payload, notes } = trigger({
      name: 'x',
      identity: { name: 'jane.doe', id: '2c9180835d2e5168015d32f890ca1581' },
      trackingId: 'REQ-1042',
    } as never);
    assert.equal(payload.trackingNumber, 'REQ-1042');
    assert.equal(payload.recipient.id, '2c9180835d2e5168015d32f890ca1581');
    assert.ok(!notes.some((n) => n.includes('trackingId') || n.includes('jane.doe')));
  });
});
