import { CATALOG } from '../../helpers';
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
    code: 'catalog-unreadable',
    severity: 'error',
    role: 'plan',
    files: { 'acme.sources.yaml': CATALOG },
    yaml:
      PLAN_HEAD.replace('accountRequests:', 'catalog: acme.source.yaml\naccountRequests:') +
      '  - { nativeIdentity: CN=Zoë 😀 Müller, source: Active Directory, operation: Modify }\n',
    needle: 'acme.source.yaml',
    message:
      /^acme\.source\.yaml: the file does not exist .* The closest catalog file there is acme\.sources\.yaml/,
    fix: ['acme.source.yaml', 'acme.sources.yaml'],
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
    message:
      /^Payroll is a flat-file source \(connectionType file\): ISC does not provision it through a connector, whatever its features say\. A person will do it: ISC creates a manual work item for payroll\.admin\..*until a newer file is uploaded and aggregated\.$/,
    fix: ['Payroll', 'Active Directory'],
  },
  {
    code: 'lock-not-automatable',
    severity: 'error',
    role: 'plan',
    yaml: plan('  - { nativeIdentity: CN=Zoë 😀 Müller, source: Active Directory, operation: Lock }\n'),
    needle: 'Lock',
    message: /^Nothing will happen: ISC has no lock action .* and creates no task for a Lock;.*Use Disable/,
    fix: ['operation: Lock', 'operation: Unlock'],
  },
  {
    code: 'password-not-provisionable',
    severity: 'warning',
    role: 'plan',
    yaml: plan(
      "  - { nativeIdentity: Zoë 😀 Müller, source: Mainframe, operation: Modify, attributeRequests: [{ name: password, operation: Set, value: '${NEW_PASSWORD}' }] }\n",
    ),
    needle: 'password',
    message:
      /^ISC cannot change this password: Mainframe lacks the PASSWORD feature, and ISC changes passwords only through Password Management.*no work item and no ticket/,
    fix: ['source: Mainframe', 'source: Active Directory'],
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
    code: 'delete-account',
    severity: 'information',
    role: 'plan',
    yaml: plan('  - { nativeIdentity: CN=Zoë 😀 Müller, source: Active Directory, operation: Delete }\n'),
    needle: 'Delete',
    message:
      /lifecycle state configured to delete accounts .*disconnected sources ISC creates a work item.*Delete Account request, which needs approval \(by default the source owner reviews it\).*BeforeProvisioning rule/,
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
