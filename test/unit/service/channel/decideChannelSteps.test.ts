import * as assert from 'node:assert/strict';
import { PASSWORD_SET, catalogOf, decide, oneSource, summary } from './channelHelpers';

suite('channel decision, steps 3 to 8 (docs/prediction-model.md#channel-decision)', () => {
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
