import * as assert from 'node:assert/strict';
import type {
  CursorContext,
  RequestFields,
  Segment,
} from '../../../../../../server/src/service/features/completion/completionTypes';
import { jsonContext } from '../../../../../../server/src/service/features/completion/cursor/jsonContext';
import { parseJsonText } from '../../../../../../server/src/service/syntax/jsonSyntax';
import { DEFAULT_LIMITS } from '../../../../../../server/src/service/syntax/limits';

/** The context as plain data: the sets as arrays, `siblings()` read. */
interface View {
  path: Segment[];
  position: 'key' | 'value';
  start: number;
  end: number;
  typed: string;
  present: string[];
  siblings: string[];
  hasColon: boolean;
  indent: string;
  commaAfter: boolean;
  commaBefore: number | undefined;
  request: RequestFields | undefined;
}

function view(ctx: CursorContext): View {
  // The YAML-only fields keep their defaults in JSON.
  assert.deepEqual([ctx.format, ctx.flow, ctx.needsSpace, ctx.column], ['json', false, false, 0]);
  return {
    path: ctx.path,
    position: ctx.position,
    start: ctx.start,
    end: ctx.end,
    typed: ctx.typed,
    present: [...ctx.present].sort(),
    siblings: [...ctx.siblings()],
    hasColon: ctx.hasColon,
    indent: ctx.indent,
    commaAfter: ctx.commaAfter,
    commaBefore: ctx.commaBefore,
    request: ctx.request,
  };
}

/** The context at the `‸` of `marked`, with the tree the service parses (or none with `tree: false`). */
function at(marked: string, tree = true): View | undefined {
  const offset = marked.indexOf('‸');
  assert.ok(offset >= 0);
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const root = tree ? parseJsonText(text, DEFAULT_LIMITS).root : null;
  const ctx = jsonContext(text, offset, root);
  return ctx && view(ctx);
}

/** A key context at `offset` with nothing typed, and `fields` over it. */
function key(offset: number, fields: Partial<View> = {}): View {
  return {
    path: [],
    position: 'key',
    start: offset,
    end: offset,
    typed: '',
    present: [],
    siblings: [],
    hasColon: false,
    indent: '',
    commaAfter: false,
    commaBefore: undefined,
    request: undefined,
    ...fields,
  };
}

const value = (offset: number, fields: Partial<View>): View => key(offset, { position: 'value', ...fields });

