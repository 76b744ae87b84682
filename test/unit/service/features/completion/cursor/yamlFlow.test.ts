import * as assert from 'node:assert/strict';
import type { Segment } from '../../../../../../server/src/service/features/completion/completionTypes';
import { flowRest, scanFlow } from '../../../../../../server/src/service/features/completion/cursor/yamlFlow';

interface Place {
  position: 'key' | 'value';
  path: Segment[];
  tokenStart: number;
  present: string[];
  siblings: string[];
}

/** The place `scanFlow` finds, its sets as arrays in insertion order. */
function placeIn(text: string, base: Segment[] = ['base']): Place | undefined {
  const place = scanFlow(text, base);
  return place && { ...place, present: [...place.present], siblings: [...place.siblings] };
}

const value = (path: Segment[], tokenStart: number, siblings: string[] = []): Place => ({
  position: 'value',
  path,
  tokenStart,
  present: [],
  siblings,
});

const key = (path: Segment[], tokenStart: number, present: string[] = []): Place => ({
  position: 'key',
  path,
  tokenStart,
  present,
  siblings: [],
});

suite('completion cursor: yamlFlow', () => {
  test('scanFlow in a sequence: the index of the item, the items before it, where the token starts', () => {
    assert.deepEqual(placeIn('['), value(['base', 0], 1));
    assert.deepEqual(placeIn('[a, b, '), value(['base', 2], 7, ['a', 'b']));
    assert.deepEqual(placeIn('[a, b, Mo'), value(['base', 2], 7, ['a', 'b']));
    assert.deepEqual(placeIn('[ a ,b,'), value(['base', 2], 7, ['a', 'b']));
    assert.deepEqual(placeIn('[a, , '), value(['base', 2], 6, ['a']), 'an empty item still counts');
    assert.deepEqual(placeIn('[\tx,\t'), value(['base', 1], 5, ['x']), 'tabs separate like spaces');
  });

  test('scanFlow in a mapping: key or value position, and the keys already there', () => {
    assert.deepEqual(placeIn('{'), key(['base'], 1));
    assert.deepEqual(placeIn('{ a: 1, '), key(['base'], 8, ['a']));
    assert.deepEqual(placeIn('{ a: 1, na'), key(['base'], 8, ['a']));
    assert.deepEqual(placeIn('{ a: '), value(['base', 'a'], 5));
    assert.deepEqual(placeIn('{ a: Mo'), value(['base', 'a'], 5));
    assert.deepEqual(placeIn('{ a:'), value(['base', 'a'], 4));
    assert.deepEqual(placeIn('{ a, b: 1, '), key(['base'], 11, ['a', 'b']), 'a key without a value');
    assert.deepEqual(placeIn('{ url: http://x, '), key(['base'], 17, ['url']), 'a colon inside a value');
    assert.deepEqual(placeIn('{ a: b: c'), value(['base', 'a'], 5), 'a second colon is part of the value');
  });

  test('scanFlow: nested collections give their paths; closed ones count as one item', () => {
    assert.deepEqual(placeIn('{ a: [1, { b: '), value(['base', 'a', 1, 'b'], 14));
    assert.deepEqual(placeIn('{ a: { '), key(['base', 'a'], 7));
    assert.deepEqual(placeIn('[[a], '), value(['base', 1], 6));
    assert.deepEqual(placeIn('[{ k: v }, { '), key(['base', 1], 13));
    assert.deepEqual(placeIn('{ a: [x], '), key(['base'], 10, ['a']));
    assert.deepEqual(placeIn('[a, [b, '), value(['base', 1, 1], 8, ['b']));
  });

  test('scanFlow: quoted tokens may hold commas, colons, brackets and "#"', () => {
    assert.deepEqual(placeIn('["a, b", '), value(['base', 1], 9, ['a, b']));
    assert.deepEqual(placeIn("['it''s', "), value(['base', 1], 10, ["it's"]));
    assert.deepEqual(placeIn('{ "k: x": 1, '), key(['base'], 13, ['k: x']));
    assert.deepEqual(placeIn('{ "k": '), value(['base', 'k'], 7));
    assert.deepEqual(placeIn('["] # [", '), value(['base', 1], 10, ['] # [']));
    assert.deepEqual(placeIn('["Act'), value(['base', 0], 1), 'an open quote: the token starts at it');
    assert.deepEqual(placeIn("{ a: 'x"), value(['base', 'a'], 5));
  });

  test('scanFlow: undefined outside the collection, in a comment, or in a key that opens a collection', () => {
    assert.equal(placeIn(''), undefined);
    assert.equal(placeIn('a'), undefined);
    assert.equal(placeIn('[a]'), undefined);
    assert.equal(placeIn('[a] '), undefined);
    assert.equal(placeIn('{a: 1}, '), undefined);
    assert.equal(placeIn('[a, # note'), undefined);
    assert.equal(placeIn('[a,\t# note'), undefined);
    assert.deepEqual(placeIn('[a,#b, '), value(['base', 2], 7, ['a', '#b']), 'no space before "#": text');
    assert.equal(placeIn('{ {'), undefined, 'a collection as a key');
    assert.equal(placeIn('[a]]'), undefined);
  });

  test('scanFlow: the path starts from the base', () => {
    assert.deepEqual(placeIn('[', []), value([0], 1));
    assert.deepEqual(placeIn('{ k: ', ['accountRequests', 0]), value(['accountRequests', 0, 'k'], 5));
  });

  test('flowRest: the rest of the token, and the entries after it', () => {
    assert.deepEqual(flowRest('', undefined), { continuation: 0, others: [] });
    assert.deepEqual(flowRest(']', undefined), { continuation: 0, others: [] });
    assert.deepEqual(flowRest('dify, b]', undefined), { continuation: 4, others: ['b'] });
    assert.deepEqual(flowRest('x  , b , c ]  tail', undefined), { continuation: 1, others: ['b', 'c'] });
    assert.deepEqual(flowRest(', {a: [1, 2]}, "q, r" ] x', undefined), {
      continuation: 0,
      others: ['{a: [1, 2]}', '"q, r"'],
    });
    assert.deepEqual(flowRest(' }', undefined), { continuation: 0, others: [] });
    assert.deepEqual(flowRest(', k: v, l: w', undefined), { continuation: 0, others: ['k: v', 'l: w'] });
  });

  test('flowRest for a key: the token ends at its colon; the rest of its entry is no other entry', () => {
    assert.deepEqual(flowRest('me: jane, type: x }', undefined, true), {
      continuation: 2,
      others: ['type: x'],
    });
    assert.deepEqual(flowRest('me:, b }', undefined, true), { continuation: 2, others: ['b'] });
    assert.deepEqual(flowRest('me : x }', undefined, true), { continuation: 2, others: [] });
    assert.deepEqual(flowRest('url:x, b }', undefined, true), { continuation: 5, others: ['b'] });
    assert.deepEqual(flowRest('me: x }', undefined, false), { continuation: 5, others: [] }, 'a value');
    assert.deepEqual(flowRest('me": x, b: 1 }', '"', true), { continuation: 3, others: ['b: 1'] });
  });

  test('flowRest: an open quote runs to its closing quote', () => {
    assert.deepEqual(flowRest('ive", x: 1}', '"'), { continuation: 4, others: ['x: 1'] });
    assert.deepEqual(flowRest("s''s', b]", "'"), { continuation: 5, others: ['b'] });
    assert.deepEqual(flowRest('i\\"x", b]', '"'), { continuation: 5, others: ['b'] });
    assert.deepEqual(
      flowRest('abc, d]', '"'),
      { continuation: 0, others: [] },
      'never closed: all in the string',
    );
  });

  test('flowRest: a comment ends the collection on the line', () => {
    assert.deepEqual(flowRest('ab # c, d', undefined), { continuation: 2, others: [] });
    assert.deepEqual(flowRest(', b # c, d', undefined), { continuation: 0, others: ['b'] });
    assert.deepEqual(flowRest(', "x # y", z', undefined), { continuation: 0, others: ['"x # y"', 'z'] });
    assert.deepEqual(flowRest(', a#b', undefined), { continuation: 0, others: ['a#b'] });
  });
});
