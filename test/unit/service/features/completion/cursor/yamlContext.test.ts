import * as assert from 'node:assert/strict';
import type { CursorContext } from '../../../../../../server/src/service/features/completion/completionTypes';
import { baseContext } from '../../../../../../server/src/service/features/completion/completionTypes';
import type { YamlInput } from '../../../../../../server/src/service/features/completion/cursor/yamlContext';
import { yamlContext } from '../../../../../../server/src/service/features/completion/cursor/yamlContext';

/** The context as plain data: the sets as arrays, `siblings()` read; the JSON-only fields left out. */
type View = Omit<
  CursorContext,
  'format' | 'indent' | 'commaAfter' | 'commaBefore' | 'present' | 'siblings'
> & {
  present: string[];
  siblings: string[];
};

function view(ctx: CursorContext): View {
  const { format, indent, commaAfter, commaBefore, present, siblings, ...rest } = ctx;
  // The JSON-only fields keep their defaults in YAML.
  assert.deepEqual([format, indent, commaAfter, commaBefore], ['yaml', '', false, undefined]);
  return { ...rest, present: [...present], siblings: [...siblings()] };
}

/** The context at the `‸` of `marked` (the first document starts at 0 unless told). */
function at(marked: string, input: Partial<YamlInput> = {}): View | undefined {
  const offset = marked.indexOf('‸');
  assert.ok(offset >= 0);
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const ctx = yamlContext({ text, offset, docStart: 0, rootKeys: undefined, jump: undefined, ...input });
  return ctx && view(ctx);
}

/** A key context at `offset` with nothing typed (the builders' defaults), and `fields` over it. */
function key(offset: number, fields: Partial<View> = {}): View {
  return { ...view(baseContext('yaml', offset)), ...fields };
}

const value = (offset: number, fields: Partial<View>): View => key(offset, { position: 'value', ...fields });

const REQUEST = 'accountRequests:\n  - source: AD\n    operation: Create\n';

