import * as assert from 'node:assert/strict';
import { CATALOG, diagnose, rangeOf, withCode } from '../../helpers';
import { at, catalogFor, exportFolder, planWith, resolveFor } from './catalogFixtures';

const EXPORT_AND_EXTRA =
  'catalog: [sources.json, service-desk-integrations.json, status-check-configuration.json, acme-extra.sources.yaml]\n';

/** A catalog with one source `Directory` owned by `owner`. */
function ownedBy(owner: string): string {
  return `kind: SourceCatalog\nsources:\n  - { name: Directory, features: [PROVISIONING], owner: { name: ${owner} } }\n`;
}

suite('catalogs: merging (docs/formats.md#merging)', () => {
  test('a hand-written catalog completes an export by name: the export keeps what it gave, the extra adds the rest', () => {
    const catalog = catalogFor(
      { ...exportFolder(), 'export/p.plan.yaml': planWith(EXPORT_AND_EXTRA) },
      'export/p.plan.yaml',
    );
    const payroll = catalog.findSource('Payroll')!;
    assert.equal(payroll.id, '2c9180e6f030ab1dcf82356438755057', 'from the export');
    assert.deepEqual(
      payroll.owner,
      { name: 'payroll.admin', id: '2c9180151ea3831460add783a822db84' },
      'from the export',
    );
    assert.deepEqual(
      payroll.features,
      ['NO_RANDOM_ACCESS', 'DISCOVER_SCHEMA', 'DIRECT_PERMISSIONS'],
      'from the export',
    );
    assert.deepEqual(payroll.aggregation, { schedule: '0 0 6 ? * 2', durationMinutes: 10 }, 'from the extra');
    assert.equal(payroll.accountSchema?.attributes.length, 6, 'from the extra');
    assert.deepEqual(payroll.timing?.manual?.businessHours, {
      days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
      start: '08:00',
      end: '16:30',
    });
    assert.deepEqual(
      payroll.origins.map((o) => o.file),
      [at('export/sources.json'), at('export/acme-extra.sources.yaml')],
    );
    const sdim = catalog.findIntegration('ServiceNow SDIM')!;
    assert.equal(sdim.type, 'ServiceNowSDIM', 'from the export');
    assert.equal(sdim.statusMap?.closed_complete, 'Committed', 'from the extra');
    assert.equal(sdim.ticketWorkflow?.length, 3, 'from the extra');
    assert.deepEqual(
      sdim.businessHours,
      { days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], start: '08:00', end: '18:00' },
      'from the extra: the hours the tickets are worked in',
    );
  });

  test('a hand-written catalog completes an export by id, even under another name', () => {
    const extra = `kind: SourceCatalog\nsources:\n  - { name: AD (Acme), id: 2c9180855d191c59015d291ceb051111, aggregation: { schedule: '0 0 1 * * ?' } }\n`;
    const files = {
      ...exportFolder(),
      'export/by-id.sources.yaml': extra,
      'export/p.plan.yaml': planWith('catalog: [sources.json, by-id.sources.yaml]\n'),
    };
    const catalog = catalogFor(files, 'export/p.plan.yaml');
    assert.equal(catalog.sources.length, 6, 'merged into the export entry, not added');
    const merged = catalog.findSource('2c9180855d191c59015d291ceb051111')!;
    assert.equal(merged.name, 'AD (Acme)', 'a later field overrides an earlier one');
    assert.equal(merged.owner?.name, 'ad.admin');
    assert.equal(merged.aggregation?.schedule, '0 0 1 * * ?');
    assert.equal(catalog.findSource('AD (Acme)'), merged);
  });

  test('field by field: nested timing blocks are merged, lists are replaced', () => {
    const first = `kind: SourceCatalog
sources:
  - name: Directory
    features: [PROVISIONING, ENABLE]
    owner: { name: first.owner, id: o1 }
    connectorAttributes: { retryableErrors: [timed out, busy], provisioningMaxRetries: 3 }
    accountSchema: { attributes: [{ name: a }, { name: b }] }
    timing:
      connector: { queueMinutes: { p50: 1, p90: 5 }, concurrency: 4 }
      manual: { completionHours: { p50: 8, p90: 72 } }
`;
    const second = `kind: SourceCatalog
sources:
  - name: Directory
    features: [PROVISIONING]
    owner: { name: second.owner }
    connectorAttributes: { retryableErrors: [rate limit] }
    accountSchema: { attributes: [{ name: c, multi: true }] }
    timing:
      connector: { executeSeconds: { p50: 5, p90: 60 }, concurrency: 8 }
`;
    const files = {
      'a.sources.yaml': first,
      'b.sources.yaml': second,
      'p.plan.yaml': planWith('catalog: [a.sources.yaml, b.sources.yaml]\n', 'Directory'),
    };
    const source = catalogFor(files, 'p.plan.yaml').findSource('Directory')!;
    assert.deepEqual(source.features, ['PROVISIONING']);
    assert.deepEqual(source.owner, { name: 'second.owner', id: 'o1' });
    assert.deepEqual(source.connectorAttributes, {
      retryableErrors: ['rate limit'],
      provisioningMaxRetries: 3,
    });
    assert.deepEqual(source.accountSchema, { attributes: [{ name: 'c', multi: true, entitlement: false }] });
    assert.deepEqual(source.timing, {
      connector: { queueMinutes: { p50: 1, p90: 5 }, executeSeconds: { p50: 5, p90: 60 }, concurrency: 8 },
      manual: { completionHours: { p50: 8, p90: 72 } },
    });
  });

  test('two entries of one name in one file are a duplicate-source, across files a completion', () => {
    const files = {
      'a.sources.yaml': ownedBy('a.admin'),
      'b.sources.yaml': ownedBy('b.admin'),
      'p.plan.yaml': planWith('catalog: [a.sources.yaml, b.sources.yaml]\n', 'Directory'),
    };
    assert.deepEqual(diagnose(files, 'a.sources.yaml'), []);
    assert.deepEqual(diagnose(files, 'p.plan.yaml'), []);
    assert.equal(catalogFor(files, 'p.plan.yaml').findSource('Directory')?.owner?.name, 'b.admin');
    const twice = `${ownedBy('a.admin')}  - { name: Directory, owner: { name: c.admin } }\n`;
    assert.deepEqual(
      diagnose({ 'a.sources.yaml': twice }, 'a.sources.yaml').map((d) => [d.code, d.range]),
      [['duplicate-source', rangeOf(twice, 'Directory', 2)]],
    );
  });
});

