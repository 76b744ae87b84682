import * as assert from 'node:assert/strict';
import { CATALOG, diagnose, rangeOf, withCode } from '../helpers';

suite('plan service smoke', () => {
  test('a clean plan has no errors', () => {
    const plan = `kind: ProvisioningPlan
identity: { name: jane.doe }
accountRequests:
  - source: Active Directory
    operation: Modify
    nativeIdentity: CN=Jane
    attributeRequests:
      - { name: memberOf, operation: Add, value: CN=Finance }
`;
    const diagnostics = diagnose({ 'acme.sources.yaml': CATALOG, 'a.plan.yaml': plan }, 'a.plan.yaml');
    assert.deepEqual(diagnostics, []);
  });

  test('unknown source is placed on the value', () => {
    const plan = `kind: ProvisioningPlan
identity: { name: jane.doe }
accountRequests:
  - source: Active Directroy
    operation: Create
`;
    const found = withCode(
      diagnose({ 'acme.sources.yaml': CATALOG, 'a.plan.yaml': plan }, 'a.plan.yaml'),
      'unknown-source',
    );
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]!.range, rangeOf(plan, 'Active Directroy'));
    assert.match(found[0]!.message, /Did you mean "Active Directory"/);
  });
});