suite('completion cursor: yamlContext', () => {
  test('root keys: an empty document, the start and the end of the file', () => {
    assert.deepEqual(at('‸'), key(0));
    assert.deepEqual(at('kind: X\n‸'), key(8, { present: ['kind'] }));
    assert.deepEqual(at('‸kind: X'), key(0, { end: 4, hasColon: true }), 'its own line is not present');
    assert.deepEqual(at('kind: X\nna‸'), key(8, { end: 10, typed: 'na', present: ['kind'] }));
    assert.deepEqual(
      at('kind: X\r\nna‸\r\nid: 1\r\n'),
      key(9, { end: 11, typed: 'na', present: ['kind', 'id'] }),
    );
  });

  test('a partial key: the range runs to its colon, a comment or the line end', () => {
    assert.deepEqual(at('ki‸nd: X'), key(0, { end: 4, typed: 'ki', hasColon: true }));
    assert.deepEqual(at('ki‸nd : X'), key(0, { end: 4, typed: 'ki', hasColon: true }));
    assert.deepEqual(at('ki‸nd # c'), key(0, { end: 4, typed: 'ki' }));
    assert.deepEqual(at('ki‸nd\t# c'), key(0, { end: 4, typed: 'ki' }));
    assert.deepEqual(at('ki‸nd   '), key(0, { end: 4, typed: 'ki' }));
    assert.deepEqual(
      at('a:\n  na‸me: x\n  id: 2\n'),
      key(5, { path: ['a'], end: 9, typed: 'na', hasColon: true, column: 2, present: ['id'] }),
    );
  });

  test('a value: the path of its key, the range over the whole scalar without a comment', () => {
    assert.deepEqual(at('kind: Pro‸'), value(6, { path: ['kind'], end: 9, typed: 'Pro' }));
    assert.deepEqual(at('kind: Pro‸vision # c'), value(6, { path: ['kind'], end: 15, typed: 'Pro' }));
    assert.deepEqual(at('kind: ‸'), value(6, { path: ['kind'] }));
    assert.deepEqual(at('kind:‸'), value(5, { path: ['kind'], needsSpace: true }));
    assert.deepEqual(at('kind:\tPro‸'), value(6, { path: ['kind'], end: 9, typed: 'Pro' }), 'a tab');
    assert.deepEqual(at('kind: Pro‸\r\nname: x'), value(6, { path: ['kind'], end: 9, typed: 'Pro' }));
    assert.deepEqual(at('a:\n  b: ‸x y'), value(8, { path: ['a', 'b'], end: 11, column: 2 }));
  });

  test('a quoted value: the range takes the quotes, up to the closing one', () => {
    assert.deepEqual(at('name: "Jo‸hn" # c'), value(6, { path: ['name'], end: 12, typed: '"Jo' }));
    assert.deepEqual(at("name: 'it''‸s' x"), value(6, { path: ['name'], end: 13, typed: "'it''" }));
    assert.deepEqual(at('name: "a # b‸'), value(6, { path: ['name'], end: 12, typed: '"a # b' }));
    assert.deepEqual(at('name: "Jo‸'), value(6, { path: ['name'], end: 9, typed: '"Jo' }), 'never closed');
  });

  test('unusual keys are read as YAML reads them', () => {
    assert.deepEqual(at('"a: b": ‸'), value(8, { path: ['a: b'] }));
    assert.deepEqual(at("'it''s': ‸"), value(9, { path: ["it's"] }));
    assert.deepEqual(at('my key: ‸'), value(8, { path: ['my key'] }));
    assert.deepEqual(at('url: http://x‸'), value(5, { path: ['url'], end: 13, typed: 'http://x' }));
    assert.deepEqual(at('1: ‸'), value(3, { path: ['1'] }));
    assert.deepEqual(at('---x: ‸'), value(6, { path: ['---x'] }), 'not a document marker');
    assert.deepEqual(at('Zoë 😀:\n  ‸'), key(10, { path: ['Zoë 😀'], column: 2 }));
  });

  test('undefined in comments, on document markers, after block scalar and node indicators, and on broken lines', () => {
    for (const marked of [
      '# c‸',
      'kind: X # c‸',
      '  # c‸',
      '---‸',
      '--- ‸',
      '...‸',
      'comments: |‸',
      'comments: >-‸',
      'a: &x‸',
      'a: *x‸',
      'a: !t‸',
      'a: @‸',
      'a: |\n  text‸',
      'a: 1\n  ‸',
    ]) {
      assert.equal(at(marked), undefined, marked);
    }
  });

  test('in an account request: its path, its keys and its source and operation', () => {
    const text = `${REQUEST}    ‸\n    nativeIdentity: x\n`;
    assert.deepEqual(
      at(text),
      key(text.indexOf('‸'), {
        path: ['accountRequests', 0],
        column: 4,
        present: ['source', 'operation', 'nativeIdentity'],
        request: { source: 'AD', operation: 'Create' },
      }),
    );
    const second = `${REQUEST}  - source: "HR Portal"\n    operation: ‸\n`;
    assert.deepEqual(
      at(second),
      value(second.indexOf('‸'), {
        path: ['accountRequests', 0, 'operation'],
        column: 4,
        request: { source: 'HR Portal' },
      }),
    );
    const attribute = `${REQUEST}    attributeRequests:\n      - name: ‸\n`;
    assert.deepEqual(
      at(attribute),
      value(attribute.indexOf('‸'), {
        path: ['accountRequests', 0, 'attributeRequests', 0, 'name'],
        column: 8,
        request: { source: 'AD', operation: 'Create' },
      }),
    );
  });

  test('a new block sequence item: key position, with the scalar items around it as siblings', () => {
    const text = 'features:\n  - A\n  - "B"\n  - ‸\n  - C # c\n';
    assert.deepEqual(
      at(text),
      key(text.indexOf('‸'), { path: ['features', 0], column: 4, siblings: ['A', 'B', 'C'] }),
    );
    assert.deepEqual(at('- ‸'), key(2, { path: [0], column: 2 }));
    assert.deepEqual(at('- - ‸'), key(4, { path: [0, 0], column: 4 }));
  });

  test('in a flow collection: flow, its path, the entries on both sides of the cursor', () => {
    assert.deepEqual(
      at('identity: { name: x, ‸}'),
      key(21, { path: ['identity'], flow: true, present: ['name'] }),
    );
    assert.deepEqual(
      at('features: [A, B‸, C]'),
      value(14, { path: ['features', 1], end: 15, typed: 'B', flow: true, siblings: ['A', 'C'] }),
    );
    assert.deepEqual(at('{a: 1, ‸'), key(7, { flow: true, present: ['a'] }), 'at the root');
    assert.deepEqual(
      at('f: ["Act‸ive", x]'),
      value(4, { path: ['f', 0], end: 12, typed: '"Act', flow: true, siblings: ['x'] }),
    );
    assert.deepEqual(
      at('m: { na‸me: x, b: 1 }'),
      key(5, { path: ['m'], end: 9, typed: 'na', flow: true, present: ['b'], hasColon: true }),
    );
    assert.deepEqual(
      at('f:\n  - [a, ‸'),
      value(11, { path: ['f', 0, 1], flow: true, siblings: ['a'], column: 4 }),
    );
    assert.equal(at('f: [a] ‸'), undefined, 'after the collection');
    assert.equal(at('f: [a, # ‸'), undefined, 'in a comment');
  });

  test('the root keys from the parsed tree replace the text, except the one on the cursor line', () => {
    const rootKeys = [
      { key: 'kind', start: 0 },
      { key: 'parsed', start: 8 },
      { key: 'own', start: 16 },
    ];
    assert.deepEqual(at('kind: X\nname: Y\n‸', { rootKeys }), key(16, { present: ['kind', 'parsed'] }));
    assert.deepEqual(at('a:\n  ‸', { rootKeys })?.present, [], 'only for the root mapping');
  });

  test('a later document: its keys only, from its start', () => {
    const marked = 'kind: A\n---\nname: B\n‸';
    assert.deepEqual(at(marked, { docStart: 12 }), key(20, { present: ['name'] }));
    assert.deepEqual(at('kind: A\n---\n‸', { docStart: 12 }), key(12));
  });
});