suite('catalogs: where they come from, in order (docs/formats.md#catalog-discovery)', () => {
  test("the plan's catalog: list, in order: a later file overrides an earlier one", () => {
    const files = { 'a.sources.yaml': ownedBy('a.admin'), 'b.sources.yaml': ownedBy('b.admin') };
    const ab = resolveFor(
      { ...files, 'p.plan.yaml': planWith('catalog: [a.sources.yaml, b.sources.yaml]\n') },
      'p.plan.yaml',
    );
    assert.equal(ab.origin, 'catalog-key');
    assert.deepEqual(ab.catalog?.files, [at('a.sources.yaml'), at('b.sources.yaml')]);
    assert.equal(ab.catalog?.findSource('Directory')?.owner?.name, 'b.admin');
    const ba = catalogFor(
      { ...files, 'p.plan.yaml': planWith('catalog: [b.sources.yaml, a.sources.yaml]\n') },
      'p.plan.yaml',
    );
    assert.equal(ba.findSource('Directory')?.owner?.name, 'a.admin');
  });

  test('a catalog: key alone decides: catalogs beside the plan are not used', () => {
    const files = {
      'team/here.sources.yaml': ownedBy('here.admin'),
      'lib/a.sources.yaml': ownedBy('a.admin'),
      'team/p.plan.yaml': planWith('catalog: ../lib/a.sources.yaml\n'),
    };
    assert.deepEqual(resolveFor(files, 'team/p.plan.yaml').files, [at('lib/a.sources.yaml')]);
  });

  test("else every *.sources.* file in the plan's folder and its parents up to the root, the nearest last", () => {
    const files = {
      'top.sources.yaml': ownedBy('top.admin'),
      'team/team.sources.json': JSON.stringify({
        kind: 'SourceCatalog',
        sources: [{ name: 'Directory', owner: { name: 'team.admin' } }],
      }),
      'team/notes.yaml': 'kind: SourceCatalog\n',
      'team/plans/p.plan.yaml': planWith(''),
      'team/plans/sub/other.sources.yaml': ownedBy('sub.admin'),
    };
    const resolved = resolveFor(files, 'team/plans/p.plan.yaml');
    assert.equal(resolved.origin, 'discovered');
    assert.deepEqual(resolved.files, [at('top.sources.yaml'), at('team/team.sources.json')]);
    assert.equal(resolved.catalog?.findSource('Directory')?.owner?.name, 'team.admin');
  });

  test('discovery stops at the root', () => {
    const files = {
      'top.sources.yaml': ownedBy('top.admin'),
      'team/team.sources.yaml': ownedBy('team.admin'),
      'team/p.plan.yaml': planWith(''),
    };
    assert.deepEqual(resolveFor(files, 'team/p.plan.yaml', { root: at('team') }).files, [
      at('team/team.sources.yaml'),
    ]);
  });

  test('else the fallback catalogs (the setting, or --catalog)', () => {
    const files = { 'elsewhere/x.sources.yaml': ownedBy('x.admin'), 'team/p.plan.yaml': planWith('') };
    const resolved = resolveFor(files, 'team/p.plan.yaml', {
      fallbackCatalogs: [at('elsewhere/x.sources.yaml')],
    });
    assert.equal(resolved.origin, 'settings');
    assert.equal(resolved.catalog?.findSource('Directory')?.owner?.name, 'x.admin');
  });

  test('the fallback is not used when catalogs are found beside the plan', () => {
    const files = {
      'elsewhere/x.sources.yaml': ownedBy('x.admin'),
      'team/t.sources.yaml': ownedBy('t.admin'),
      'team/p.plan.yaml': planWith(''),
    };
    assert.deepEqual(
      resolveFor(files, 'team/p.plan.yaml', { fallbackCatalogs: [at('elsewhere/x.sources.yaml')] }).files,
      [at('team/t.sources.yaml')],
    );
  });

  test('inline sources: come last and override every catalog', () => {
    const header = 'catalog: a.sources.yaml\nsources: [{ name: Directory, owner: { name: inline.admin } }]\n';
    const catalog = catalogFor(
      { 'a.sources.yaml': ownedBy('a.admin'), 'p.plan.yaml': planWith(header) },
      'p.plan.yaml',
    );
    assert.equal(catalog.findSource('Directory')?.owner?.name, 'inline.admin');
    assert.deepEqual(catalog.findSource('Directory')?.features, ['PROVISIONING']);
    assert.deepEqual(catalog.files, [at('a.sources.yaml')]);
  });

  test('inline sources alone are a catalog', () => {
    const resolved = resolveFor(
      { 'p.plan.yaml': planWith('sources: [{ name: Directory, features: [PROVISIONING] }]\n', 'Directory') },
      'p.plan.yaml',
    );
    assert.equal(resolved.origin, 'inline-only');
    assert.deepEqual(
      diagnose(
        {
          'p.plan.yaml': planWith('sources: [{ name: Directory, features: [PROVISIONING] }]\n', 'Directory'),
        },
        'p.plan.yaml',
      ),
      [],
    );
  });
});