suite('completion cursor: jsonContext', () => {
  test('keys of an object: the keys there, the key typed, its colon', () => {
    assert.deepEqual(at('{‸}'), key(1));
    assert.deepEqual(at('{"a": 1, ‸}'), key(9, { present: ['a'] }));
    assert.deepEqual(at('{"ki‸nd": "x"}'), key(1, { end: 7, typed: '"ki', hasColon: true }));
    assert.deepEqual(
      at('{"b": 2, "ki‸nd" : "x"}'),
      key(9, { end: 15, typed: '"ki', hasColon: true, present: ['b'] }),
    );
    assert.deepEqual(at('{"a": {‸}}'), key(7, { path: ['a'] }));
  });

  test('commas: one to add after the previous value, or after the insertion', () => {
    assert.deepEqual(at('{"a": 1\n  ‸\n}'), key(10, { indent: '  ', commaBefore: 7, present: ['a'] }));
    assert.deepEqual(at('{"a": 1,\n  ‸\n}'), key(11, { indent: '  ', present: ['a'] }));
    assert.deepEqual(at('{‸"a": 1}'), key(1, { end: 4, hasColon: true }), 'on the key that follows');
    assert.deepEqual(at('{\n  ‸\n  "a": 1\n}'), key(4, { indent: '  ', commaAfter: true, present: ['a'] }));
  });

  test('a value: the path of its key, the string with its quotes as the range', () => {
    assert.deepEqual(at('{"kind": "Pro‸"}'), value(9, { path: ['kind'], end: 14, typed: '"Pro' }));
    assert.deepEqual(
      at('{"kind": "Pro‸vision", "a": 1}'),
      value(9, { path: ['kind'], end: 20, typed: '"Pro' }),
    );
    assert.deepEqual(at('{"kind": ‸}'), value(9, { path: ['kind'] }));
    assert.deepEqual(at('{"kind": ‸, "a": 1}'), value(9, { path: ['kind'], present: [] }));
    assert.deepEqual(at('{"a": {"b": tr‸}}'), value(12, { path: ['a', 'b'], end: 14, typed: 'tr' }));
  });

  test('a value typed without quotes: the word around the cursor', () => {
    assert.deepEqual(at('{"kind": Pro‸}'), value(9, { path: ['kind'], end: 12, typed: 'Pro' }));
    assert.deepEqual(at('{"kind": Pro‸}', false), value(9, { path: ['kind'], end: 12, typed: 'Pro' }));
  });

  test('array items: the index, the other string items, commas', () => {
    assert.deepEqual(at('{"features": ["A", ‸]}'), value(19, { path: ['features', 1], siblings: ['A'] }));
    assert.deepEqual(
      at('{"features": ["A", "E‸", "B", 3]}'),
      value(19, { path: ['features', 1], end: 22, typed: '"E', siblings: ['A', 'B', '3'] }),
    );
    assert.deepEqual(
      at('{"features": ["A"\n  ‸]}'),
      value(20, { path: ['features', 1], siblings: ['A'], indent: '  ', commaBefore: 17 }),
    );
    assert.deepEqual(at('{"features": [‸"A"]}'), value(14, { path: ['features', 0], end: 17 }));
  });

  test('in an account request: its source and operation', () => {
    const marked = '{"accountRequests": [{"source": "AD", "operation": "Create", ‸}]}';
    assert.deepEqual(
      at(marked),
      key(marked.indexOf('‸'), {
        path: ['accountRequests', 0],
        present: ['operation', 'source'],
        request: { source: 'AD', operation: 'Create' },
      }),
    );
    const partial = '{"accountRequests": [{"source": "", "operation": "M‸"}]}';
    assert.deepEqual(
      at(partial),
      value(partial.indexOf('"M'), {
        path: ['accountRequests', 0, 'operation'],
        end: partial.indexOf('"M') + 3,
        typed: '"M',
        request: { operation: 'M' },
      }),
    );
  });

  test('long values before the cursor do not change the answer (they are reduced for the parser)', () => {
    const long = 'x'.repeat(100);
    const marked = `{"name": "${long}", "accountRequests": [{"source": "Active Directory Long Name", "comments": "${long}"}, {"source": "HR", "operation": "Mo‸", "nativeIdentity": "${long}"}]}`;
    const start = marked.indexOf('"Mo');
    assert.deepEqual(
      at(marked),
      value(start, {
        path: ['accountRequests', 1, 'operation'],
        end: start + 4,
        typed: '"Mo',
        commaAfter: false,
        request: { source: 'HR', operation: 'Mo' },
      }),
    );
  });

  test('keys after a key typed without its colon are still present', () => {
    assert.deepEqual(
      at('{"a": 1, "b‸\n "c": 2, "d": {"e": 3}}'),
      key(9, { end: 11, typed: '"b', present: ['a', 'c', 'd'], commaAfter: true }),
    );
  });

  test('CRLF: the indentation and the range stop before the line break', () => {
    assert.deepEqual(
      at('{\r\n  "kind": "P‸\r\n}'),
      value(13, { path: ['kind'], end: 15, typed: '"P', indent: '  ' }),
    );
    assert.deepEqual(at('{\r\n\t‸\r\n}'), key(4, { indent: '\t' }));
  });

  test("an empty file: the root value; before or after the document's object or array: nothing", () => {
    assert.deepEqual(at('‸', false), value(0, {}));
    assert.deepEqual(at('  ‸', false), value(2, { indent: '  ' }));
    for (const marked of ['‸{}', ' ‸ {"a": 1}', '{}‸', '{"a": 1}\n‸', '[1]‸', '‸[1]', '{"a": 1} ‸ \n']) {
      assert.equal(at(marked), undefined, marked);
    }
  });

  test('an object or array not closed yet goes on to the end of the text', () => {
    assert.deepEqual(at('{"a": 1, ‸'), key(9, { present: ['a'] }));
    assert.deepEqual(at('{"a": 1\n‸'), key(8, { present: ['a'], commaBefore: 7 }));
    assert.deepEqual(at('["A", ‸'), value(6, { path: [1], siblings: ['A'] }));
    assert.deepEqual(at('{"a": 1}}‸'), undefined, 'after the closing brace, whatever follows');
  });
});
