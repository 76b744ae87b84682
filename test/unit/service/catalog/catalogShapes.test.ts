import * as assert from 'node:assert/strict';
import { recogniseCatalog } from '../../../../server/src/service/catalog/read';
import type {
  CatalogSource,
  MergedCatalog,
  ServiceDeskIntegration,
} from '../../../../server/src/service/catalog/types';
import { DEFAULT_LIMITS } from '../../../../server/src/service/syntax/limits';
import { parseJsonText } from '../../../../server/src/service/syntax/jsonSyntax';
import { CATALOG, diagnose } from '../../helpers';
import { catalogFor, exportFile, exportFolder, planWith } from './catalogFixtures';

function shapeOf(json: string): string | undefined {
  return recogniseCatalog(parseJsonText(json, DEFAULT_LIMITS).root);
}

/** A source without its origins (places in files), for comparing contents. */
function content(source: CatalogSource | ServiceDeskIntegration | undefined): object | undefined {
  if (!source) return undefined;
  const { origins: _origins, ...rest } = source;
  return rest;
}

function fromExport(catalog: string, source = 'Active Directory'): MergedCatalog {
  return catalogFor(
    { ...exportFolder(), 'plans/p.plan.yaml': planWith(`catalog: ${catalog}\n`, source) },
    'plans/p.plan.yaml',
  );
}

const SDIM_BY_NAME = JSON.stringify([
  {
    id: 'a1',
    name: 'Jira Payroll Desk',
    type: 'JiraSDIM',
    provisioningConfig: {
      universalManager: false,
      managedResourceRefs: [{ type: 'SOURCE', name: 'Payroll' }],
      provisioningRequestExpiration: 12,
    },
  },
]);
const SDIM_BY_ID = JSON.stringify([
  {
    id: 'a2',
    name: 'Jira Payroll Desk',
    type: 'JiraSDIM',
    provisioningConfig: { managedResourceRefs: [{ type: 'SOURCE', id: '2c9180e6f030ab1dcf82356438755057' }] },
  },
]);
const SDIM_UNIVERSAL = JSON.stringify([
  {
    id: 'a3',
    name: 'Remedy Everything',
    type: 'RemedySDIM',
    provisioningConfig: { universalManager: true, managedResourceRefs: [] },
  },
]);

