import * as assert from 'node:assert/strict';
import { PASSWORD_SET, catalogOf, decide, oneSource, summary } from './channelHelpers';
const PASSWORD_ADD = 'attributeRequests: [{ name: password, operation: Add, value: x }]';
const PASSWORD_REMOVE = 'attributeRequests: [{ name: password, operation: Remove }]';

/** docs/prediction-model.md#channel-decision: operation x features -> connector or manual, and what is missing. */
const FEATURE_ROWS: {
  operation: string;
  features: string[];
  extra?: string;
  channel: 'connector' | 'manual' | 'none';
  missing: string[];
}[] = [
  { operation: 'Create', features: ['PROVISIONING'], channel: 'connector', missing: [] },
  { operation: 'Modify', features: ['PROVISIONING'], channel: 'connector', missing: [] },
  { operation: 'Delete', features: ['PROVISIONING'], channel: 'connector', missing: [] },
  { operation: 'Create', features: ['ENABLE'], channel: 'manual', missing: ['PROVISIONING'] },
  { operation: 'Modify', features: [], channel: 'manual', missing: ['PROVISIONING'] },
  { operation: 'Delete', features: ['DIRECT_PERMISSIONS'], channel: 'manual', missing: ['PROVISIONING'] },
  { operation: 'Enable', features: ['PROVISIONING', 'ENABLE'], channel: 'connector', missing: [] },
  { operation: 'Disable', features: ['PROVISIONING', 'ENABLE'], channel: 'connector', missing: [] },
  { operation: 'Enable', features: ['PROVISIONING'], channel: 'manual', missing: ['ENABLE'] },
  { operation: 'Disable', features: ['ENABLE'], channel: 'manual', missing: ['PROVISIONING'] },
  { operation: 'Disable', features: [], channel: 'manual', missing: ['PROVISIONING', 'ENABLE'] },
  { operation: 'Unlock', features: ['PROVISIONING', 'UNLOCK'], channel: 'connector', missing: [] },
  { operation: 'Unlock', features: ['PROVISIONING', 'ENABLE'], channel: 'manual', missing: ['UNLOCK'] },
  { operation: 'Unlock', features: ['UNLOCK'], channel: 'manual', missing: ['PROVISIONING'] },
  {
    operation: 'Modify',
    features: ['PROVISIONING', 'PASSWORD'],
    extra: PASSWORD_SET,
    channel: 'connector',
    missing: [],
  },
  { operation: 'Modify', features: ['PROVISIONING'], extra: PASSWORD_SET, channel: 'none', missing: [] },
  { operation: 'Modify', features: ['PROVISIONING'], extra: PASSWORD_ADD, channel: 'none', missing: [] },
  { operation: 'Modify', features: ['PASSWORD'], extra: PASSWORD_SET, channel: 'none', missing: [] },
  {
    operation: 'Modify',
    features: ['PROVISIONING'],
    extra: PASSWORD_REMOVE,
    channel: 'connector',
    missing: [],
  },
  {
    operation: 'Lock',
    features: ['PROVISIONING', 'ENABLE', 'UNLOCK', 'PASSWORD'],
    channel: 'none',
    missing: [],
  },
  { operation: 'Lock', features: [], channel: 'none', missing: [] },
];

