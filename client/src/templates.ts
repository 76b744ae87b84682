/** The templates of "ISC Plan: New Plan from Template" and "New Catalog from Template". */

export const PLAN_TEMPLATE = `# A provisioning plan: what should happen to one identity's accounts.
# Hover any key for what it means; the code lens over each request shows how ISC will fulfil it.
kind: ProvisioningPlan
name: Jane joins Finance
trackingId: REQ-0001
identity: { name: jane.doe }
requester: { name: kim.admin }
# catalog: ../tenant/acme.sources.yaml   # else every *.sources.yaml here or in a folder above is used
accountRequests:
  - source: Active Directory
    operation: Modify
    nativeIdentity: CN=Jane Doe,OU=Users,DC=acme,DC=example
    attributeRequests:
      - name: memberOf
        operation: Add
        value: CN=Finance,OU=Groups,DC=acme,DC=example
`;

/**
 * The example tenant as the catalog template begins: the file's kind and zone, and its Active
 * Directory source. The tests' and the benchmark's catalogs begin with it too (and add their own
 * sources), so all of them describe one tenant.
 */
export const EXAMPLE_CATALOG_START = `kind: SourceCatalog
timeZone: Europe/Berlin
sources:
  - name: Active Directory
    connectionType: direct
    features: [PROVISIONING, ENABLE, UNLOCK, PASSWORD]
    owner: { name: ad.admin }
    aggregation: { schedule: '0 0 5,13,21 * * ?', durationMinutes: 20 }
`;

/** The example tenant's file source (a sources list entry), in the template, the tests and the benchmark. */
export const EXAMPLE_PAYROLL_SOURCE = `  - name: Payroll
    connectionType: file
    features: [DIRECT_PERMISSIONS]
    owner: { name: payroll.admin }
`;

export const CATALOG_TEMPLATE = `# A source catalog: what ISC needs to decide each request's channel, and the timings to predict.
# Tenant exports (list-sources JSON, service desk integrations, SP-Config) can be used as they are;
# a small catalog like this one completes them by name.
${EXAMPLE_CATALOG_START}${EXAMPLE_PAYROLL_SOURCE}serviceDeskIntegrations: []
statusCheck:
  provisioningStatusCheckIntervalMinutes: 30
  provisioningMaxStatusCheckDays: 2
`;
