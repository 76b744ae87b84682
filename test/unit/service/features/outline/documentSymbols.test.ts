import * as assert from 'node:assert/strict';
import type { OutlineSymbol } from '../../../../../server/src/service/features/outline/outlineSymbol';
import {
  documentSymbols,
  requestChannels,
} from '../../../../../server/src/service/features/outline/documentSymbols';
import { rangeOf } from '../../../helpers';
import { ACME, JANE, rangeAt, testWorkspace } from '../navigation/navigationFixtures';

/** A symbol as compared: kind, name, detail and children. */
interface Shape {
  kind: string;
  name: string;
  detail?: string;
  children?: Shape[];
}

function shapes(symbols: readonly OutlineSymbol[]): Shape[] {
  return symbols.map((s) => ({
    kind: s.kind,
    name: s.name,
    ...(s.detail ? { detail: s.detail } : {}),
    ...(s.children.length > 0 ? { children: shapes(s.children) } : {}),
  }));
}

function outline(files: Record<string, string>, name: string, limit = 5_000): OutlineSymbol[] {
  const t = testWorkspace(files);
  const file = t.open(name);
  return documentSymbols(file.docs, file.text, { limit, channelOf: requestChannels(t.service, file) });
}

const FILES = { 'tenant/acme.sources.yaml': ACME, 'tenant/jane.plan.yaml': JANE };

