/**
 * Where schema findings are placed (on the key, the parent key or the value) and the fixes they offer.
 */
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { quickFix } from '../../../../server/src/service/features/edits/quickFixes';
import type { Finding } from '../../../../server/src/service/findings/finding';
import type { Diagnostic } from '../../helpers';
import { CATALOG, brief, ROOT, diagnose, rangeOf, serviceFor } from '../../helpers';

const HEAD = 'kind: ProvisioningPlan\nidentity: { name: jane.doe }\naccountRequests:\n';

function check(text: string, target = 'p.plan.yaml'): Diagnostic[] {
  return diagnose({ 'acme.sources.yaml': CATALOG, [target]: text }, target);
}

/** The raw findings (offsets and fix data) of a plan. */
function findingsOf(plan: string): Finding[] {
  const service = serviceFor({ 'acme.sources.yaml': CATALOG });
  const file = path.join(ROOT, 'p.plan.yaml');
  service.open(file, plan);
  return service.findings(file);
}

suite('placement of schema findings (docs/rules.md#schema)', () => {
  test('a missing key is reported on the parent key', () => {
    const plan = `kind: ProvisioningPlan\nidentity: { id: 2c91 }\naccountRequests:\n  - { source: Active Directory, operation: Create }\n`;
    const found = check(plan);
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]!.range, rangeOf(plan, 'identity'));
    assert.match(found[0]!.message, /^"identity" is missing the required key "name"\./);
  });

  test("a missing key at the root is reported on the document's first key", () => {
    const plan = 'name: Jane joins\nkind: ProvisioningPlan\nidentity: { name: jane.doe }\n';
    const found = check(plan);
    assert.deepEqual(brief(found), [['schema', '0:0-0:4']]);
    assert.match(found[0]!.message, /missing the required key "accountRequests"/);
  });

  test("a missing key in a list item is reported on the item's first key", () => {
    const plan = `${HEAD}  - nativeIdentity: CN=Jane\n    source: Active Directory\n`;
    const found = check(plan);
    assert.deepEqual(
      found.map((d) => d.range),
      [rangeOf(plan, 'nativeIdentity')],
    );
    assert.match(found[0]!.message, /^The account request is missing the required key "operation"\./);
  });

  test('a missing key offers to insert it after the last key', () => {
    const plan = `${HEAD}  - nativeIdentity: CN=Jane\n    source: Active Directory\n`;
    const [only] = findingsOf(plan);
    assert.deepEqual(only!.fixes, [
      {
        kind: 'insert-key',
        title: 'Add "operation"',
        after: plan.indexOf('Active Directory') + 'Active Directory'.length,
        anchor: plan.indexOf('nativeIdentity'),
        key: 'operation',
        value: '',
      },
    ]);
  });

  test('an unknown key is reported on that key and suggests the closest known key', () => {
    const plan = `${HEAD}  - { source: Active Directory, operation: Create, comment: hi }\n`;
    const found = check(plan);
    assert.deepEqual(
      found.map((d) => d.range),
      [rangeOf(plan, 'comment')],
    );
    assert.match(
      found[0]!.message,
      /^"comment" is not a key of the account request\. Did you mean "comments"\?/,
    );
    const start = plan.indexOf('comment');
    assert.deepEqual(findingsOf(plan)[0]!.fixes, [
      {
        kind: 'replace',
        title: 'Rename to "comments"',
        start,
        end: start + 'comment'.length,
        text: 'comments',
      },
    ]);
  });

  test('a misspelt required key is reported once, on the misspelt key', () => {
    const plan = `${HEAD}  - source: Active Directory\n    operaton: Create\n`;
    const found = check(plan);
    assert.deepEqual(
      found.map((d) => [d.code, d.range]),
      [['schema', rangeOf(plan, 'operaton')]],
    );
    assert.match(found[0]!.message, /Did you mean "operation"\?/);
  });

  test('a wrong type is reported on the value', () => {
    const plan =
      'kind: ProvisioningPlan\nidentity: jane.doe\naccountRequests: { source: Active Directory }\n';
    const found = check(plan);
    assert.deepEqual(
      found.map((d) => d.range),
      [rangeOf(plan, 'jane.doe'), rangeOf(plan, '{ source: Active Directory }')],
    );
    assert.deepEqual(
      found.map((d) => d.message),
      [
        '"identity" must be a mapping, not a string. Its keys: name (required), displayName, id, type. Did you mean identity: { name: jane.doe }?',
        '"accountRequests" must be a list, not a mapping. Did you mean accountRequests: [{ source: Active Directory }]?',
      ],
    );
  });

  test('"must be a mapping / list" shows the keys and an example from the schema', () => {
    const catalog = `kind: SourceCatalog
sources:
  - name: X
    aggregation: "0 0 2 * * ?"
    accountSchema:
      attributes: memberOf
  - name: Y
    owner:
`;
    assert.deepEqual(
      diagnose({ 'c.sources.yaml': catalog }, 'c.sources.yaml').map((d) => d.message),
      [
        '"aggregation" must be a mapping, not a string. Its keys: schedule, durationMinutes. For example: aggregation: { schedule: "0 0 2 * * ?" }',
        '"attributes" must be a list, not a string. For example: attributes: [{ name: memberOf, multi: true }]',
        '"owner" has no value; it must be a mapping. Its keys: name (required), id, type. For example: owner: { name: ad.admin }',
      ],
    );
    const plan = `${HEAD}  - { source: Active Directory, operation: Modify, nativeIdentity: x, attributeRequests: department }\n  - { source: Active Directory, operation: Create, permissionRequests: [{ target: x, rights: read, operation: Add }] }\n`;
    assert.deepEqual(
      check(plan).map((d) => d.message),
      [
        '"attributeRequests" must be a list, not a string. For example: attributeRequests: [{ name: department, operation: Set, value: Finance }]',
        '"rights" must be a list, not a string. Did you mean rights: [read]?',
      ],
    );
  });

  test('a "Did you mean" shape hint is a quick fix that wraps what was written, in YAML only', () => {
    const plan =
      'kind: ProvisioningPlan\nidentity: "jane.doe"\naccountRequests:\n' +
      '  - { source: Active Directory, operation: Create, permissionRequests: [{ target: x, rights: read, operation: Add }] }\n';
    const findingsOf = (text: string, name: string): Finding[] => {
      const service = serviceFor({ 'acme.sources.yaml': CATALOG });
      service.open(path.join(ROOT, name), text);
      return service.findings(path.join(ROOT, name));
    };
    const found = findingsOf(plan, 'p.plan.yaml');
    const fixes = found.map((f) => quickFix(plan, 'yaml', f.fixes![0]!, undefined)!);
    const identity = plan.indexOf('"jane.doe"');
    const read = plan.indexOf('read');
    assert.deepEqual(fixes, [
      {
        title: 'Write { name: "jane.doe" }',
        edits: [{ start: identity, end: identity + 10, newText: '{ name: "jane.doe" }' }],
      },
      { title: 'Write [read]', edits: [{ start: read, end: read + 4, newText: '[read]' }] },
    ]);
    let fixed = plan;
    for (const { edits } of [...fixes].reverse()) {
      fixed = fixed.slice(0, edits[0]!.start) + edits[0]!.newText + fixed.slice(edits[0]!.end);
    }
    assert.deepEqual(findingsOf(fixed, 'p.plan.yaml'), []);
    const json = '{ "kind": "ProvisioningPlan", "identity": "jane.doe", "accountRequests": [] }';
    const inJson = findingsOf(json, 'p.plan.json');
    assert.match(inJson[0]!.message, /Did you mean identity: \{ name: jane\.doe \}\?/);
    assert.equal(inJson[0]!.fixes, undefined);
  });

  test('a value of the wrong type for an enum is reported once', () => {
    const plan = `${HEAD}  - { source: Active Directory, operation: [Create] }\n`;
    const found = check(plan);
    assert.deepEqual(
      found.map((d) => [d.range, d.message]),
      [[rangeOf(plan, '[Create]'), '"operation" must be a string, not a list.']],
    );
  });

  test('a key without a value is reported once, on the key', () => {
    const plan = `${HEAD}  - source: Active Directory\n    operation:\n`;
    const found = check(plan);
    assert.deepEqual(
      found.map((d) => [d.range, d.message]),
      [[rangeOf(plan, 'operation'), '"operation" has no value; it must be a string.']],
    );
  });

  test('an enum typo suggests the closest value, with the fix to apply it', () => {
    const plan = `${HEAD}  - source: Active Directory\n    operation: Modify\n    nativeIdentity: CN=Jane\n    attributeRequests:\n      - { name: memberOf, operation: add, value: CN=Finance }\n`;
    const found = findingsOf(plan);
    const start = plan.indexOf('add,');
    assert.deepEqual(found, [
      {
        code: 'schema',
        severity: 'error',
        message: '"add" is not a valid value for "operation". Did you mean "Add"? Allowed: Add, Set, Remove.',
        start,
        end: start + 3,
        fixes: [{ kind: 'replace', title: 'Change to "Add"', start, end: start + 3, text: 'Add' }],
      },
    ]);
  });

  test('a catalog feature typo suggests the closest feature', () => {
    const catalog = 'kind: SourceCatalog\nsources:\n  - { name: X, features: [PROVISIONING, ENABEL] }\n';
    const found = diagnose({ 'x.sources.yaml': catalog }, 'x.sources.yaml');
    assert.deepEqual(
      found.map((d) => d.range),
      [rangeOf(catalog, 'ENABEL')],
    );
    assert.match(found[0]!.message, /^"ENABEL" is not a valid value for .*Did you mean "ENABLE"\?/);
  });

  test('columns in JSON count UTF-16 code units too (literal positions)', () => {
    const plan =
      '{"kind": "ProvisioningPlan", "identity": {"name": "x"},\r\n "accountRequests": [{"nativeIdentity": "Zoë 😀", "source": "Active Directory", "operation": "Lokc"}]}\r\n';
    const found = check(plan, 'p.plan.json');
    assert.deepEqual(brief(found), [['schema', '1:93-1:99']]);
  });
});

suite('the plan origin (docs/formats.md#plans)', () => {
  test('an unknown origin type, a zero escalation and p50 above p90 are schema errors on their values', () => {
    const plan = `kind: ProvisioningPlan\norigin:\n  type: request\n  approvals:\n    - { approver: manager, hours: { p50: 9, p90: 2 } }\n  escalationDays: 0\naccountRequests:\n  - { source: Active Directory, operation: Create }\n`;
    const found = check(plan);
    assert.deepEqual(
      found.map((d) => [d.code, d.message.slice(0, 40)]),
      [
        ['schema', '"request" is not a valid value for "type'],
        ['schema', 'p50 (9) is greater than p90 (2): the med'],
        ['schema', '"escalationDays" must be > 0.'],
      ],
    );
    assert.deepEqual(found[1]!.range, rangeOf(plan, '9'));
  });

  test('a valid origin gives no finding', () => {
    const plan = `kind: ProvisioningPlan\norigin:\n  type: role\n  approvals:\n    - { approver: manager, hours: { p50: 2, p90: 9 } }\n  escalationDays: 3\naccountRequests:\n  - { source: Active Directory, operation: Create }\n`;
    assert.deepEqual(check(plan), []);
  });
});