suite('catalogs: every accepted shape (docs/formats.md#catalogs, #exports)', () => {
  test('the shape of each export is recognised from its content', () => {
    assert.equal(shapeOf(exportFile('sources.json')), 'isc-sources');
    assert.equal(shapeOf(exportFile('service-desk-integrations.json')), 'isc-service-desk-integrations');
    assert.equal(shapeOf(exportFile('status-check-configuration.json')), 'isc-status-check');
    assert.equal(shapeOf(exportFile('sp-config.json')), 'sp-config');
    assert.equal(shapeOf('[{"name": "x"}]'), undefined);
    assert.equal(shapeOf('{"kind": "ProvisioningPlan"}'), undefined);
  });

  test('our SourceCatalog: every field the product uses is read', () => {
    const catalog = catalogFor({ 'acme.sources.yaml': CATALOG, 'p.plan.yaml': planWith('') }, 'p.plan.yaml');
    assert.deepEqual(
      catalog.sources.map((s) => s.name),
      ['Active Directory', 'Payroll', 'Orphan Files', 'File Share', 'HR Portal', 'Mainframe'],
    );
    assert.deepEqual(content(catalog.findSource('Active Directory')), {
      name: 'Active Directory',
      connectionType: 'direct',
      features: ['PROVISIONING', 'ENABLE', 'UNLOCK', 'PASSWORD'],
      owner: { name: 'ad.admin' },
      accountSchema: {
        attributes: [
          { name: 'memberOf', type: 'string', multi: true, entitlement: true },
          { name: 'department', type: 'string', multi: false, entitlement: false },
          { name: 'password', type: 'string', multi: false, entitlement: false },
        ],
      },
      aggregation: { schedule: '0 0 5,13,21 * * ?', durationMinutes: 20 },
    });
    assert.deepEqual(content(catalog.findIntegration('ServiceNow SDIM')), {
      name: 'ServiceNow SDIM',
      type: 'ServiceNowSDIM',
      managedSources: ['HR Portal'],
      universalManager: false,
      statusMap: { requested: 'Queued', closed_complete: 'Committed', closed_cancelled: 'Failed' },
    });
    assert.equal(catalog.timeZone, 'Europe/Berlin');
  });

  test('a JSON array of ISC Source objects: name, id, type, connector, connectionType, features, owner, connector attributes', () => {
    const catalog = fromExport('../export/sources.json');
    assert.deepEqual(
      catalog.sources.map((s) => s.name),
      ['Active Directory', 'Workday', 'Payroll', 'Finance File Share', 'HR Portal', 'Facilities'],
    );
    assert.deepEqual(content(catalog.findSource('Active Directory')), {
      name: 'Active Directory',
      id: '2c9180855d191c59015d291ceb051111',
      type: 'Active Directory - Direct',
      connector: 'active-directory',
      connectionType: 'direct',
      features: [
        'PROVISIONING',
        'ENABLE',
        'UNLOCK',
        'PASSWORD',
        'GROUP_PROVISIONING',
        'SYNC_PROVISIONING',
        'DIRECT_PERMISSIONS',
        'UNSTRUCTURED_TARGETS',
        'MANAGER_LOOKUP',
        'SEARCH',
        'AUTHENTICATE',
      ],
      owner: { name: 'ad.admin', id: '2c9180c50a2516409c737369c53d7ba2' },
      connectorAttributes: {
        retryableErrors: ['The server is not operational', 'The server is busy', 'timed out'],
        provisioningMaxRetries: 3,
        provisioningRetryThreshold: 60,
      },
    });
    assert.equal(
      catalog.findSource('2c9180e6f030ab1dcf82356438755057')?.name,
      'Payroll',
      'a source is found by its id too',
    );
    assert.equal(catalog.findSource('Payroll')?.connectionType, 'file');
    assert.equal(catalog.findSource('Workday')?.connectorAttributes, undefined);
  });

  test('a JSON array of ISC service desk integrations: managedResourceRefs by id and by name', () => {
    const catalog = fromExport('[../export/sources.json, ../export/service-desk-integrations.json]');
    const sdim = catalog.findIntegration('ServiceNow SDIM');
    assert.equal(sdim?.type, 'ServiceNowSDIM');
    assert.equal(sdim?.provisioningRequestExpiration, 7);
    assert.equal(sdim?.universalManager, false);
    for (const name of ['HR Portal', 'Facilities']) {
      assert.deepEqual(
        catalog.integrationsManaging(catalog.findSource(name)!).map((s) => s.name),
        ['ServiceNow SDIM'],
        name,
      );
    }
    assert.deepEqual(catalog.integrationsManaging(catalog.findSource('Payroll')!), []);
    assert.deepEqual(catalog.findIntegration('ServiceNow SDIM - Test Instance')?.managedSources, []);
  });

  for (const [how, sdims] of [
    ['by name', SDIM_BY_NAME],
    ['by id', SDIM_BY_ID],
  ] as const) {
    test(`an SDIM export that refers to its source only ${how} routes the source to the ticket`, () => {
      const files = {
        ...exportFolder(),
        'export/jira.json': sdims,
        'p.plan.yaml': planWith('catalog: [export/sources.json, export/jira.json]\n', 'Payroll'),
      };
      const catalog = catalogFor(files, 'p.plan.yaml');
      assert.deepEqual(
        catalog.integrationsManaging(catalog.findSource('Payroll')!).map((s) => s.name),
        ['Jira Payroll Desk'],
      );
      assert.deepEqual(catalog.integrationsManaging(catalog.findSource('Workday')!), []);
    });
  }

  test('provisioningConfig.universalManager and provisioningRequestExpiration are read', () => {
    const files = {
      ...exportFolder(),
      'export/remedy.json': SDIM_UNIVERSAL,
      'export/jira.json': SDIM_BY_NAME,
      'p.plan.yaml': planWith('catalog: [export/sources.json, export/remedy.json, export/jira.json]\n'),
    };
    const catalog = catalogFor(files, 'p.plan.yaml');
    assert.equal(catalog.findIntegration('Remedy Everything')?.universalManager, true);
    assert.deepEqual(
      catalog.universalManagers.map((s) => s.name),
      ['Remedy Everything'],
    );
    assert.deepEqual(catalog.integrationsManaging(catalog.findSource('Workday')!), []);
    assert.equal(catalog.findIntegration('Jira Payroll Desk')?.provisioningRequestExpiration, 12);
  });

  test('the status-check configuration: the numbers ISC types as strings are read as numbers', () => {
    assert.match(exportFile('status-check-configuration.json'), /"provisioningMaxStatusCheckDays": "2"/);
    const catalog = fromExport('../export/status-check-configuration.json');
    assert.deepEqual(catalog.statusCheck, {
      provisioningStatusCheckIntervalMinutes: 30,
      provisioningMaxStatusCheckDays: 2,
    });
  });

  test('an SP-Config export: SOURCE and SERVICE_DESK_INTEGRATION objects are read, other objects ignored', () => {
    const sp = JSON.parse(exportFile('sp-config.json')) as { objects: unknown[] };
    sp.objects.push({
      version: 1,
      self: { type: 'TRANSFORM', id: 't1', name: 'Lowercase' },
      object: { id: 't1', name: 'Lowercase', type: 'lower', features: ['PROVISIONING'] },
    });
    const files = {
      'tenant/sb.json': JSON.stringify(sp, null, 2),
      'p.plan.yaml': planWith('catalog: tenant/sb.json\n', 'HR Portal'),
    };
    const catalog = catalogFor(files, 'p.plan.yaml');
    assert.deepEqual(
      catalog.sources.map((s) => s.name),
      ['Active Directory', 'Payroll', 'HR Portal'],
    );
    assert.deepEqual(
      catalog.serviceDeskIntegrations.map((s) => s.name),
      ['ServiceNow SDIM (Sandbox)'],
    );
    assert.deepEqual(catalog.findSource('Payroll')?.owner, {
      name: 'iam.sandbox',
      id: '2c91805522fa82877b93dbee6f1968dc',
    });
    assert.deepEqual(
      catalog.integrationsManaging(catalog.findSource('HR Portal')!).map((s) => s.name),
      ['ServiceNow SDIM (Sandbox)'],
    );
  });

  test('a plan on the unchanged export files gets the channels the sample promises, and no error', () => {
    const plan = `kind: ProvisioningPlan
identity: { name: tom.becker }
catalog: [sources.json, service-desk-integrations.json, status-check-configuration.json, acme-extra.sources.yaml]
accountRequests:
  - { source: Active Directory, operation: Modify, nativeIdentity: CN=Tom, channel: connector }
  - { source: Payroll, operation: Modify, nativeIdentity: '100118', channel: manual }
  - { source: HR Portal, operation: Modify, nativeIdentity: tom.becker, channel: ticketing, ticketing: { integration: ServiceNow SDIM } }
`;
    const found = diagnose({ ...exportFolder(), 'export/p.plan.yaml': plan }, 'export/p.plan.yaml');
    assert.deepEqual(
      found.map((d) => [d.code, d.range.start.line]),
      [['routed-to-manual', 5]],
    );
  });
});