suite('outline (document symbols)', () => {
  test('a plan: its requests by source and operation, kind by channel, with attribute and permission requests', () => {
    assert.deepEqual(shapes(outline(FILES, 'tenant/jane.plan.yaml')), [
      {
        kind: 'plan',
        name: 'Jane joins Finance',
        detail: '3 requests',
        children: [
          {
            kind: 'connector-request',
            name: 'Active Directory · Modify',
            detail: 'CN=Jane · connector',
            children: [
              { kind: 'attribute', name: 'memberOf', detail: 'Add CN=Finance, CN=Staff' },
              { kind: 'permission', name: '\\\\files01\\finance', detail: 'Add Read, Write' },
            ],
          },
          { kind: 'ticketing-request', name: 'HR Portal · Create', detail: 'ticketing' },
          {
            kind: 'connector-request',
            name: '2c9180855d191c59015d291ceb051111 · Enable',
            detail: 'CN=Jane · connector',
          },
        ],
      },
    ]);
  });

  test('ranges: the whole node without trailing line breaks; the selection on the name', () => {
    const [plan] = outline(FILES, 'tenant/jane.plan.yaml');
    assert.ok(plan);
    assert.deepEqual(rangeAt(JANE, plan.start, plan.end), {
      start: { line: 0, character: 0 },
      end: { line: 18, character: 27 },
    });
    assert.deepEqual(
      rangeAt(JANE, plan.selectionStart, plan.selectionEnd),
      rangeOf(JANE, 'Jane joins Finance'),
    );
    const request = plan.children[1]!;
    assert.deepEqual(rangeAt(JANE, request.start, request.end), {
      start: rangeOf(JANE, 'source: HR Portal').start,
      end: rangeOf(JANE, 'ServiceNow SDIM }').end,
    });
    assert.deepEqual(rangeAt(JANE, request.selectionStart, request.selectionEnd), rangeOf(JANE, 'HR Portal'));
  });

  test('a catalog: sources with their connection and features, SDIMs with status map and ticket workflow', () => {
    assert.deepEqual(shapes(outline(FILES, 'tenant/acme.sources.yaml')), [
      {
        kind: 'group',
        name: 'sources',
        detail: '3 sources',
        children: [
          { kind: 'source', name: 'Active Directory', detail: 'direct · PROVISIONING, ENABLE, UNLOCK +1' },
          { kind: 'source', name: 'HR Portal', detail: 'PROVISIONING' },
          { kind: 'source', name: 'Payroll', detail: 'file · no features' },
        ],
      },
      {
        kind: 'group',
        name: 'serviceDeskIntegrations',
        detail: '1 integration',
        children: [
          {
            kind: 'integration',
            name: 'ServiceNow SDIM',
            detail: 'ServiceNowSDIM · manages HR Portal',
            children: [
              {
                kind: 'status-map',
                name: 'statusMap',
                detail: '2 statuses',
                children: [
                  { kind: 'status', name: 'requested', detail: 'Queued' },
                  { kind: 'status', name: 'closed_complete', detail: 'Committed' },
                ],
              },
              {
                kind: 'workflow',
                name: 'ticketWorkflow',
                detail: '2 states',
                children: [
                  { kind: 'workflow-state', name: 'requested', detail: 'p50 1 h · p90 8 h' },
                  { kind: 'workflow-state', name: 'closed_complete', detail: 'terminal' },
                ],
              },
            ],
          },
        ],
      },
    ]);
  });

  test('tenant exports: their sources and SDIMs at the top', () => {
    const sources =
      '[\n  { "name": "Workday", "type": "Workday", "connectionType": "direct", "features": ["SEARCH"] }\n]\n';
    const sdims =
      '[\n  { "name": "Jira SDIM", "type": "JiraSDIM", "provisioningConfig": { "universalManager": true } }\n]\n';
    assert.deepEqual(shapes(outline({ 'x/sources.sources.json': sources }, 'x/sources.sources.json')), [
      { kind: 'source', name: 'Workday', detail: 'Workday · direct · SEARCH' },
    ]);
    assert.deepEqual(shapes(outline({ 'x/sdims.sources.json': sdims }, 'x/sdims.sources.json')), [
      {
        kind: 'integration',
        name: 'Jira SDIM',
        detail: 'JiraSDIM · universal: takes what no connector provisions',
      },
    ]);
  });

  test('several plans in one file: unnamed ones are "Plan N"; inline sources are listed in place', () => {
    const text = `kind: ProvisioningPlan
name: First
identity: { name: a }
accountRequests:
  - { source: Lab, operation: Create }
---
kind: ProvisioningPlan
identity: { name: b }
sources:
  - { name: Lab, features: [] }
accountRequests:
  - { source: Lab, operation: Delete, nativeIdentity: b }
`;
    assert.deepEqual(shapes(outline({ 'm.plan.yaml': text }, 'm.plan.yaml')), [
      {
        kind: 'plan',
        name: 'First',
        detail: '1 request',
        children: [{ kind: 'request', name: 'Lab · Create' }],
      },
      {
        kind: 'plan',
        name: 'Plan 2',
        detail: '1 request',
        children: [
          {
            kind: 'group',
            name: 'sources',
            detail: '1 inline',
            children: [{ kind: 'source', name: 'Lab', detail: 'no features' }],
          },
          { kind: 'manual-request', name: 'Lab · Delete', detail: 'b · manual' },
        ],
      },
    ]);
  });

  test('a request ISC does nothing for (a Lock) is a none-request', () => {
    const text = `kind: ProvisioningPlan
identity: { name: b }
sources:
  - { name: Lab, features: [PROVISIONING] }
accountRequests:
  - { source: Lab, operation: Lock, nativeIdentity: b }
`;
    const plan = shapes(outline({ 'm.plan.yaml': text }, 'm.plan.yaml'))[0]!;
    assert.deepEqual(plan.children?.[1], { kind: 'none-request', name: 'Lab · Lock', detail: 'b · none' });
  });

  test('a cap on symbols keeps outer levels first', () => {
    assert.deepEqual(shapes(outline(FILES, 'tenant/jane.plan.yaml', 3)), [
      {
        kind: 'plan',
        name: 'Jane joins Finance',
        detail: '3 requests',
        children: [
          { kind: 'connector-request', name: 'Active Directory · Modify', detail: 'CN=Jane · connector' },
          { kind: 'ticketing-request', name: 'HR Portal · Create', detail: 'ticketing' },
        ],
      },
    ]);
    const five = outline(FILES, 'tenant/jane.plan.yaml', 5);
    assert.equal(five[0]!.children.length, 3);
    assert.deepEqual(
      five[0]!.children[0]!.children.map((c) => c.name),
      ['memberOf'],
    );
  });

  test('a broken document gives what can be read, never empty names', () => {
    const text = 'kind: ProvisioningPlan\naccountRequests:\n  - operation: Create\n  - source: [\n';
    assert.deepEqual(shapes(outline({ 'b.plan.yaml': text }, 'b.plan.yaml')), [
      {
        kind: 'plan',
        name: 'Plan 1',
        detail: '2 requests',
        children: [
          { kind: 'request', name: '(no source) · Create' },
          { kind: 'request', name: '(no source) · (no operation)' },
        ],
      },
    ]);
  });
});
