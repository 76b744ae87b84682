/**
 * A plain value cut by commas inside `{ }` (docs/rules.md#schema): one finding on the whole value,
 * saying why, with a fix that quotes it.
 */
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { quickFix } from '../../../../server/src/service/features/edits/quickFixes';
import type { Finding } from '../../../../server/src/service/findings/finding';
import { CATALOG, ROOT, diagnose, rangeOf, serviceFor } from '../../helpers';

const PLAN = `kind: ProvisioningPlan
identity: { name: jane.doe }
accountRequests:
  - source: Active Directory
    operation: Modify
    nativeIdentity: CN=Jane
    attributeRequests:
      - { name: memberOf, operation: Add, value: CN=All-Staff,OU=Groups,DC=acme }
`;

function findingsOf(plan: string): Finding[] {
  const service = serviceFor({ 'acme.sources.yaml': CATALOG });
  const file = path.join(ROOT, 'p.plan.yaml');
  service.open(file, plan);
  return service.findings(file);
}

suite('schema: a value cut by commas inside { }', () => {
  test('one finding on the whole value that says a comma ends a value, not one per stray key', () => {
    const found = diagnose({ 'acme.sources.yaml': CATALOG, 'p.plan.yaml': PLAN }, 'p.plan.yaml');
    assert.deepEqual(
      found.map((d) => [d.code, d.range, d.message]),
      [
        [
          'schema',
          rangeOf(PLAN, 'CN=All-Staff,OU=Groups,DC=acme'),
          'Inside { } a comma ends a value: "value" is read as CN=All-Staff, and OU=Groups, DC=acme as keys. ' +
            'Quote the value to keep its commas: value: "CN=All-Staff,OU=Groups,DC=acme"',
        ],
      ],
    );
  });

  test('the quick fix quotes the value, and the plan is then clean', () => {
    const [only] = findingsOf(PLAN);
    const start = PLAN.indexOf('CN=All-Staff');
    const end = start + 'CN=All-Staff,OU=Groups,DC=acme'.length;
    const fix = quickFix(PLAN, 'yaml', only!.fixes![0]!, undefined);
    assert.deepEqual(fix, {
      title: 'Quote the value: "CN=All-Staff,OU=Groups,DC=acme"',
      edits: [{ start, end, newText: '"CN=All-Staff,OU=Groups,DC=acme"' }],
    });
    const fixed = PLAN.slice(0, start) + fix.edits[0]!.newText + PLAN.slice(end);
    assert.deepEqual(findingsOf(fixed), []);
  });

  test('a key of its own after a comma (with its colon) is still an unknown key', () => {
    const plan = PLAN.replace('CN=All-Staff,OU=Groups,DC=acme', 'CN=All-Staff, scope: Groups');
    const found = findingsOf(plan);
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /^"scope" is not a key of the attribute request\./);
  });

  test('the same value in a block mapping is one value: nothing to report', () => {
    const plan = PLAN.replace(
      '      - { name: memberOf, operation: Add, value: CN=All-Staff,OU=Groups,DC=acme }',
      '      - name: memberOf\n        operation: Add\n        value: CN=All-Staff,OU=Groups,DC=acme',
    );
    assert.deepEqual(findingsOf(plan), []);
  });

  test('after an edit re-parses only the request, the finding is the same', () => {
    const service = serviceFor({ 'acme.sources.yaml': CATALOG });
    const file = path.join(ROOT, 'p.plan.yaml');
    const tail = '  - { source: Active Directory, operation: Create }\n';
    const before = PLAN.replace('CN=All-Staff,OU=Groups,DC=acme', 'CN=All-Staff');
    service.open(file, before + tail);
    const at = before.indexOf('CN=All-Staff') + 'CN=All-Staff'.length;
    const mode = service.update(file, PLAN + tail, [{ start: at, end: at, text: ',OU=Groups,DC=acme' }]);
    assert.equal(mode, 'incremental');
    assert.deepEqual(
      service.findings(file).map((f) => [f.start, f.message.slice(0, 33)]),
      [[PLAN.indexOf('CN=All-Staff'), 'Inside { } a comma ends a value: ']],
    );
  });

  test('in the plan header and its inline sources too, and still after an edit of a request', () => {
    const plan =
      PLAN.replace('identity: { name: jane.doe }', 'identity: { name: Doe, Jane }') +
      'sources:\n  - name: Canteen Cards\n    connectionType: file\n    owner: { name: Smith, John }\n';
    const service = serviceFor({ 'acme.sources.yaml': CATALOG });
    const file = path.join(ROOT, 'p.plan.yaml');
    service.open(file, plan);
    const doe = 'Inside { } a comma ends a value: "name" is read as Doe, and Jane as a key.';
    const smith = 'Inside { } a comma ends a value: "name" is read as Smith, and John as a key.';
    const split = (found: Finding[]): [number, string][] =>
      found
        .filter((f) => f.message.startsWith('Inside { }'))
        .map((f): [number, string] => [f.start, f.message.split(' Quote')[0]!])
        .sort((a, b) => a[0] - b[0]);
    const inRequest: [number, string] = [plan.indexOf('CN=All-Staff'), split(findingsOf(PLAN))[0]![1]];
    assert.deepEqual(split(service.findings(file)), [
      [plan.indexOf('Doe, Jane'), doe],
      inRequest,
      [plan.indexOf('Smith, John'), smith],
    ]);
    const at = plan.indexOf('CN=All-Staff,OU=Groups,DC=acme');
    const edited = plan.slice(0, at) + '"CN=All-Staff,OU=Groups,DC=acme"' + plan.slice(at + 30);
    const mode = service.update(file, edited, [
      { start: at, end: at + 30, text: '"CN=All-Staff,OU=Groups,DC=acme"' },
    ]);
    assert.equal(mode, 'incremental');
    assert.deepEqual(split(service.findings(file)), [
      [edited.indexOf('Doe, Jane'), doe],
      [edited.indexOf('Smith, John'), smith],
    ]);
  });

  test('in a catalog: an owner name with a comma', () => {
    const catalog = CATALOG.replace('owner: { name: payroll.admin }', 'owner: { name: Payroll, Team }');
    assert.notEqual(catalog, CATALOG);
    const found = diagnose({ 'acme.sources.yaml': catalog }, 'acme.sources.yaml');
    assert.deepEqual(
      found.map((d) => [d.code, d.range, d.message]),
      [
        [
          'schema',
          rangeOf(catalog, 'Payroll, Team'),
          'Inside { } a comma ends a value: "name" is read as Payroll, and Team as a key. ' +
            'Quote the value to keep its commas: name: "Payroll, Team"',
        ],
      ],
    );
  });
});
