import type { RuleCase } from './ruleCase';
import { PLAN_HEAD, plan } from './ruleCase';

/**
 * The request and plan rules of docs/rules.md#request-rules, one row each. Most requests are flow mappings
 * that start with non-ASCII text (ë, ü and an emoji, which is two UTF-16 code units) on the line
 * of the finding, so the expected column proves UTF-16 counting.
 */
export const PLAN_RULE_CASES: RuleCase[] = [
  {
    code: 'no-catalog',
    severity: 'warning',
    role: 'plan',
    files: {},
    yaml: plan('  - { nativeIdentity: CN=Zoë 😀 Müller, source: Active Directory, operation: Modify }\n'),
    needle: 'kind',
    message: /no source catalog .* no channel can be predicted/,
    fix: [
      PLAN_HEAD,
      PLAN_HEAD.replace(
        'accountRequests:',
        'sources: [{ name: Active Directory, features: [PROVISIONING] }]\naccountRequests:',
      ),
    ],
  },
  {
    code: 'unknown-source',
    severity: 'error',
    role: 'plan',
    yaml: plan('  - { nativeIdentity: CN=Zoë 😀 Müller, source: Active Directroy, operation: Modify }\n'),
    needle: 'Active Directroy',
    message: /No loaded catalog has a source named "Active Directroy".*Did you mean "Active Directory"\?/,
    fix: ['Directroy', 'Directory'],
  },
  {
    code: 'missing-native-identity',
    severity: 'error',
    role: 'plan',
    yaml: plan('  - { comments: Zoë 😀 Müller, source: Active Directory, operation: Modify }\n'),
    needle: 'Modify',
    message: /Modify needs nativeIdentity/,
    fix: ['comments: Zoë', 'nativeIdentity: Zoë'],
  },
  {
    code: 'routed-to-manual',
    severity: 'information',
    role: 'plan',
    yaml: plan('  - { nativeIdentity: Zoë 😀 Müller, source: Payroll, operation: Modify }\n'),
    needle: 'Modify',
    message: /Payroll lacks PROVISIONING.*manual work item for payroll\.admin/,
    fix: ['Payroll', 'Active Directory'],
  },
  {
    code: 'lock-not-automatable',
    severity: 'warning',
    role: 'plan',
    yaml: plan('  - { nativeIdentity: CN=Zoë 😀 Müller, source: Active Directory, operation: Lock }\n'),
    needle: 'Lock',
    message: /No connector can lock an account.*manual task for ad\.admin/,
    fix: ['operation: Lock', 'operation: Unlock'],
  },
  {
    code: 'permissions-to-work-item',
    severity: 'information',
    role: 'plan',
    yaml: plan(
      "  - { nativeIdentity: Zoë 😀, source: File Share, operation: Modify, permissionRequests: [{ target: 'fin', operation: Add }] }\n",
    ),
    needle: 'permissionRequests',
    message: /File Share has NO_PERMISSIONS_PROVISIONING.*manual work item for files\.admin/,
    fix: ['File Share', 'Active Directory'],
  },
  {
    code: 'manual-no-assignee',
    severity: 'error',
    role: 'plan',
    yaml: plan('  - { nativeIdentity: Zoë 😀 Müller, source: Orphan Files, operation: Modify }\n'),
    needle: 'Orphan Files',
    message: /Orphan Files has no owner, so nobody would receive the manual work item/,
    fix: ['Orphan Files', 'Payroll'],
  },
  {
    code: 'channel-mismatch',
    severity: 'warning',
    role: 'plan',
    yaml: plan(
      '  - { nativeIdentity: Zoë 😀 Müller, source: Active Directory, operation: Modify, channel: ticketing }\n',
    ),
    needle: 'ticketing',
    message: /expects channel "ticketing", but ISC would use "connector"/,
    fix: ['channel: ticketing', 'channel: connector'],
  },
  {
    code: 'unknown-integration',
    severity: 'error',
    role: 'plan',
    yaml: plan(
      '  - { nativeIdentity: Zoë 😀, source: HR Portal, operation: Modify, ticketing: { integration: Jira SDIM } }\n',
    ),
    needle: 'Jira SDIM',
    message: /No loaded catalog has a service desk integration named "Jira SDIM"/,
    fix: ['Jira SDIM', 'ServiceNow SDIM'],
  },
  {
    code: 'unknown-attribute',
    severity: 'warning',
    role: 'plan',
    yaml: plan(`  - source: Active Directory
    operation: Modify
    nativeIdentity: CN=Zoë Müller
    attributeRequests:
      - { value: Zoë 😀 Müller, name: departmnet, operation: Set }
`),
    needle: 'departmnet',
    message: /Active Directory's account schema has no attribute "departmnet"; did you mean "department"\?/,
    fix: ['departmnet', 'department'],
  },
  {
    code: 'add-to-single-valued',
    severity: 'warning',
    role: 'plan',
    yaml: plan(`  - source: Active Directory
    operation: Modify
    nativeIdentity: CN=Zoë Müller
    attributeRequests:
      - { value: Zoë 😀 Müller, name: department, operation: Add }
`),
    needle: 'Add',
    message: /"department" is single-valued on Active Directory.*use Set/,
    fix: ['operation: Add', 'operation: Set'],
  },
  {
    code: 'conflicting-attribute-requests',
    severity: 'error',
    role: 'plan',
    yaml: plan(`  - source: Active Directory
    operation: Modify
    nativeIdentity: CN=Zoë Müller
    attributeRequests:
      - { name: memberOf, operation: Add, value: CN=Zoë 😀 }
      - { value: CN=Zoë 😀, name: memberOf, operation: Remove }
`),
    needle: 'Remove',
    message: /is both added to and removed from "memberOf"/,
    fix: [
      'value: CN=Zoë 😀, name: memberOf, operation: Remove',
      'value: CN=Other, name: memberOf, operation: Remove',
    ],
  },
  {
    code: 'conflicting-account-requests',
    severity: 'error',
    role: 'plan',
    yaml: plan(`  - { nativeIdentity: CN=Zoë 😀, source: Active Directory, operation: Enable }
  - { nativeIdentity: CN=Zoë 😀, source: Active Directory, operation: Disable }
`),
    needle: 'Disable',
    message: /This Disable and the Enable of request 1 are for the same account/,
    fix: [
      'CN=Zoë 😀, source: Active Directory, operation: Disable',
      'CN=Other, source: Active Directory, operation: Disable',
    ],
  },
  {
    code: 'delete-not-generated-by-isc',
    severity: 'information',
    role: 'plan',
    yaml: plan('  - { nativeIdentity: CN=Zoë 😀 Müller, source: Active Directory, operation: Delete }\n'),
    needle: 'Delete',
    message: /never send Delete on their own/,
    fix: ['operation: Delete', 'operation: Disable'],
  },
  {
    code: 'no-verification',
    severity: 'warning',
    role: 'plan',
    yaml: plan('  - { nativeIdentity: Zoë 😀 Müller, source: Mainframe, operation: Modify }\n'),
    needle: 'Mainframe',
    message: /Mainframe has the NO_AGGREGATION feature.*UNVERIFIABLE/,
    fix: ['Mainframe', 'Active Directory'],
  },
  {
    code: 'plaintext-secret',
    severity: 'warning',
    role: 'plan',
    yaml: plan(`  - source: Active Directory
    operation: Modify
    nativeIdentity: CN=Zoë Müller
    attributeRequests:
      - { name: password, operation: Set, value: Zoë😀Geheim-2026 }
`),
    needle: 'Zoë😀Geheim-2026',
    message: /^A literal password is written here\. A plan file is plain text/,
    fix: ['value: Zoë😀Geheim-2026', "value: '{{password}}'"],
  },
];