suite('channel decision (docs/prediction-model.md#channel-decision)', () => {
  suite('step 1: a source no catalog knows', () => {
    test('without a declared channel the channel is unknown', () => {
      const d = decide('{ source: Nowhere, operation: Modify, nativeIdentity: x }');
      assert.deepEqual(summary(d), { channel: 'unknown', target: null, missing: [], parts: 0 });
      assert.equal(d.declaredOnly, false);
      assert.match(d.reasons[0]!, /No loaded catalog has a source named "Nowhere"/);
    });

    test('with a declared channel that channel is used, and the reasons say it rests on the declaration alone', () => {
      const d = decide('{ source: Nowhere, operation: Modify, nativeIdentity: x, channel: manual }');
      assert.deepEqual(summary(d), { channel: 'manual', target: null, missing: [], parts: 0 });
      assert.equal(d.declaredOnly, true);
      assert.match(d.reasons.join(' '), /rests on the request's declared channel "manual" alone/);
    });

    test('with no catalog at all the reasons say so', () => {
      const d = decide('{ source: Active Directory, operation: Modify, channel: connector }', 'no catalog');
      assert.equal(d.channel, 'connector');
      assert.equal(d.declaredOnly, true);
      assert.match(d.reasons[0]!, /No catalog is loaded/);
    });
  });

  suite('step 2: an SDIM manages the source', () => {
    test('listed by name in managedSources: ticketing to the SDIM, the whole request', () => {
      const d = decide('{ source: HR Portal, operation: Modify, nativeIdentity: x }');
      assert.deepEqual(summary(d), {
        channel: 'ticketing',
        target: 'ServiceNow SDIM',
        missing: [],
        parts: 0,
      });
      assert.equal(d.integration?.name, 'ServiceNow SDIM');
      assert.match(
        d.reasons[0]!,
        /"ServiceNow SDIM" lists HR Portal in its managed sources; ISC sends the whole Modify to it/,
      );
    });

    test('listed by id in managedSources', () => {
      const catalog = oneSource(
        [],
        'serviceDeskIntegrations:\n  - { name: Jira Desk, managedSources: [s-id-1] }\n',
      );
      assert.deepEqual(summary(decide('{ source: S, operation: Create }', catalog)), {
        channel: 'ticketing',
        target: 'Jira Desk',
        missing: [],
        parts: 0,
      });
    });

    test('the SDIM takes the whole request: no permission split, even with NO_PERMISSIONS_PROVISIONING', () => {
      const catalog = oneSource(
        ['PROVISIONING', 'NO_PERMISSIONS_PROVISIONING'],
        'serviceDeskIntegrations:\n  - { name: Desk, managedSources: [S] }\n',
      );
      const d = decide(
        "{ source: S, operation: Modify, nativeIdentity: x, permissionRequests: [{ target: 'f', operation: Add }] }",
        catalog,
      );
      assert.deepEqual(summary(d), { channel: 'ticketing', target: 'Desk', missing: [], parts: 0 });
    });

    test('a Lock on a managed source goes to the SDIM as well', () => {
      assert.equal(decide('{ source: HR Portal, operation: Lock, nativeIdentity: x }').channel, 'ticketing');
    });
  });

  suite('steps 3 to 7: password, Lock, features decide connector, manual or none', () => {
    for (const row of FEATURE_ROWS) {
      const what = row.extra?.includes('password')
        ? ` (password ${/Set|Add|Remove/.exec(row.extra)![0]})`
        : '';
      test(`${row.operation}${what} with [${row.features.join(', ')}] -> ${row.channel}${row.missing.length > 0 ? ` missing ${row.missing.join('+')}` : ''}`, () => {
        const extra = row.extra ? `, ${row.extra}` : '';
        const d = decide(
          `{ source: S, operation: ${row.operation}, nativeIdentity: x${extra} }`,
          oneSource(row.features),
        );
        const target = row.channel === 'connector' ? 'S' : row.channel === 'manual' ? 's.owner' : null;
        assert.deepEqual(summary(d), { channel: row.channel, target, missing: row.missing, parts: 0 });
        for (const feature of row.missing) {
          assert.ok(
            d.reasons.join(' ').includes(feature),
            `the reasons name ${feature}: ${d.reasons.join(' ')}`,
          );
        }
        if (row.channel === 'manual') {
          assert.match(d.reasons.join(' '), /manual work item for its owner s\.owner/);
        }
      });
    }

    test('a connector reason names the features and the SaaS command', () => {
      const d = decide('{ source: Active Directory, operation: Enable, nativeIdentity: x }');
      assert.deepEqual(d.reasons, [
        'Active Directory has PROVISIONING and ENABLE, so ISC sends the Enable to its connector (for a SaaS connector: std:account:enable).',
      ]);
    });

    test('the manual reason names the missing feature and the owner', () => {
      const d = decide('{ source: S, operation: Modify, nativeIdentity: x }', oneSource(['ENABLE']));
      assert.deepEqual(d.reasons, [
        "S lacks the PROVISIONING feature, which Modify needs through a connector, so ISC creates a manual work item for its owner s.owner (the model's reading for a source without the feature).",
      ]);
      assert.deepEqual(d.fallback?.cause, 'missing-features');
    });

    test('a manual request to a source without owner has no target, and the reason says nobody would receive it', () => {
      const d = decide('{ source: Orphan Files, operation: Modify, nativeIdentity: x }');
      assert.deepEqual(summary(d), { channel: 'manual', target: null, missing: [], parts: 0 });
      assert.match(d.reasons[0]!, /the source has no owner, so nobody would receive it/);
    });
  });

  suite('step 8: NO_PERMISSIONS_PROVISIONING splits the permission requests off to the fallback', () => {
    test('a connector request with permission requests gets a manual part for the owner', () => {
      const d = decide(
        "{ source: File Share, operation: Modify, nativeIdentity: x, permissionRequests: [{ target: 'a', operation: Add }, { target: 'b', operation: Add }] }",
      );
      assert.equal(d.channel, 'connector');
      assert.equal(d.target, 'File Share');
      assert.deepEqual(d.parts, [
        {
          part: 'permissionRequests',
          channel: 'manual',
          target: 'files.admin',
          reasons: [
            'File Share has NO_PERMISSIONS_PROVISIONING, so ISC converts the 2 permission requests into a manual work item for its owner files.admin; the rest of the request goes to the connector.',
          ],
        },
      ]);
    });

    test('without permission requests nothing is split', () => {
      const d = decide('{ source: File Share, operation: Modify, nativeIdentity: x }');
      assert.deepEqual(summary(d), { channel: 'connector', target: 'File Share', missing: [], parts: 0 });
    });

    test('a request that is manual anyway is not split', () => {
      const d = decide(
        "{ source: S, operation: Modify, nativeIdentity: x, permissionRequests: [{ target: 'a', operation: Add }] }",
        oneSource(['NO_PERMISSIONS_PROVISIONING']),
      );
      assert.deepEqual(summary(d), {
        channel: 'manual',
        target: 's.owner',
        missing: ['PROVISIONING'],
        parts: 0,
      });
    });

    test('the split part of a source without owner has no target', () => {
      const catalog = catalogOf(
        'kind: SourceCatalog\nsources:\n  - { name: S, features: [PROVISIONING, NO_PERMISSIONS_PROVISIONING] }\n',
      );
      const d = decide(
        "{ source: S, operation: Modify, nativeIdentity: x, permissionRequests: [{ target: 'a', operation: Add }] }",
        catalog,
      );
      assert.equal(d.parts[0]?.target, null);
      assert.match(d.parts[0].reasons[0]!, /its owner \(the source has none\)/);
    });
  });
});
