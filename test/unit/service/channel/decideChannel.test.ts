import * as assert from 'node:assert/strict';
import { readCatalogDocument } from '../../../../server/src/service/catalog/read';
import { mergeCatalogs } from '../../../../server/src/service/catalog/merge';
import type { MergedCatalog } from '../../../../server/src/service/catalog/types';
import type { ChannelDecision } from '../../../../server/src/service/channel/decideChannel';
import { decideChannel } from '../../../../server/src/service/channel/decideChannel';
import { viewAccountRequest } from '../../../../server/src/service/request/accountRequestView';
import { DEFAULT_LIMITS } from '../../../../server/src/service/syntax/limits';
import { parseYamlText } from '../../../../server/src/service/syntax/yamlSyntax';
import { CATALOG } from '../../helpers';

/** The merged catalog of one YAML catalog text. */
function catalogOf(yaml: string): MergedCatalog {
  const [doc] = parseYamlText(yaml, DEFAULT_LIMITS);
  const content = readCatalogDocument('/ws/t.sources.yaml', doc!.root);
  assert.ok(content, 'the test catalog must be recognised');
  return mergeCatalogs([content]);
}

/** Decides the channel of one request written as a YAML mapping. */
function decide(
  request: string,
  catalog: MergedCatalog | 'no catalog' = catalogOf(CATALOG),
): ChannelDecision {
  const [doc] = parseYamlText(request, DEFAULT_LIMITS);
  const root = doc!.root;
  assert.ok(root?.kind === 'map', 'the test request must be a mapping');
  return decideChannel(viewAccountRequest(root), catalog === 'no catalog' ? undefined : catalog);
}

/** A catalog with one source `S` (owned by s.owner) that has exactly `features`. */
function oneSource(features: string[], extra = ''): MergedCatalog {
  return catalogOf(
    `kind: SourceCatalog\nsources:\n  - { name: S, id: s-id-1, features: [${features.join(', ')}], owner: { name: s.owner } }\n${extra}`,
  );
}

function summary(d: ChannelDecision): {
  channel: string;
  target: string | null;
  missing: string[];
  parts: number;
} {
  return { channel: d.channel, target: d.target, missing: d.missingFeatures, parts: d.parts.length };
}

const PASSWORD_SET = 'attributeRequests: [{ name: password, operation: Set, value: x }]';
const PASSWORD_ADD = 'attributeRequests: [{ name: password, operation: Add, value: x }]';
const PASSWORD_REMOVE = 'attributeRequests: [{ name: password, operation: Remove }]';

/** docs/prediction-model.md#channel-decision: operation x features -> connector or manual, and what is missing. */
const FEATURE_ROWS: {
  operation: string;
  features: string[];
  extra?: string;
  channel: 'connector' | 'manual';
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
  {
    operation: 'Modify',
    features: ['PROVISIONING'],
    extra: PASSWORD_SET,
    channel: 'manual',
    missing: ['PASSWORD'],
  },
  {
    operation: 'Modify',
    features: ['PROVISIONING'],
    extra: PASSWORD_ADD,
    channel: 'manual',
    missing: ['PASSWORD'],
  },
  {
    operation: 'Modify',
    features: ['PASSWORD'],
    extra: PASSWORD_SET,
    channel: 'manual',
    missing: ['PROVISIONING'],
  },
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
    channel: 'manual',
    missing: [],
  },
  { operation: 'Lock', features: [], channel: 'manual', missing: [] },
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

    test('universalManager: true manages every source, whatever its features', () => {
      const catalog = oneSource(
        ['PROVISIONING', 'ENABLE'],
        'serviceDeskIntegrations:\n  - { name: Universal Desk, universalManager: true }\n',
      );
      const d = decide('{ source: S, operation: Disable, nativeIdentity: x }', catalog);
      assert.deepEqual(summary(d), { channel: 'ticketing', target: 'Universal Desk', missing: [], parts: 0 });
      assert.match(d.reasons[0]!, /universal manager/);
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

  suite('steps 3 and 4: features decide connector or manual', () => {
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
        const target = row.channel === 'connector' ? 'S' : 's.owner';
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

    test('the manual reason names the connection type, the missing feature and the owner', () => {
      const d = decide('{ source: Payroll, operation: Modify, nativeIdentity: x }');
      assert.deepEqual(d.reasons, [
        'Payroll has connectionType file and lacks the PROVISIONING feature, which Modify needs through a connector, so ISC creates a manual work item for its owner payroll.admin.',
      ]);
    });

    test('a Lock reason says ISC has no lock action', () => {
      assert.match(
        decide('{ source: Active Directory, operation: Lock, nativeIdentity: x }').reasons[0]!,
        /ISC offers no lock action/,
      );
    });

    test('a manual request to a source without owner has no target, and the reason says nobody would receive it', () => {
      const d = decide('{ source: Orphan Files, operation: Modify, nativeIdentity: x }');
      assert.deepEqual(summary(d), { channel: 'manual', target: null, missing: ['PROVISIONING'], parts: 0 });
      assert.match(d.reasons[0]!, /the source has no owner, so nobody would receive it/);
    });
  });

  suite('step 5: NO_PERMISSIONS_PROVISIONING splits the permission requests', () => {
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
