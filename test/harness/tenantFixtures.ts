/**
 * The stand-in tenant's data: a few dozen sources, two service desk integrations, their account
 * schemas and aggregation schedules, and a few thousand account activities, generated
 * deterministically (the same seed gives the same tenant) in ISC's own JSON shapes
 * (test/fixtures/tenant/openapi.yaml). Every credential it plants is listed in `secrets`, so tests
 * can prove none of them is written or printed.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface TenantData {
  sources: JsonObject[];
  schemas: Record<string, JsonObject[]>;
  schedules: Record<string, JsonObject[]>;
  serviceDeskIntegrations: JsonObject[];
  statusCheck: JsonObject;
  accountActivities: JsonObject[];
  /** Every secret value planted in connectorAttributes and SDIM attributes. */
  secrets: string[];
}

/** mulberry32: a small seeded generator, enough for fixtures. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hexId(next: () => number): string {
  let id = '';
  for (let i = 0; i < 32; i++) id += Math.floor(next() * 16).toString(16);
  return id;
}

const DIRECT = [
  ['Active Directory', 'active-directory', 'Active Directory - Direct'],
  ['Entra ID', 'azure-active-directory', 'Azure Active Directory'],
  ['Workday', 'workday', 'Workday'],
  ['Salesforce', 'salesforce', 'Salesforce'],
  ['ServiceNow', 'servicenow', 'ServiceNow'],
  ['SAP ECC', 'sap', 'SAP'],
  ['Okta', 'okta', 'Okta'],
  ['Google Workspace', 'google-apps', 'Google Apps'],
  ['Slack', 'slack', 'Slack'],
  ['GitHub', 'github', 'GitHub'],
  ['Jira Cloud', 'jira', 'Jira'],
  ['Box', 'box', 'Box'],
  ['Zoom', 'zoom', 'Zoom'],
  ['AWS IAM', 'aws', 'Amazon Web Services'],
  ['Snowflake', 'snowflake', 'Snowflake'],
  ['Oracle Database', 'oracle', 'Oracle'],
  ['LDAP Directory', 'ldap', 'LDAP'],
  ['Dropbox', 'dropbox', 'Dropbox'],
  ['DocuSign', 'docusign', 'DocuSign'],
  ['NetSuite', 'netsuite', 'NetSuite'],
  ['Concur', 'concur', 'SAP Concur'],
  ['Coupa', 'coupa', 'Coupa'],
  ['Tableau', 'tableau', 'Tableau'],
  ['Atlassian Confluence', 'confluence', 'Confluence'],
  ['Mainframe RACF', 'racf', 'RACF'],
  ['PostgreSQL HR', 'jdbc', 'JDBC'],
] as const;

const MANUAL = [
  'Badge System',
  'Epic EHR',
  'Payroll Export',
  'Legacy CRM',
  'Floor Access',
  'Trading Desk',
  'Print Quota',
  'Lab Instruments',
  'Fleet Cards',
  'Parking',
];

const PEOPLE = [
  'Aisha Khan',
  'Ben Ortiz',
  'Chen Wei',
  'Dana Novak',
  'Emeka Obi',
  'Fatima Zahra',
  'Greta Lind',
  'Hiro Sato',
];

const ATTRIBUTES = [
  ['sAMAccountName', 'STRING', false, false],
  ['displayName', 'STRING', false, false],
  ['mail', 'STRING', false, false],
  ['memberOf', 'STRING', true, true],
  ['department', 'STRING', false, false],
  ['employeeNumber', 'LONG', false, false],
  ['accountEnabled', 'BOOLEAN', false, false],
] as const;

function owner(next: () => number): JsonObject {
  const index = Math.floor(next() * PEOPLE.length);
  return { type: 'IDENTITY', id: `2c9180a4${String(index).padStart(24, '0')}`, name: PEOPLE[index]! };
}

interface Built {
  source: JsonObject;
  id: string;
  manual: boolean;
}

function buildSource(next: () => number, index: number, secrets: string[]): Built {
  const manual = index >= DIRECT.length;
  const [name, connector, type] = manual
    ? [MANUAL[index - DIRECT.length]!, 'delimited-file', 'DelimitedFile']
    : DIRECT[index]!;
  const id = hexId(next);
  const password = `Pw!${hexId(next).slice(0, 12)}`;
  const clientSecret = `cs-${hexId(next)}`;
  const key = `-----BEGIN PRIVATE KEY-----MII${hexId(next)}-----END PRIVATE KEY-----`;
  secrets.push(password, clientSecret, key);
  const connectorAttributes: JsonObject = manual
    ? { file: `${name}.csv`, delimiter: ',' }
    : {
        host: `${connector}.acme.example`,
        user: `svc-isc-${connector}`,
        password,
        clientSecret,
        privateKey: key,
        retryableErrors: ['Connection timed out', 'Server is busy'],
        provisioningMaxRetries: 3,
        provisioningRetryThreshold: 30,
        domainSettings: [{ domain: 'acme.example', password }],
      };
  const features: string[] = manual
    ? ['NO_RANDOM_ACCESS', 'DIRECT_PERMISSIONS']
    : ['PROVISIONING', 'ENABLE', 'PASSWORD', 'AUTHENTICATE', ...(index % 4 === 0 ? ['UNLOCK'] : [])];
  const source: JsonObject = {
    id,
    name,
    description: `${name} (stand-in tenant)`,
    owner: owner(next),
    cluster: manual
      ? null
      : { type: 'CLUSTER', id: '2c9180866166b5b0016167c32ef31a66', name: 'Acme VA cluster' },
    schemas: [
      { type: 'CONNECTOR_SCHEMA', id: `${id.slice(0, 24)}a0000001`, name: 'account' },
      { type: 'CONNECTOR_SCHEMA', id: `${id.slice(0, 24)}a0000002`, name: 'group' },
    ],
    features,
    type,
    connector,
    connectorClass: `sailpoint.connector.${type.replace(/\W/g, '')}Connector`,
    connectorAttributes,
    deleteThreshold: 10,
    authoritative: name === 'Workday',
    healthy: true,
    status: 'SOURCE_STATE_HEALTHY',
    since: '2024-03-01T08:00:00.000Z',
    connectorName: type,
    connectionType: manual ? 'file' : 'direct',
    created: '2024-03-01T08:00:00.000Z',
    modified: '2026-11-20T10:15:00.000Z',
    credentialProviderEnabled: false,
    category: null,
  };
  return { source, id, manual };
}

function schemasOf(built: Built): JsonObject[] {
  const attributes = ATTRIBUTES.map(([name, type, isMulti, isEntitlement]) => ({
    name,
    type,
    isMulti,
    isEntitlement,
    isGroup: isEntitlement,
    nativeName: name,
  }));
  const schemaId = (n: number): string => `${built.id.slice(0, 24)}a000000${n}`;
  return [
    {
      id: schemaId(1),
      name: 'account',
      nativeObjectType: 'User',
      identityAttribute: 'sAMAccountName',
      displayAttribute: 'displayName',
      includePermissions: false,
      features: [],
      configuration: {},
      attributes,
      created: '2024-03-01T08:00:00.000Z',
      modified: '2026-11-20T10:15:00.000Z',
    },
    {
      id: schemaId(2),
      name: 'group',
      nativeObjectType: 'Group',
      identityAttribute: 'cn',
      displayAttribute: 'cn',
      includePermissions: false,
      features: [],
      configuration: {},
      attributes: [{ name: 'cn', type: 'STRING', isMulti: false, isEntitlement: false, isGroup: false }],
      created: '2024-03-01T08:00:00.000Z',
      modified: '2026-11-20T10:15:00.000Z',
    },
  ];
}

function schedulesOf(built: Built, index: number): JsonObject[] {
  if (built.manual) return [];
  const hours = [1, 2, 4, 6, 12][index % 5]!;
  return [
    { type: 'ACCOUNT_AGGREGATION', cronExpression: `0 ${index % 60} */${hours} * * ?` },
    ...(index % 3 === 0 ? [{ type: 'GROUP_AGGREGATION', cronExpression: '0 30 2 * * ?' }] : []),
  ];
}

function integrations(next: () => number, built: Built[], secrets: string[]): JsonObject[] {
  const manual = built.filter((b) => b.manual);
  const ref = (b: Built): JsonObject => ({ type: 'SOURCE', id: b.id, name: b.source['name'] as string });
  const sdim = (name: string, type: string, managed: Built[]): JsonObject => {
    const password = `sdim-${hexId(next)}`;
    secrets.push(password);
    return {
      id: hexId(next),
      name,
      description: `${name} for the manual sources`,
      type,
      ownerRef: owner(next),
      clusterRef: { type: 'CLUSTER', id: '2c9180866166b5b0016167c32ef31a66', name: 'Acme VA cluster' },
      managedSources: [],
      provisioningConfig: {
        universalManager: false,
        managedResourceRefs: managed.map(ref),
        planInitializerScript: null,
        noProvisioningRequests: false,
        provisioningRequestExpiration: 336,
      },
      attributes: {
        url: `https://${type.toLowerCase()}.acme.example`,
        username: 'isc-integration',
        password,
      },
      created: '2024-05-01T08:00:00.000Z',
      modified: '2026-10-01T08:00:00.000Z',
    };
  };
  // The last flat-file source (Parking) has no SDIM: its requests become work items for its owner.
  return [
    sdim('ServiceNow Tickets', 'ServiceNowSDIM', manual.slice(0, 5)),
    sdim('Jira Service Desk', 'JiraServiceDeskSDIM', manual.slice(5, -1)),
  ];
}

