import type { RuleCase } from './ruleCase';

const HEAD = `kind: SourceCatalog
timeZone: Europe/Berlin
`;

/** The catalog rules of docs/rules.md#catalog-rules, checked on a catalog file of their own. */
export const CATALOG_RULE_CASES: RuleCase[] = [
  {
    code: 'invalid-cron',
    severity: 'error',
    role: 'catalog',
    yaml: `${HEAD}sources:
  - { name: Zoë 😀 HR, features: [PROVISIONING], aggregation: { schedule: '0 0 25 * * ?' } }
`,
    needle: "'0 0 25 * * ?'",
    message: /Not a valid Quartz cron expression/,
    fix: ['0 0 25', '0 0 23'],
  },
  {
    code: 'duplicate-source',
    severity: 'error',
    role: 'catalog',
    yaml: `${HEAD}sources:
  - { owner: { name: zoë.müller }, name: Payroll, features: [] }
  - { owner: { name: zoë 😀 }, name: Payroll }
`,
    needle: 'Payroll',
    occurrence: 2,
    message: /A second source named "Payroll" in this catalog file/,
    fix: ['name: Payroll }', 'name: Payroll EU }'],
  },
  {
    code: 'source-multiple-sdims',
    severity: 'error',
    role: 'catalog',
    yaml: `${HEAD}serviceDeskIntegrations:
  - { name: ServiceNow SDIM, managedSources: [HR Portal] }
  - { name: Jira 😀 Desk, managedSources: [Zoë 😀 Portal, HR Portal] }
`,
    needle: 'HR Portal',
    occurrence: 2,
    message: /"HR Portal" is already managed by "ServiceNow SDIM"/,
    fix: ['Zoë 😀 Portal, HR Portal', 'Zoë 😀 Portal'],
  },
  {
    code: 'sdim-universal-with-managed',
    severity: 'error',
    role: 'catalog',
    yaml: `${HEAD}serviceDeskIntegrations:
  - { name: Zoë 😀 Desk, universalManager: true, managedSources: [HR Portal] }
`,
    needle: 'managedSources',
    message: /A universal manager \(universalManager: true\) handles every source/,
    fix: ['universalManager: true', 'universalManager: false'],
  },
  {
    code: 'sdim-status-value',
    severity: 'error',
    role: 'catalog',
    yaml: `${HEAD}serviceDeskIntegrations:
  - { name: Zoë 😀 Desk, statusMap: { open: Queued, done: Done, closed: Committed } }
`,
    needle: 'Done',
    message: /"Done" is not a status ISC knows: a ticket status maps to Committed, Queued or Failed/,
    fix: ['done: Done', 'done: Committed'],
  },
  {
    code: 'sdim-no-committed',
    severity: 'error',
    role: 'catalog',
    yaml: `${HEAD}serviceDeskIntegrations:
  - { name: Zoë 😀 Desk, statusMap: { open: Queued, rejected: Failed } }
`,
    needle: 'statusMap',
    message: /No ticket status maps to Committed/,
    fix: ['rejected: Failed', 'rejected: Failed, closed: Committed'],
  },
  {
    code: 'sdim-polling-window',
    severity: 'warning',
    role: 'catalog',
    yaml: `${HEAD}serviceDeskIntegrations:
  - { name: Zoë 😀 Desk, ticketWorkflow: [{ status: open, hours: { p50: 30, p90: 60 } }, { status: done }] }
statusCheck: { provisioningMaxStatusCheckDays: 2 }
`,
    needle: 'ticketWorkflow',
    message:
      /takes 60 working hours at the 90th percentile, longer than ISC keeps checking in calendar time \(provisioningMaxStatusCheckDays 2 = 48 hours\)/,
    fix: ['p90: 60', 'p90: 40'],
  },
];
