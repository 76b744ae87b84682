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
  },
);