const OPERATIONS = ['ADD', 'REMOVE', 'CREATE', 'MODIFY', 'DISABLE', 'ENABLE'] as const;
const STATES = ['COMMITED', 'FINISHED', 'FINISHED', 'FINISHED', 'FAILED', 'PENDING', 'RETRY'] as const;

function activity(
  next: () => number,
  index: number,
  sources: Built[],
  start: number,
  span: number,
): JsonObject {
  const created = new Date(start + Math.floor((index / 3000) * span + next() * 3_600_000)).toISOString();
  const completed = new Date(Date.parse(created) + Math.floor(next() * 86_400_000)).toISOString();
  const target = PEOPLE[Math.floor(next() * PEOPLE.length)]!;
  const itemCount = 1 + Math.floor(next() * 3);
  const items: JsonObject[] = [];
  for (let i = 0; i < itemCount; i++) {
    const source = sources[Math.floor(next() * sources.length)]!;
    const state = STATES[Math.floor(next() * STATES.length)]!;
    items.push({
      id: hexId(next),
      name: hexId(next),
      requested: created,
      approvalStatus: 'FINISHED',
      provisioningStatus: state,
      requesterComment: null,
      reviewerIdentitySummary: null,
      reviewerComment: null,
      operation: OPERATIONS[Math.floor(next() * OPERATIONS.length)]!,
      attribute: 'memberOf',
      value: `CN=Group ${Math.floor(next() * 40)},OU=Groups,DC=acme,DC=example`,
      nativeIdentity: target.toLowerCase().replace(' ', '.'),
      sourceId: source.id,
      accountRequestInfo: null,
      clientMetadata: null,
      removeDate: null,
    });
  }
  const failed = items.some((item) => item['provisioningStatus'] === 'FAILED');
  const pending = items.some((item) => item['provisioningStatus'] === 'PENDING');
  return {
    id: hexId(next),
    name: hexId(next),
    created,
    modified: completed,
    completed: pending ? null : completed,
    completionStatus: failed ? 'FAILURE' : pending ? 'PENDING' : 'SUCCESS',
    type: ['appRequest', 'Identity Refresh', 'Lifecycle State Change', 'AccessRequest'][
      Math.floor(next() * 4)
    ]!,
    requesterIdentitySummary: {
      id: hexId(next),
      name: 'kim.admin',
      identityId: hexId(next),
      completed: true,
    },
    targetIdentitySummary: { id: hexId(next), name: target, identityId: hexId(next), completed: !pending },
    errors: failed ? ['sailpoint.connector.ConnectorException: Connection timed out'] : [],
    warnings: [],
    items,
    executionStatus: pending ? 'EXECUTING' : 'COMPLETED',
    clientMetadata: null,
  };
}

