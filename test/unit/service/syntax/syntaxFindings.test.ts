/**
 * Where syntax findings are placed: duplicate keys on each repetition, one syntax error per cause.
 */
import * as assert from 'node:assert/strict';
import type { Diagnostic } from '../../helpers';
import { CATALOG, brief, diagnose, rangeOf } from '../../helpers';

const HEAD = 'kind: ProvisioningPlan\nidentity: { name: jane.doe }\naccountRequests:\n';

function check(text: string, target = 'p.plan.yaml'): Diagnostic[] {
  return diagnose({ 'acme.sources.yaml': CATALOG, [target]: text }, target);
}

suite('placement of syntax findings: each repetition, one error per cause (docs/rules.md#one-cause)', () => {
  test('duplicate keys are reported on each repetition, not on the first', () => {
    const plan = `${HEAD}  - source: Active Directory\n    operation: Create\n    operation: Modify\n    operation: Create\n`;
    const found = check(plan).filter((d) => d.code === 'duplicate-key');
    assert.deepEqual(
      found.map((d) => d.range),
      [rangeOf(plan, 'operation', 2), rangeOf(plan, 'operation', 3)],
    );
  });

  test('a stray closing brace gives one syntax error, not one for every token after it', () => {
    const plan = `kind: ProvisioningPlan\nidentity: { name: Zoë 😀 }}\naccountRequests:\n  - { nativeIdentity: CN=Jane, source: Active Directory, operation: Modify }\n`;
    const found = check(plan).filter((d) => d.code === 'yaml-syntax');
    assert.deepEqual(
      found.map((d) => d.range),
      [rangeOf(plan, '}', 2)],
    );
  });

  for (const [what, line] of [
    ['a double-quoted value with an escaped quote', 'name: "Zoë \\" 😀 joins'],
    ['a single-quoted value with an escaped quote', "name: 'it''s Zoë 😀"],
  ] as const) {
    test(`an unclosed quote is one syntax error from its opening quote to the end of its line: ${what}`, () => {
      const plan = `kind: ProvisioningPlan\n${line}\nidentity: { name: x }\naccountRequests:\n  - { source: Active Directory, operation: Create }\n`;
      const found = check(plan);
      assert.deepEqual(
        found.map((d) => [d.code, d.range]),
        [['yaml-syntax', rangeOf(plan, line.slice('name: '.length))]],
      );
      assert.match(found[0]!.message, /Missing closing ["']quote/);
    });
  }

  test('a JSON trailing comma gives one syntax error', () => {
    const plan =
      '{"kind": "ProvisioningPlan", "identity": {"name": "x"}, "accountRequests": [{"source": "Active Directory", "operation": "Create",}]}\n';
    const found = check(plan, 'p.plan.json');
    const brace = plan.indexOf(',}') + 1;
    assert.deepEqual(brief(found), [['yaml-syntax', `0:${brace}-0:${brace + 1}`]]);
    assert.match(found[0]!.message, /^JSON syntax: property name expected\./);
  });

  test('a value broken by a syntax error is reported as the syntax error only', () => {
    const plan = `${HEAD}  - { nativeIdentity: CN=Jane, source: Active Directory, operation: Modify: Create }\n`;
    assert.deepEqual(
      check(plan).map((d) => d.code),
      ['yaml-syntax'],
    );
  });
});