/** Every key of every object anywhere in a value. */
function keysOf(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) keysOf(item, found);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, item] of Object.entries(value)) {
      found.push(key);
      keysOf(item, found);
    }
  }
  return found;
}

suite('catalogs: secrets in exports never enter the model', () => {
  test('the fixtures do hold fake secrets (so the checks below can fail)', () => {
    for (const name of ['sources.json', 'service-desk-integrations.json', 'sp-config.json']) {
      assert.match(exportFile(name), /FAKE-SECRET-/, name);
    }
  });

  for (const catalog of [
    'export/sources.json',
    'export/service-desk-integrations.json',
    'export/sp-config.json',
    '[export/sources.json, export/service-desk-integrations.json, export/status-check-configuration.json, export/acme-extra.sources.yaml]',
  ]) {
    test(`no secret key or value in the merged catalog of ${catalog}`, () => {
      const merged = catalogFor(
        { ...exportFolder(), 'p.plan.yaml': planWith(`catalog: ${catalog}\n`) },
        'p.plan.yaml',
      );
      const text = JSON.stringify(merged);
      assert.ok(merged.sources.length + merged.serviceDeskIntegrations.length > 0);
      assert.doesNotMatch(text, /FAKE-SECRET/);
      assert.deepEqual(
        keysOf(JSON.parse(text)).filter((key) => /password|secret|token|credential|key/i.test(key)),
        [],
      );
    });
  }
});
