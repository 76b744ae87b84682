import * as assert from 'node:assert/strict';
import { parseRuleConfig, parseRuleOption } from '../../../../server/src/service/findings/ruleConfig';
import type { Diagnostic } from '../../helpers';
import { CATALOG, crlf, diagnose, rangeOf } from '../../helpers';

/** A plan with an unknown attribute (warning), a manual request (information) and a Lock (error). */
const PLAN = `kind: ProvisioningPlan
identity: { name: jane.doe }
accountRequests:
  - source: Active Directory
    operation: Modify
    nativeIdentity: CN=Jane
    attributeRequests:
      - { name: departmnet, operation: Set, value: Finance }
      - { name: titel, operation: Set, value: Controller }
  - { source: Payroll, operation: Modify, nativeIdentity: '100118' }
  - { source: Active Directory, operation: Lock, nativeIdentity: CN=Jane }
`;

function codes(found: readonly Diagnostic[]): string[] {
  return found.map((d) => `${d.code}:${d.severity}:${d.range.start.line}`);
}

function check(plan: string, rules = {}): Diagnostic[] {
  return diagnose({ 'acme.sources.yaml': CATALOG, 'p.plan.yaml': plan }, 'p.plan.yaml', { rules });
}

const ALL = [
  'unknown-attribute:warning:7',
  'unknown-attribute:warning:8',
  'routed-to-manual:information:9',
  'lock-not-automatable:error:10',
];

suite('rule configuration (docs/rules.md#configuration)', () => {
  test('by default every rule has its default severity', () => {
    assert.deepEqual(codes(check(PLAN)), ALL);
  });

  test('off drops a rule, a severity replaces the default', () => {
    const found = check(PLAN, {
      'unknown-attribute': 'off',
      'routed-to-manual': 'hint',
      'lock-not-automatable': 'warning',
    });
    assert.deepEqual(codes(found), ['routed-to-manual:hint:9', 'lock-not-automatable:warning:10']);
  });

  test('.isc-plan.yaml is read into the same configuration', () => {
    const { rules, findings } = parseRuleConfig(
      'rules:\n  unknown-attribute: off\n  routed-to-manual: hint\n  no-verification: info\n',
    );
    assert.deepEqual(rules, {
      'unknown-attribute': 'off',
      'routed-to-manual': 'hint',
      'no-verification': 'information',
    });
    assert.deepEqual(findings, []);
    assert.deepEqual(codes(check(PLAN, rules)), ['routed-to-manual:hint:9', 'lock-not-automatable:error:10']);
  });

  test('the flow style works too', () => {
    assert.deepEqual(parseRuleConfig('rules: { unknown-attribute: off, routed-to-manual: hint }\n').rules, {
      'unknown-attribute': 'off',
      'routed-to-manual': 'hint',
    });
  });

  test('an unknown code is reported on the code, with the closest code; the other entries still apply', () => {
    const text = 'rules:\n  unknown-atribute: off\n  routed-to-manual: hint\n';
    const { rules, findings } = parseRuleConfig(text);
    assert.deepEqual(rules, { 'routed-to-manual': 'hint' });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.start, text.indexOf('unknown-atribute'));
    assert.equal(findings[0]!.end, text.indexOf('unknown-atribute') + 'unknown-atribute'.length);
    assert.match(
      findings[0]!.message,
      /unknown rule code "unknown-atribute" \(did you mean unknown-attribute\?\)/,
    );
  });

  test('an unknown severity is reported on the value', () => {
    const text = 'rules:\n  unknown-attribute: silent\n';
    const { rules, findings } = parseRuleConfig(text);
    assert.deepEqual(rules, {});
    assert.deepEqual(
      findings.map((f) => [f.start, f.end]),
      [[text.indexOf('silent'), text.indexOf('silent') + 6]],
    );
    assert.match(
      findings[0]!.message,
      /"silent" is not a severity; use error, warning, information, hint or off/,
    );
  });

  test('the former code delete-not-generated-by-isc still configures delete-account (an alias)', () => {
    const text = 'rules:\n  delete-not-generated-by-isc: off\n';
    const { rules, findings } = parseRuleConfig(text);
    assert.deepEqual(rules, { 'delete-account': 'off' });
    assert.deepEqual(findings, []);
    const plan = `${PLAN}  - { source: Active Directory, operation: Delete, nativeIdentity: CN=Old }\n`;
    assert.deepEqual(codes(check(plan)).slice(-1), ['delete-account:information:11']);
    assert.deepEqual(codes(check(plan, rules)).slice(-1), ['lock-not-automatable:error:10']);
    assert.deepEqual(parseRuleOption('delete-not-generated-by-isc=hint'), {
      code: 'delete-account',
      setting: 'hint',
    });
  });

  test('--rule CODE=SEVERITY is parsed the same way', () => {
    assert.deepEqual(parseRuleOption('unknown-attribute=off'), { code: 'unknown-attribute', setting: 'off' });
    assert.deepEqual(parseRuleOption('no-catalog=error'), { code: 'no-catalog', setting: 'error' });
    assert.equal(
      parseRuleOption('no-catalogue=error'),
      'unknown rule code "no-catalogue" (did you mean no-catalog?)',
    );
    assert.equal(
      parseRuleOption('no-catalog=loud'),
      '"loud" is not a severity; use error, warning, information, hint or off',
    );
  });
});

