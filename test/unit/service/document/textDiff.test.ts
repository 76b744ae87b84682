import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { changeBetween } from '../../../../server/src/service/document/textDiff';
import { generatePlan } from '../../../../bench/generate';
import { PLAN_FILE, applyChange, openPlan } from './reparseCheck';

suite('changeBetween: the one change between two texts', () => {
  test('an insertion, a deletion, a replacement, and equal texts, from the start of the changed line', () => {
    assert.deepEqual(changeBetween('ab\ncdef', 'ab\ncXdef'), { start: 3, end: 4, text: 'cX' });
    assert.deepEqual(changeBetween('ab\ncdef\ngh', 'ab\ncf\ngh'), { start: 3, end: 6, text: 'c' });
    assert.deepEqual(changeBetween('abcdef', 'abXYef'), { start: 0, end: 4, text: 'abXY' });
    assert.deepEqual(changeBetween('abc\n', 'abc\n'), { start: 4, end: 4, text: '' });
    assert.deepEqual(changeBetween('', 'abc'), { start: 0, end: 0, text: 'abc' });
  });

  test('a line inserted or deleted before an indented line is that line, not text after the indentation', () => {
    const before = 'a:\n  - x: 1\n';
    const after = 'a:\n  # note\n  - x: 1\n';
    assert.deepEqual(changeBetween(before, after), { start: 3, end: 3, text: '  # note\n' });
    assert.deepEqual(changeBetween(after, before), { start: 3, end: 12, text: '' });
  });

  test('a repeated character: the common end never overlaps the common beginning', () => {
    assert.deepEqual(changeBetween('\naaa', '\naa'), { start: 1, end: 2, text: '' });
    assert.deepEqual(changeBetween('aa\n', 'aa\naa\n'), { start: 3, end: 3, text: 'aa\n' });
  });

  test('texts longer than a block, changed near either end and in the middle', () => {
    const text = 'x'.repeat(5000) + 'middle' + 'y'.repeat(5000);
    const lines = text.replace('middle', '\nmiddle\n');
    assert.deepEqual(changeBetween(lines, lines.replace('middle', 'MID')), {
      start: 5001,
      end: 5007,
      text: 'MID',
    });
    assert.deepEqual(changeBetween(lines, `!${lines}`), { start: 0, end: 0, text: '!' });
    const end = lines.length + 1;
    assert.deepEqual(changeBetween(`${lines}\n`, `${lines}\n!`), { start: end, end, text: '!' });
  });

  test('property: applying the change to the old text gives the new one, from the start of a line to the longest common end', () => {
    const texts = fc.string({ unit: fc.constantFrom('a', 'b', '\n', '😀', 'ë'), maxLength: 3000 });
    fc.assert(
      fc.property(texts, texts, (before, after) => {
        const change = changeBetween(before, after);
        assert.equal(applyChange(before, change), after);
        assert.ok(change.start === 0 || before[change.start - 1] === '\n', 'the change starts a line');
        const shorter = Math.min(before.length, after.length);
        const sameEnd = before.length - change.end;
        const longest =
          sameEnd === shorter - change.start || before.at(-sameEnd - 1) !== after.at(-sameEnd - 1);
        assert.ok(longest, 'the common end is as long as it can be');
      }),
      { numRuns: 300 },
    );
  });
});

suite('a whole text sent again costs what its change costs', () => {
  test('a comment line inserted in the middle of a 200-request plan, sent as the whole text, is applied incrementally', () => {
    const plan = generatePlan(200).replace('catalog: acme.sources.yaml\n', '');
    const service = openPlan(plan);
    const at = plan.indexOf('  - source: Payroll');
    const edited = `${plan.slice(0, at)}  # checked with the owner\n${plan.slice(at)}`;
    assert.equal(service.replace(PLAN_FILE, edited), 'incremental');
    assert.equal(service.file(PLAN_FILE)!.text, edited);
    const fresh = openPlan(edited);
    assert.deepEqual(service.findings(PLAN_FILE), fresh.findings(PLAN_FILE));
  });
});
