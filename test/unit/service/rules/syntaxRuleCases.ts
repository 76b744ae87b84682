import type { RuleCase } from './ruleCase';
import { plan } from './ruleCase';

const DEEP = `${'['.repeat(70)}${']'.repeat(70)}`;

/** The syntax and structure rules of docs/rules.md#syntax-rules: yaml-syntax, duplicate-key, document-limit, schema. */
export const SYNTAX_RULE_CASES: RuleCase[] = [
  {
    code: 'yaml-syntax',
    severity: 'error',
    role: 'plan',
    yaml: plan('  - { nativeIdentity: CN=Zoë 😀 Müller, source: Active Directory, operation: Modify }}\n'),
    needle: '}',
    occurrence: 3,
    message: /YAML syntax: Unexpected flow-map-end token/,
    fix: ['Modify }}', 'Modify }'],
    json: {
      why: 'a JSON syntax error cannot be derived from YAML',
      text: `{
  "kind": "ProvisioningPlan",
  "name": "Zoë Müller 😀" "identity": { "name": "zoe.mueller" },
  "accountRequests": [{ "nativeIdentity": "CN=Zoë", "source": "Active Directory", "operation": "Modify" }]
}
`,
      needle: '"identity"',
      message: /JSON syntax: comma expected\. Separate items and properties with a comma\./,
      fixed: `{
  "kind": "ProvisioningPlan",
  "name": "Zoë Müller 😀", "identity": { "name": "zoe.mueller" },
  "accountRequests": [{ "nativeIdentity": "CN=Zoë", "source": "Active Directory", "operation": "Modify" }]
}
`,
    },
  },
  {
    code: 'duplicate-key',
    severity: 'error',
    role: 'plan',
    yaml: plan(
      '  - { nativeIdentity: CN=Zoë 😀 Müller, source: Active Directory, operation: Modify, operation: Modify }\n',
    ),
    needle: 'operation',
    occurrence: 2,
    message: /The key "operation" appears twice in this mapping/,
    fix: [', operation: Modify }', ' }'],
    json: {
      why: 'JSON parsed from YAML keeps one of two equal keys',
      text: `{
  "kind": "ProvisioningPlan",
  "identity": { "name": "zoe.mueller" },
  "accountRequests": [{ "nativeIdentity": "CN=Zoë 😀", "source": "Active Directory", "operation": "Modify", "operation": "Modify" }]
}
`,
      needle: '"operation"',
      occurrence: 2,
      fixed: `{
  "kind": "ProvisioningPlan",
  "identity": { "name": "zoe.mueller" },
  "accountRequests": [{ "nativeIdentity": "CN=Zoë 😀", "source": "Active Directory", "operation": "Modify" }]
}
`,
    },
  },
  {
    code: 'document-limit',
    severity: 'error',
    role: 'plan',
    yaml: `kind: ProvisioningPlan
identity: { name: Zoë 😀, tags: ${DEEP} }
accountRequests:
  - { nativeIdentity: CN=Zoë, source: Active Directory, operation: Modify }
`,
    // `{` is the first level, so the 64th `[` is the 65th: one beyond the limit of 64.
    needle: '[',
    occurrence: 64,
    message: /nests deeper than isc-plan's safety limit \(64 levels of brackets\)/,
    fix: [`, tags: ${DEEP}`, ''],
    json: {
      why: 'JSON parsed from a YAML text that nests too deep cannot be made',
      text: `{
  "kind": "ProvisioningPlan",
  "identity": { "name": "Zoë 😀", "tags": ${DEEP} },
  "accountRequests": [{ "nativeIdentity": "CN=Zoë", "source": "Active Directory", "operation": "Modify" }]
}
`,
      needle: '[',
      occurrence: 63,
      fixed: `{
  "kind": "ProvisioningPlan",
  "identity": { "name": "Zoë 😀" },
  "accountRequests": [{ "nativeIdentity": "CN=Zoë", "source": "Active Directory", "operation": "Modify" }]
}
`,
    },
  },
  {
    code: 'schema',
    severity: 'error',
    role: 'plan',
    yaml: plan('  - { nativeIdentity: CN=Zoë 😀 Müller, source: Active Directory, operation: Modfy }\n'),
    needle: 'Modfy',
    message: /"Modfy" is not a valid value for "operation". Did you mean "Modify"\?/,
    fix: ['Modfy', 'Modify'],
  },
];
