import * as assert from 'node:assert/strict';
import { closest, editDistance } from '../../../../server/src/service/text/closest';
import { CATALOG, diagnose } from '../../helpers';

suite('text: closest names', () => {
  test('two swapped neighbouring letters count one edit', () => {
    assert.equal(editDistance('mulit', 'multi'), 1);
    assert.equal(editDistance('Directroy', 'Directory'), 1);
    assert.equal(editDistance('abc', 'abc'), 0);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('mulit', 'multi', 0), 1, 'past the bound: bound + 1');
  });

  test('mulit gets multi, as isMulti does', () => {
    const keys = ['name', 'type', 'multi', 'entitlement', 'secret', 'description'];
    assert.equal(closest('mulit', keys), 'multi');
    assert.equal(closest('isMulti', keys), 'multi');
  });

  test('a misspelt key of a catalog attribute offers the rename', () => {
    const catalog = CATALOG.replace(
      '{ name: memberOf, type: string, multi: true',
      '{ name: memberOf, type: string, mulit: true',
    );
    assert.notEqual(catalog, CATALOG);
    const found = diagnose({ 'acme.sources.yaml': catalog }, 'acme.sources.yaml');
    assert.deepEqual(
      found.map((d) => d.message.replace(/ Known keys: .*/, '')),
      ['"mulit" is not a key of the account attribute. Did you mean "multi"?'],
    );
  });
});

suite('unknown-source: the message ends in a sentence that says what to do', () => {
  const plan = (source: string): string =>
    `kind: ProvisioningPlan\nidentity: { name: jane.doe }\naccountRequests:\n  - { source: ${source}, operation: Create }\n`;
  const message = (source: string): string =>
    diagnose({ 'acme.sources.yaml': CATALOG, 'p.plan.yaml': plan(source) }, 'p.plan.yaml')[0]!.message;

  test('with a close name: did you mean, if not add it', () => {
    assert.equal(
      message('Active Directroy'),
      'No loaded catalog has a source named "Active Directroy" (catalogs: acme.sources.yaml), so ISC\'s channel for this request cannot be predicted. Did you mean "Active Directory"? If not, add the source to a catalog or to the plan\'s inline sources.',
    );
  });

  test('without a close name: no dangling "otherwise"', () => {
    assert.equal(
      message('Travel Booking'),
      "No loaded catalog has a source named \"Travel Booking\" (catalogs: acme.sources.yaml), so ISC's channel for this request cannot be predicted. Write the source's name exactly as in ISC, or add the source to a catalog or to the plan's inline sources.",
    );
  });
});
