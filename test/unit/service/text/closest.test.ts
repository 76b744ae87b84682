import * as assert from 'node:assert/strict';
import {
  MAX_SUGGESTED_LENGTH,
  SUGGESTION_BUDGET,
  closest,
  closestWithWork,
  editDistance,
} from '../../../../server/src/service/text/closest';
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

suite('text: "did you mean" is bounded (docs/formats.md#limits)', () => {
  /** A name of `length` characters made of the letters of `seed`, the same letters in another order for each `n`. */
  const shuffled = (length: number, n: number): string =>
    Array.from({ length }, (_, i) => 'abcdefghij'[(i * 7 + n * (i % 3)) % 10]).join('');

  test('a name longer than the cut-off gets no suggestion and costs nothing', () => {
    const long = 'a'.repeat(MAX_SUGGESTED_LENGTH + 1);
    assert.deepEqual(closestWithWork(long, [long + 'b', long.slice(1)]), { best: undefined, work: 0 });
    const atCutOff = 'a'.repeat(MAX_SUGGESTED_LENGTH);
    assert.equal(closest(atCutOff, [atCutOff + 'b']), atCutOff + 'b');
  });

  test('one name costs at most the budget however many and however similar the candidates', () => {
    const candidates = Array.from({ length: 20_000 }, (_, n) => shuffled(60, n + 1));
    const { work } = closestWithWork(shuffled(60, 0), candidates);
    const oneComparison = 3 * (MAX_SUGGESTED_LENGTH + 5) * 9;
    assert.ok(work <= SUGGESTION_BUDGET + oneComparison, `work ${work}`);
    assert.ok(work >= SUGGESTION_BUDGET, 'the budget, not the candidates, ended the search');
  });

  test('300 unknown names of 100 characters against 300 known ones cost nothing', () => {
    const names = Array.from({ length: 300 }, (_, n) => `x${shuffled(99, n)}`);
    const known = Array.from({ length: 300 }, (_, n) => `k${shuffled(99, n + 300)}`);
    assert.ok(names.every((name) => closestWithWork(name, known).work === 0));
  });

  test('the band gives the same distances as the full table', () => {
    assert.equal(editDistance('abcdef', 'badcfe', 2), 3, 'three swaps, past the bound of 2');
    assert.equal(editDistance('abcdef', 'badcfe'), 3);
    assert.equal(editDistance('Active Directory', 'active directroy', 4), 1);
    assert.equal(editDistance('', 'abc'), 3);
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