/**
 * The stand-in tenant for `seed`: `sourceCount` sources (the first 26 direct, the rest flat
 * files managed by the two SDIMs), `activityCount` account activities over the 120 days before `now`.
 */
export function generateTenant(
  seed = 1,
  now = Date.parse('2026-12-01T00:00:00Z'),
  activityCount = 3000,
): TenantData {
  const next = random(seed);
  const secrets: string[] = [];
  const built = Array.from({ length: DIRECT.length + MANUAL.length }, (_, i) =>
    buildSource(next, i, secrets),
  );
  const schemas: Record<string, JsonObject[]> = {};
  const schedules: Record<string, JsonObject[]> = {};
  built.forEach((b, i) => {
    schemas[b.id] = schemasOf(b);
    schedules[b.id] = schedulesOf(b, i);
  });
  const span = 120 * 86_400_000;
  const accountActivities = Array.from({ length: activityCount }, (_, i) =>
    activity(next, i, built, now - span, span),
  );
  return {
    sources: built.map((b) => b.source),
    schemas,
    schedules,
    serviceDeskIntegrations: integrations(next, built, secrets),
    statusCheck: { provisioningStatusCheckIntervalMinutes: '30', provisioningMaxStatusCheckDays: '2' },
    accountActivities,
    secrets,
  };
}
