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
        'S lacks the PROVISIONING feature, which Modify needs through a connector, so ISC creates a manual work item for its owner s.owner.',
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
  suite('step 3: a Modify that sets password', () => {
    test('with PROVISIONING and PASSWORD: connector, std:change-password', () => {
      const d = decide(
        `{ source: S, operation: Modify, nativeIdentity: x, ${PASSWORD_SET} }`,
        oneSource(['PROVISIONING', 'PASSWORD']),
      );
      assert.deepEqual(summary(d), { channel: 'connector', target: 'S', missing: [], parts: 0 });
      assert.equal(d.password, true);
      assert.deepEqual(d.reasons, [
        'S has PROVISIONING and PASSWORD, so ISC sends the password change to its connector (for a SaaS connector: std:change-password).',
      ]);
    });

    test('without PASSWORD: none, no work item and no ticket, even with a universal SDIM', () => {
      const catalog = oneSource(
        ['PROVISIONING'],
        'serviceDeskIntegrations:\n  - { name: U, universalManager: true }\n',
      );
      const d = decide(`{ source: S, operation: Modify, nativeIdentity: x, ${PASSWORD_SET} }`, catalog);
      assert.deepEqual(summary(d), { channel: 'none', target: null, missing: [], parts: 0 });
      assert.equal(d.password, true);
      assert.deepEqual(d.reasons, [
        'S lacks the PASSWORD feature, and ISC changes passwords only through Password Management on sources that can take them (PROVISIONING and PASSWORD); it creates no work item and no ticket for a password change, so nothing happens to this password.',
      ]);
    });

    test('on a flat-file source: none, whatever its features say', () => {
      const catalog = catalogOf(
        'kind: SourceCatalog\nsources:\n  - { name: F, connectionType: file, features: [PROVISIONING, PASSWORD], owner: { name: f.owner } }\n',
      );
      const d = decide(`{ source: F, operation: Modify, nativeIdentity: x, ${PASSWORD_SET} }`, catalog);
      assert.deepEqual(summary(d), { channel: 'none', target: null, missing: [], parts: 0 });
      assert.match(
        d.reasons[0]!,
        /^F is a flat-file source \(connectionType file\), and ISC changes passwords only/,
      );
    });

    test('an SDIM that manages the source still takes it (step 2 comes first)', () => {
      assert.equal(
        decide(`{ source: HR Portal, operation: Modify, nativeIdentity: x, ${PASSWORD_SET} }`).channel,
        'ticketing',
      );
    });
  });

  suite('step 4: Lock', () => {
    test('none, with a reason that says nothing happens and names Disable', () => {
      const d = decide('{ source: Active Directory, operation: Lock, nativeIdentity: x }');
      assert.deepEqual(summary(d), { channel: 'none', target: null, missing: [], parts: 0 });
      assert.deepEqual(d.reasons, [
        'ISC has no lock action: no connector command locks an account and ISC creates no task for a Lock, so nothing happens (accounts get locked on the source itself, e.g. after failed logins). To stop access, Disable the account.',
      ]);
    });

    test('none also when a universal SDIM exists', () => {
      const catalog = oneSource([], 'serviceDeskIntegrations:\n  - { name: U, universalManager: true }\n');
      assert.equal(decide('{ source: S, operation: Lock, nativeIdentity: x }', catalog).channel, 'none');
    });
  });

  suite('step 5: a flat-file source is never the connector', () => {
    const ALL = ['PROVISIONING', 'ENABLE', 'UNLOCK', 'PASSWORD', 'NO_PERMISSIONS_PROVISIONING'];
    const marks: [string, string][] = [
      ['connectionType: file', 'connectionType file'],
      ['connectionType: FILE', 'connectionType file'],
      ['type: DelimitedFile', 'type DelimitedFile'],
      ['connector: delimited-file', 'connector delimited-file'],
    ];
    for (const [mark, named] of marks) {
      test(`${mark} with every feature: manual for the owner`, () => {
        const catalog = catalogOf(
          `kind: SourceCatalog\nsources:\n  - { name: F, ${mark}, features: [${ALL.join(', ')}], owner: { name: f.owner } }\n`,
        );
        for (const operation of ['Create', 'Modify', 'Delete', 'Enable', 'Disable', 'Unlock']) {
          const d = decide(
            `{ source: F, operation: ${operation}, nativeIdentity: x, permissionRequests: [{ target: 'a', operation: Add }] }`,
            catalog,
          );
          assert.deepEqual(
            summary(d),
            { channel: 'manual', target: 'f.owner', missing: [], parts: 0 },
            operation,
          );
          assert.equal(d.fallback?.cause, 'flat-file');
          assert.deepEqual(d.reasons, [
            `F is a flat-file source (${named}): ISC does not provision it through a connector, whatever its features say, so ISC creates a manual work item for its owner f.owner.`,
          ]);
        }
      });
    }

    test('the Payroll of the shared catalog (connectionType file) goes to its owner', () => {
      const d = decide('{ source: Payroll, operation: Create }');
      assert.deepEqual(summary(d), { channel: 'manual', target: 'payroll.admin', missing: [], parts: 0 });
    });

    test('the delimited-file source of an ISC export is a flat file', () => {
      const catalog = catalogOf(
        '- { name: HR CSV, type: DelimitedFile, connector: delimited-file, features: [PROVISIONING], owner: { name: csv.owner } }\n',
      );
      const d = decide('{ source: HR CSV, operation: Modify, nativeIdentity: x }', catalog);
      assert.deepEqual(summary(d), { channel: 'manual', target: 'csv.owner', missing: [], parts: 0 });
    });
  });

  suite('step 7: the fallback is a universal SDIM, else the owner', () => {
    const UNIVERSAL = 'serviceDeskIntegrations:\n  - { name: Universal Desk, universalManager: true }\n';

    test('a universal SDIM does not take a source with a working connector', () => {
      const d = decide(
        '{ source: S, operation: Disable, nativeIdentity: x }',
        oneSource(['PROVISIONING', 'ENABLE'], UNIVERSAL),
      );
      assert.deepEqual(summary(d), { channel: 'connector', target: 'S', missing: [], parts: 0 });
      assert.equal(d.fallback, undefined);
    });

    test('a source lacking PROVISIONING goes to the universal SDIM as a ticket', () => {
      const d = decide(
        '{ source: S, operation: Modify, nativeIdentity: x }',
        oneSource(['ENABLE'], UNIVERSAL),
      );
      assert.deepEqual(summary(d), {
        channel: 'ticketing',
        target: 'Universal Desk',
        missing: ['PROVISIONING'],
        parts: 0,
      });
      assert.equal(d.integration?.name, 'Universal Desk');
      assert.deepEqual(d.reasons, [
        'S lacks the PROVISIONING feature, which Modify needs through a connector, so no connector provisions this Modify. "Universal Desk" is a universal SDIM (universalManager: true); isc-plan reads it as the fallback that replaces manual work items, so ISC sends the Modify to it as a ticket.',
      ]);
    });

    test('a flat-file source goes to the universal SDIM as a ticket', () => {
      const catalog = catalogOf(
        `kind: SourceCatalog\nsources:\n  - { name: F, connectionType: file, features: [PROVISIONING], owner: { name: f.owner } }\n${UNIVERSAL}`,
      );
      const d = decide('{ source: F, operation: Create }', catalog);
      assert.deepEqual(summary(d), { channel: 'ticketing', target: 'Universal Desk', missing: [], parts: 0 });
      assert.equal(d.fallback?.cause, 'flat-file');
    });

    test('an SDIM that lists the source wins over the universal one (step 2)', () => {
      const catalog = oneSource(
        ['PROVISIONING'],
        'serviceDeskIntegrations:\n  - { name: Universal Desk, universalManager: true }\n  - { name: Listed, managedSources: [S] }\n',
      );
      assert.equal(decide('{ source: S, operation: Create }', catalog).target, 'Listed');
    });

    test('the universal SDIM is not among the SDIMs managing a source; it is exposed on its own', () => {
      const catalog = oneSource(['PROVISIONING'], UNIVERSAL);
      assert.deepEqual(catalog.integrationsManaging(catalog.findSource('S')!), []);
      assert.deepEqual(
        catalog.universalManagers.map((s) => s.name),
        ['Universal Desk'],
      );
    });

    test('the split-off permission requests go to the universal SDIM', () => {
      const catalog = oneSource(['PROVISIONING', 'NO_PERMISSIONS_PROVISIONING'], UNIVERSAL);
      const d = decide(
        "{ source: S, operation: Modify, nativeIdentity: x, permissionRequests: [{ target: 'a', operation: Add }] }",
        catalog,
      );
      assert.deepEqual(summary(d), { channel: 'connector', target: 'S', missing: [], parts: 1 });
      assert.equal(d.parts[0]!.channel, 'ticketing');
      assert.equal(d.parts[0]!.target, 'Universal Desk');
      assert.equal(d.parts[0]!.integration?.name, 'Universal Desk');
      assert.deepEqual(d.parts[0]!.reasons, [
        `S has NO_PERMISSIONS_PROVISIONING, so ISC converts the 1 permission request into a ticket for the universal SDIM "Universal Desk" (isc-plan's reading: the universal SDIM takes what would otherwise be a work item); the rest of the request goes to the connector.`,
      ]);
    });
  });
});
