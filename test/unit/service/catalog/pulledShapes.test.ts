import * as assert from 'node:assert/strict';
import { readCatalogDocument, recogniseCatalog } from '../../../../server/src/service/catalog/read';
import { mergeCatalogs } from '../../../../server/src/service/catalog/merge';
import { DEFAULT_LIMITS } from '../../../../server/src/service/syntax/limits';
import { parseJsonText } from '../../../../server/src/service/syntax/jsonSyntax';
import {
  activitiesSince,
  describeChanges,
  pullChanges,
  withoutSecrets,
} from '../../../../server/src/service/catalog/tenantPull';

function read(file: string, json: unknown): ReturnType<typeof readCatalogDocument> {
  return readCatalogDocument(file, parseJsonText(JSON.stringify(json), DEFAULT_LIMITS).root);
}

const SOURCES = [
  { id: 'ad1', name: 'Active Directory', features: ['PROVISIONING'], connector: 'active-directory' },
];
const SCHEMAS = {
  ad1: [
    { id: 's2', name: 'group', nativeObjectType: 'Group', attributes: [{ name: 'cn', type: 'STRING' }] },
    {
      id: 's1',
      name: 'account',
      nativeObjectType: 'User',
      attributes: [
        { name: 'memberOf', type: 'STRING', isMulti: true, isEntitlement: true },
        { name: 'mail', type: 'STRING', isMulti: false, isEntitlement: false },
      ],
    },
  ],
};
const SCHEDULES = {
  ad1: [
    { type: 'GROUP_AGGREGATION', cronExpression: '0 30 2 * * ?' },
    { type: 'ACCOUNT_AGGREGATION', cronExpression: '0 0 5,13,21 * * ?' },
  ],
  file1: [],
};

suite('the per-source files of a pull (ISC list responses keyed by source id)', () => {
  test('are recognised by shape', () => {
    const shape = (json: unknown): string | undefined =>
      recogniseCatalog(parseJsonText(JSON.stringify(json), DEFAULT_LIMITS).root);
    assert.equal(shape(SCHEMAS), 'isc-source-schemas');
    assert.equal(shape(SCHEDULES), 'isc-source-schedules');
    assert.equal(shape({ ad1: [] }), undefined, 'nothing in it: not a catalog');
    assert.equal(shape({ ad1: [{ name: 'x' }] }), undefined);
  });

  test('join the source of that id: its account schema and its account aggregation schedule', () => {
    const merged = mergeCatalogs([
      read('sources.json', SOURCES)!,
      read('account-schemas.json', SCHEMAS)!,
      read('aggregation-schedules.json', SCHEDULES)!,
    ]);
    assert.equal(merged.sources.length, 1, 'file1 has no schedule: no entry of its own');
    const ad = merged.findSource('Active Directory')!;
    assert.equal(ad.name, 'Active Directory', 'the id-only entries keep the name');
    assert.deepEqual(ad.features, ['PROVISIONING']);
    assert.deepEqual(ad.accountSchema, {
      attributes: [
        { name: 'memberOf', type: 'string', multi: true, entitlement: true },
        { name: 'mail', type: 'string', multi: false, entitlement: false },
      ],
    });
    assert.deepEqual(ad.aggregation, { schedule: '0 0 5,13,21 * * ?' });
    assert.deepEqual(
      ad.origins.map((o) => o.file),
      ['sources.json', 'account-schemas.json', 'aggregation-schedules.json'],
    );
  });
});

suite('what a pull does not write', () => {
  test('secret-looking connector attributes, by name or value, at any depth; the ones isc-plan reads stay', () => {
    const dropped: string[] = [];
    const kept = withoutSecrets(
      {
        host: 'ad.acme.example',
        password: 'x',
        ClientSecret: 'y',
        refresh_token: 'z',
        apiKey: 'k',
        privateKeyPassword: 'p',
        note: '-----BEGIN RSA PRIVATE KEY-----abc',
        bearer: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
        encrypted: '2:ENC:abcdef',
        url: 'https://svc:hunter2@ldap.acme.example',
        retryableErrors: ['timed out'],
        provisioningMaxRetries: 3,
        domains: [{ name: 'acme', password: 'q' }],
      },
      dropped,
    );
    assert.deepEqual(kept, {
      host: 'ad.acme.example',
      retryableErrors: ['timed out'],
      provisioningMaxRetries: 3,
      domains: [{ name: 'acme' }],
    });
    assert.deepEqual(dropped, [
      'password',
      'ClientSecret',
      'refresh_token',
      'apiKey',
      'privateKeyPassword',
      'note',
      'bearer',
      'encrypted',
      'url',
      'domains[0].password',
    ]);
  });
});

suite('pull: changes and --activities', () => {
  test('sources added and removed, features changed, SDIMs added and removed', () => {
    const changes = pullChanges(
      {
        sources: [
          { name: 'A', features: ['PROVISIONING'] },
          { name: 'B', features: [] },
        ],
        integrations: [{ name: 'Old SDIM' }],
      },
      {
        sources: [
          { name: 'A', features: ['ENABLE'] },
          { name: 'C', features: [] },
        ],
        integrations: [{ name: 'New SDIM' }],
      },
    );
    assert.deepEqual(describeChanges(changes), [
      'sources added (1): C',
      'sources removed (1): B',
      'features of A: +ENABLE -PROVISIONING',
      'service desk integrations added (1): New SDIM',
      'service desk integrations removed (1): Old SDIM',
    ]);
    const none = pullChanges({ sources: [], integrations: [] }, { sources: [], integrations: [] });
    assert.deepEqual(describeChanges(none), [
      'no sources or service desk integrations added, removed or changed',
    ]);
  });

  test('SINCE is a number of days or an ISO date', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    assert.equal(activitiesSince('90d', now), '2026-09-02T12:00:00Z');
    assert.equal(activitiesSince('2026-09-01', now), '2026-09-01T00:00:00Z');
    assert.equal(activitiesSince('2026-09-01T08:00:00+02:00', now), '2026-09-01T06:00:00Z');
    assert.deepEqual(activitiesSince('3 months', now), {
      error: '--activities 3 months: give a number of days (90d) or an ISO date (2026-09-01)',
    });
  });
});
