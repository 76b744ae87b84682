import * as assert from 'node:assert/strict';
import type { LineShape } from '../../../../../../server/src/service/features/completion/cursor/yamlLines';
import {
  closingQuote,
  commentStart,
  lineAt,
  markersOf,
  nextLine,
  opensBlock,
  previousLine,
  quickIndent,
  shapeOf,
  splitKey,
  unquote,
} from '../../../../../../server/src/service/features/completion/cursor/yamlLines';

/** A shape with the defaults of an empty line, and `fields` over them. */
const shape = (fields: Partial<LineShape>): LineShape => ({
  indent: 0,
  markers: [],
  content: 0,
  blank: false,
  boundary: false,
  key: undefined,
  value: '',
  ...fields,
});

suite('completion cursor: yamlLines', () => {
  test('lineAt: the offsets of the line, before its LF or CRLF', () => {
    const text = 'ab\ncd\r\nef';
    assert.deepEqual(lineAt(text, 0), { start: 0, end: 2 });
    assert.deepEqual(lineAt(text, 2), { start: 0, end: 2 }, 'the LF belongs to the line it ends');
    assert.deepEqual(lineAt(text, 3), { start: 3, end: 5 });
    assert.deepEqual(lineAt(text, 5), { start: 3, end: 5 }, 'the CR is not part of the line');
    assert.deepEqual(lineAt(text, 7), { start: 7, end: 9 });
    assert.deepEqual(lineAt(text, 9), { start: 7, end: 9 }, 'the end of the text');
  });

  test('lineAt: empty text, empty lines and a final line break', () => {
    assert.deepEqual(lineAt('', 0), { start: 0, end: 0 });
    assert.deepEqual(lineAt('\n\n', 1), { start: 1, end: 1 });
    assert.deepEqual(lineAt('a\n', 2), { start: 2, end: 2 });
    assert.deepEqual(lineAt('a\r\n', 3), { start: 3, end: 3 });
    assert.deepEqual(lineAt('\r\n', 0), { start: 0, end: 0 });
  });

  test('previousLine and nextLine step over LF and CRLF, and stop at the ends of the text', () => {
    const text = 'a\r\nbb\ncc';
    const first = lineAt(text, 0);
    const second = lineAt(text, 3);
    const third = lineAt(text, 7);
    assert.equal(previousLine(text, first), undefined);
    assert.deepEqual(previousLine(text, second), { start: 0, end: 1 });
    assert.deepEqual(previousLine(text, third), { start: 3, end: 5 });
    assert.deepEqual(nextLine(text, first), { start: 3, end: 5 });
    assert.deepEqual(nextLine(text, second), { start: 6, end: 8 });
    assert.equal(nextLine(text, third), undefined);
    assert.deepEqual(nextLine('a\n', lineAt('a\n', 0)), { start: 2, end: 2 }, 'the empty last line');
  });

  test('quickIndent counts spaces only; a line of spaces or a comment is blank', () => {
    const at = (text: string): { indent: number; blank: boolean } =>
      quickIndent(text, { start: 0, end: text.length });
    assert.deepEqual(at('    key: v'), { indent: 4, blank: false });
    assert.deepEqual(at(''), { indent: 0, blank: true });
    assert.deepEqual(at('   '), { indent: 3, blank: true });
    assert.deepEqual(at('  # note'), { indent: 2, blank: true });
    assert.deepEqual(at('\tkey: v'), { indent: 0, blank: false }, 'a tab is not indentation');
    assert.deepEqual(at('  - x'), { indent: 2, blank: false });
    // Only the line's own range is read.
    assert.deepEqual(quickIndent('x\n  y', { start: 2, end: 5 }), { indent: 2, blank: false });
  });

  test('markersOf: the columns of the "- " markers and of the content after them', () => {
    assert.deepEqual(markersOf(''), { indent: 0, markers: [], content: 0 });
    assert.deepEqual(markersOf('key: v'), { indent: 0, markers: [], content: 0 });
    assert.deepEqual(markersOf('  - a'), { indent: 2, markers: [2], content: 4 });
    assert.deepEqual(markersOf('- - - x'), { indent: 0, markers: [0, 2, 4], content: 6 });
    assert.deepEqual(markersOf('  -   x'), { indent: 2, markers: [2], content: 6 });
    assert.deepEqual(markersOf('- '), { indent: 0, markers: [0], content: 2 });
    assert.deepEqual(markersOf('-x'), { indent: 0, markers: [], content: 0 }, 'a scalar that starts with -');
    assert.deepEqual(markersOf('  -'), { indent: 2, markers: [], content: 2 }, 'no space after it yet');
    assert.deepEqual(markersOf('---'), { indent: 0, markers: [], content: 0 });
  });

  test('closingQuote: double quotes skip escapes, single quotes skip doubled quotes', () => {
    assert.equal(closingQuote('"abc"', 0), 4);
    assert.equal(closingQuote('"a\\"b" x', 0), 5);
    assert.equal(closingQuote('"a\\\\" x', 0), 4, 'an escaped backslash ends before the quote');
    assert.equal(closingQuote("'it''s' x", 0), 6);
    assert.equal(closingQuote("'a\\' x", 0), 3, 'no escapes in single quotes');
    assert.equal(closingQuote('x: "ab" y', 3), 6);
    assert.equal(closingQuote('"open', 0), -1);
    assert.equal(closingQuote("'it''", 0), -1);
    assert.equal(closingQuote('"', 0), -1);
  });

  test('splitKey: the key and where its value starts', () => {
    assert.deepEqual(splitKey('key: value'), { key: 'key', valueStart: 5 });
    assert.deepEqual(splitKey('key:'), { key: 'key', valueStart: 4 });
    assert.deepEqual(splitKey('key:   v'), { key: 'key', valueStart: 7 });
    assert.deepEqual(splitKey('key  : v'), { key: 'key', valueStart: 7 });
    assert.deepEqual(splitKey('url: http://x.y'), { key: 'url', valueStart: 5 });
    assert.deepEqual(splitKey('a:b: c'), { key: 'a:b', valueStart: 5 }, 'a colon without a space is text');
    assert.deepEqual(splitKey('my key: v'), { key: 'my key', valueStart: 8 });
    assert.deepEqual(splitKey('a#b: v'), { key: 'a#b', valueStart: 5 });
    assert.deepEqual(splitKey('1: v'), { key: '1', valueStart: 3 });
    assert.deepEqual(splitKey('Zoë 😀: v'), { key: 'Zoë 😀', valueStart: 8 });
  });

  test('splitKey: quoted keys are unquoted', () => {
    assert.deepEqual(splitKey('"a: b": v'), { key: 'a: b', valueStart: 8 });
    assert.deepEqual(splitKey('"tab\\there": v'), { key: 'tab\there', valueStart: 13 });
    assert.deepEqual(splitKey("'it''s': v"), { key: "it's", valueStart: 9 });
    assert.deepEqual(splitKey('"k" : v'), { key: 'k', valueStart: 6 });
    assert.deepEqual(splitKey('"k":'), { key: 'k', valueStart: 4 });
    assert.deepEqual(splitKey('"\\q": v'), { key: '\\q', valueStart: 6 }, 'an escape JSON lacks: as written');
  });

  test('splitKey: no key in values, flow collections, comments, open quotes and colons without a space', () => {
    for (const content of [
      'value',
      'key:value',
      '',
      '[a]: x',
      '{a: 1}',
      '# c: x',
      '"open: v',
      '"k" v: x',
      'a #b: c',
      'a\t#b: c',
      '|',
      '&a x: y',
      '*a: y',
      '!tag: y',
    ]) {
      assert.equal(splitKey(content), undefined, content);
    }
  });

  test('splitKey: a tab after the colon belongs to the separation, not to the value', () => {
    assert.deepEqual(splitKey('key:\tvalue'), { key: 'key', valueStart: 5 });
    assert.deepEqual(splitKey('key: \t value'), { key: 'key', valueStart: 7 });
    assert.deepEqual(splitKey('"k":\tv'), { key: 'k', valueStart: 5 });
  });

  test('commentStart: a "#" at the start or after a space or tab, outside quotes', () => {
    assert.equal(commentStart('# all'), 0);
    assert.equal(commentStart('a # b'), 2);
    assert.equal(commentStart('a\t# b'), 2);
    assert.equal(commentStart('a#b'), -1);
    assert.equal(commentStart('key: v#1'), -1);
    assert.equal(commentStart('a: "x # y" # z'), 11);
    assert.equal(commentStart("a: 'it''s # no' # yes"), 16);
    assert.equal(commentStart('[" # ", # c'), 8);
    assert.equal(commentStart("it's # c"), 5, 'a quote inside a word opens nothing');
    assert.equal(commentStart('a: "x # y'), -1, 'an open quote runs to the end of the line');
    assert.equal(commentStart(''), -1);
  });

  test('unquote: single and double quoted scalars; anything else as written', () => {
    assert.equal(unquote("'a''b'"), "a'b");
    assert.equal(unquote('"a\\tb"'), 'a\tb');
    assert.equal(unquote('"\\u00e9"'), 'é');
    assert.equal(unquote('"\\x"'), '\\x', 'an escape JSON lacks stays as written');
    assert.equal(unquote('plain'), 'plain');
    assert.equal(unquote("'"), "'");
    assert.equal(unquote('"'), '"');
    assert.equal(unquote("'a"), "'a");
    assert.equal(unquote("''"), '');
    assert.equal(unquote('"a\''), '"a\'');
  });

  test('shapeOf: keys, values without comments, sequence markers', () => {
    assert.deepEqual(shapeOf('key: value # c'), shape({ key: 'key', value: 'value' }));
    assert.deepEqual(
      shapeOf("    - name: 'x' # c"),
      shape({ indent: 4, markers: [4], content: 6, key: 'name', value: "'x'" }),
    );
    assert.deepEqual(shapeOf('a: "x # y"'), shape({ key: 'a', value: '"x # y"' }));
    assert.deepEqual(shapeOf('  key:'), shape({ indent: 2, content: 2, key: 'key' }));
    assert.deepEqual(shapeOf('key: |'), shape({ key: 'key', value: '|' }));
    assert.deepEqual(shapeOf('- item'), shape({ markers: [0], content: 2 }));
    assert.deepEqual(shapeOf('- - k: v'), shape({ markers: [0, 2], content: 4, key: 'k', value: 'v' }));
    assert.deepEqual(shapeOf('k: v\r'), shape({ key: 'k', value: 'v' }), 'a stray CR is trimmed');
  });

  test('shapeOf: a whole line ending in "-" ends in a marker (the item goes on below)', () => {
    assert.deepEqual(shapeOf('  -'), shape({ indent: 2, markers: [2], content: 3, blank: true }));
    assert.deepEqual(shapeOf('- -'), shape({ markers: [0, 2], content: 3, blank: true }));
    assert.deepEqual(shapeOf('-\t'), shape({ markers: [0], content: 1, blank: true }));
    assert.deepEqual(shapeOf('  --'), shape({ indent: 2, content: 2 }), 'a scalar');
    assert.deepEqual(shapeOf('-x: 1'), shape({ key: '-x', value: '1' }));
  });

  test('shapeOf: blank lines, comments and document boundaries', () => {
    assert.deepEqual(shapeOf(''), shape({ blank: true }));
    assert.deepEqual(shapeOf('   '), shape({ indent: 3, content: 3, blank: true }));
    assert.deepEqual(shapeOf('  # note: x'), shape({ indent: 2, content: 2, blank: true }));
    assert.deepEqual(shapeOf('- # note'), shape({ markers: [0], content: 2, blank: true }));
    assert.deepEqual(shapeOf('---'), shape({ boundary: true }));
    assert.deepEqual(shapeOf('--- # doc'), shape({ boundary: true }));
    assert.deepEqual(shapeOf('...'), shape({ boundary: true }));
    assert.deepEqual(shapeOf('---x: 1'), shape({ key: '---x', value: '1' }));
    assert.deepEqual(shapeOf('  ---'), shape({ indent: 2, content: 2 }), 'indented: a scalar');
  });

  test('opensBlock: no value, or only anchors and tags', () => {
    for (const value of ['', '&a', '!tag', '&a !tag', '!!map &a']) {
      assert.equal(opensBlock(value), true, value);
    }
    for (const value of ['x', '|', '>', '[]', '{}', '&a x', '*a', '"&a"']) {
      assert.equal(opensBlock(value), false, value);
    }
  });
});