suite('catalogs: a catalog: entry that cannot be used', () => {
  test('a path that does not exist gives a finding on that entry, and nothing else', () => {
    const plan = `kind: ProvisioningPlan
identity: { name: jane.doe }
catalog: [acme.sources.yaml, missing.sources.yaml]
accountRequests:
  - { source: Active Directory, operation: Create }
`;
    const found = diagnose({ 'acme.sources.yaml': CATALOG, 'p.plan.yaml': plan }, 'p.plan.yaml');
    assert.deepEqual(found, [
      {
        code: 'catalog-unreadable',
        severity: 'error',
        message:
          'missing.sources.yaml: the file does not exist or cannot be read. The path resolves to ' +
          `${at('missing.sources.yaml')}. The closest catalog file there is acme.sources.yaml: correct the path in catalog:.`,
        range: rangeOf(plan, 'missing.sources.yaml'),
      },
    ]);
  });

  test('when the only catalog is missing: its entry is reported once, with no unknown-source for each request', () => {
    const plan = `kind: ProvisioningPlan
identity: { name: jane.doe }
catalog: tenant.sources.yaml
accountRequests:
  - { source: Active Directory, operation: Create }
  - { source: Payroll, operation: Create }
`;
    const found = diagnose({ 'p.plan.yaml': plan }, 'p.plan.yaml');
    assert.deepEqual(
      found.map((d) => [d.code, d.range]),
      [['catalog-unreadable', rangeOf(plan, 'tenant.sources.yaml')]],
    );
  });

  test('a missing file with no catalog file beside it: the message says so', () => {
    const plan = planWith('catalog: ../tenant.sources.yaml\n');
    const found = withCode(
      diagnose({ 'plans/p.plan.yaml': plan }, 'plans/p.plan.yaml'),
      'catalog-unreadable',
    );
    assert.deepEqual(
      found.map((d) => d.message),
      [
        '../tenant.sources.yaml: the file does not exist or cannot be read. ' +
          `The path resolves to ${at('tenant.sources.yaml')}. There is no catalog file (*.sources.yaml) in that folder: give the catalog's path relative to this plan.`,
      ],
    );
  });

  test('a file that is not a catalog gives a finding on its entry', () => {
    const files = {
      'notes.json': '{"title": "not a catalog"}',
      'acme.sources.yaml': CATALOG,
      'p.plan.yaml': planWith('catalog: [notes.json, acme.sources.yaml]\n'),
    };
    const found = withCode(diagnose(files, 'p.plan.yaml'), 'catalog-unreadable');
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]!.range, rangeOf(files['p.plan.yaml'], 'notes.json'));
    assert.match(found[0]!.message, /^notes\.json: not a catalog isc-plan recognises/);
  });

  test('a catalog too broken to yield anything gives a finding on its entry that points to it', () => {
    const files = {
      'broken.sources.yaml': 'kind: SourceCatalog\nsources: \u0000\n',
      'p.plan.yaml': planWith('catalog: broken.sources.yaml\n'),
    };
    const found = withCode(diagnose(files, 'p.plan.yaml'), 'catalog-unreadable');
    assert.deepEqual(
      found.map((d) => d.message),
      [
        'broken.sources.yaml: the catalog file has errors and yields no sources; open it to see them. ' +
          `The path resolves to ${at('broken.sources.yaml')}.`,
      ],
    );
  });
});

suite('catalogs: identityRefresh', () => {
  test('read from a SourceCatalog; the last catalog that gives one wins', () => {
    const first = "kind: SourceCatalog\nidentityRefresh: { schedule: '0 0 8,20 * * ?' }\n";
    const second = "kind: SourceCatalog\nidentityRefresh: { schedule: '0 0 20 * * ?' }\n";
    const none = 'kind: SourceCatalog\nsources: []\n';
    const files = { 'a.sources.yaml': first, 'b.sources.yaml': second, 'c.sources.yaml': none };
    const both = {
      ...files,
      'p.plan.yaml': planWith('catalog: [a.sources.yaml, b.sources.yaml, c.sources.yaml]\n'),
    };
    assert.deepEqual(catalogFor(both, 'p.plan.yaml').identityRefresh, { schedule: '0 0 20 * * ?' });
    const only = { ...files, 'p.plan.yaml': planWith('catalog: [c.sources.yaml]\n') };
    assert.equal(catalogFor(only, 'p.plan.yaml').identityRefresh, undefined);
  });
});
