/**
 * Where the findings of the plan rules are placed; schema and syntax findings: see schema/ and syntax/.
 */
import * as assert from 'node:assert/strict';
import type { Diagnostic } from '../../helpers';
import { CATALOG, brief, crlf, diagnose, rangeOf } from '../../helpers';

const HEAD = 'kind: ProvisioningPlan\nidentity: { name: jane.doe }\naccountRequests:\n';

function check(text: string, target = 'p.plan.yaml'): Diagnostic[] {
  return diagnose({ 'acme.sources.yaml': CATALOG, [target]: text }, target);
}

suite(
  'placement of rule findings: on the value, UTF-16 columns, one per cause (docs/rules.md#one-cause)',
  () => {
    test('an unknown source in a block mapping is reported on the value, with the closest name', () => {
      const plan = `${HEAD}  - source: Active Directroy\n    operation: Create\n`;
      const found = check(plan);
      assert.deepEqual(brief(found), [['unknown-source', '3:12-3:28']]);
      assert.deepEqual(found[0]!.range, rangeOf(plan, 'Active Directroy'));
      assert.match(found[0]!.message, /Did you mean "Active Directory"/);
    });

    test('columns count UTF-16 code units: an emoji counts two (literal positions)', () => {
      const plan = `${HEAD}  - { nativeIdentity: CN=Zoë 😀 Müller, source: Active Directroy, operation: Modify }\n`;
      for (const text of [plan, crlf(plan)]) {
        const [found] = check(text);
        assert.deepEqual(found!.range, {
          start: { line: 3, character: 48 },
          end: { line: 3, character: 64 },
        });
      }
    });

    test('without any catalog: only no-catalog, no unknown-source for each request', () => {
      const plan = `${HEAD}  - { source: Active Directory, operation: Create }\n  - { source: Payroll, operation: Create }\n  - { source: Nowhere, operation: Create }\n`;
      assert.deepEqual(brief(diagnose({ 'p.plan.yaml': plan }, 'p.plan.yaml')), [['no-catalog', '0:0-0:4']]);
    });

    test('an operation ISC does not have: only the schema finding, no missing-native-identity', () => {
      const plan = `${HEAD}  - { source: Active Directory, operation: Provision }\n  - { source: Active Directory, operation: modify }\n`;
      const found = check(plan);
      assert.deepEqual(brief(found), [
        ['schema', '3:43-3:52'],
        ['schema', '4:43-4:49'],
      ]);
      assert.match(
        found[1]!.message,
        /^"modify" is not a valid value for "operation"\. Did you mean "Modify"\?/,
      );
    });

    test('a tab in the indentation of a request: one yaml-syntax finding, nothing else', () => {
      for (const plan of [
        `${HEAD}  - source: Active Directory\n\toperation: Create\n`,
        `${HEAD}  - source: Active Directory\n    operation: Modify\n\tnativeIdentity: CN=x\n    attributeRequests:\n      - { name: department, operation: Set, value: x }\n  - { source: Active Directory, operation: Create }\n`,
      ]) {
        const found = check(plan);
        const line = plan.split('\n').findIndex((l) => l.startsWith('\t'));
        assert.deepEqual(
          found.map((d) => [d.code, d.range.start.line, d.range.start.character]),
          [['yaml-syntax', line, 0]],
          JSON.stringify(found),
        );
        assert.match(found[0]!.message, /YAML indents with spaces, not tabs/);
      }
    });
  },
);