suite('suppression comments in YAML files (docs/rules.md#configuration)', () => {
  test('# isc-plan-disable CODE switches a rule off for the whole file', () => {
    const plan = `# isc-plan-disable unknown-attribute\n${PLAN}`;
    assert.deepEqual(codes(check(plan)), [
      'routed-to-manual:information:10',
      'lock-not-automatable:error:11',
    ]);
  });

  test('several codes in one comment, anywhere in the file', () => {
    const plan = `${PLAN}# isc-plan-disable unknown-attribute, lock-not-automatable\n`;
    assert.deepEqual(codes(check(plan)), ['routed-to-manual:information:9']);
  });

  test('# isc-plan-disable-next-line CODE switches it off for the next line only', () => {
    const plan = PLAN.replace(
      '      - { name: departmnet',
      '      # isc-plan-disable-next-line unknown-attribute\n      - { name: departmnet',
    );
    const found = check(plan);
    assert.deepEqual(codes(found), [
      'unknown-attribute:warning:9',
      'routed-to-manual:information:10',
      'lock-not-automatable:error:11',
    ]);
    assert.deepEqual(found[0]!.range, rangeOf(plan, 'titel'));
  });

  test('a next-line comment for another code keeps the finding', () => {
    const plan = PLAN.replace(
      '      - { name: departmnet',
      '      # isc-plan-disable-next-line routed-to-manual\n      - { name: departmnet',
    );
    assert.equal(check(plan).filter((d) => d.code === 'unknown-attribute').length, 2);
  });

  test('suppression works with CRLF line endings', () => {
    const plan = crlf(
      PLAN.replace(
        '      - { name: departmnet',
        '      # isc-plan-disable-next-line unknown-attribute\n      - { name: departmnet',
      ),
    );
    assert.deepEqual(codes(check(plan)), [
      'unknown-attribute:warning:9',
      'routed-to-manual:information:10',
      'lock-not-automatable:error:11',
    ]);
  });

  test('suppression comments and the rule configuration combine', () => {
    const plan = `# isc-plan-disable lock-not-automatable\n${PLAN}`;
    assert.deepEqual(codes(check(plan, { 'unknown-attribute': 'error' })), [
      'unknown-attribute:error:8',
      'unknown-attribute:error:9',
      'routed-to-manual:information:10',
    ]);
  });

  test('the former code delete-not-generated-by-isc still suppresses delete-account (an alias)', () => {
    const plan = `${PLAN}  - { source: Active Directory, operation: Delete, nativeIdentity: CN=Old }\n`;
    assert.ok(codes(check(plan)).includes('delete-account:information:11'));
    const file = `# isc-plan-disable delete-not-generated-by-isc\n${plan}`;
    assert.ok(!check(file).some((d) => d.code === 'delete-account'));
    const line = plan.replace(
      '  - { source: Active Directory, operation: Delete',
      '  # isc-plan-disable-next-line delete-not-generated-by-isc\n  - { source: Active Directory, operation: Delete',
    );
    assert.deepEqual(codes(check(line)), codes(check(PLAN)));
  });

  test('JSON has no comments: JSON plans cannot suppress, only the configuration applies there', () => {
    const json =
      '{"kind": "ProvisioningPlan", "identity": {"name": "x"}, "accountRequests": [{"source": "Payroll", "operation": "Modify", "nativeIdentity": "1"}]}\n';
    const files = { 'acme.sources.yaml': CATALOG, 'p.plan.json': json };
    assert.deepEqual(codes(diagnose(files, 'p.plan.json')), ['routed-to-manual:information:0']);
    assert.deepEqual(codes(diagnose(files, 'p.plan.json', { rules: { 'routed-to-manual': 'off' } })), []);
  });
});
