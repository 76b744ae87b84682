import * as assert from 'node:assert/strict';
import type {
  Walk,
  WalkInput,
} from '../../../../../../server/src/service/features/completion/cursor/yamlWalk';
import {
  mapEntries,
  seqItems,
  walkUp,
} from '../../../../../../server/src/service/features/completion/cursor/yamlWalk';
import { lineAt, markersOf } from '../../../../../../server/src/service/features/completion/cursor/yamlLines';

/** Walks up from the `‸` of `marked`, reading the cursor's line as the YAML context does. */
function walkAt(marked: string, input: Partial<WalkInput> = {}): Walk | undefined {
  const offset = marked.indexOf('‸');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const line = lineAt(text, offset);
  const { markers, content } = markersOf(text.slice(line.start, offset));
  return walkUp({ text, docStart: 0, jump: undefined, ...input }, line, markers, content);
}

const REQUESTS = 'accountRequests:\n';
const ITEM_LINE = REQUESTS.length;

suite('completion cursor: yamlWalk', () => {
  test('walkUp at the root: the root mapping, from the document start', () => {
    const root = { path: [], levels: [{ kind: 'map', column: 0, start: 0, path: [] }] };
    assert.deepEqual(walkAt('‸'), root, 'an empty document');
    assert.deepEqual(walkAt('kind: X\n‸'), root);
    assert.deepEqual(walkAt('‸kind: X'), root, 'the cursor at the start of the file');
    assert.deepEqual(walkAt('kind: X\nna‸'), root, 'the cursor at the end of the file');
    assert.deepEqual(walkAt('a:\n\t‸'), root, 'a tab is no indentation');
  });

  test('walkUp under nested keys: the path and every mapping with its first line', () => {
    assert.deepEqual(walkAt('a:\n  b:\n    ‸'), {
      path: ['a', 'b'],
      levels: [
        { kind: 'map', column: 4, start: 8, path: ['a', 'b'] },
        { kind: 'map', column: 2, start: 3, path: ['a'] },
        { kind: 'map', column: 0, start: 0, path: [] },
      ],
    });
    assert.deepEqual(walkAt('a:\r\n  b:\r\n    ‸')?.path, ['a', 'b'], 'CRLF');
    assert.deepEqual(walkAt('a:\n  x: 1\n  y: [1, 2]\n  ‸')?.path, ['a'], 'siblings are skipped');
    assert.deepEqual(walkAt('a:\n  b:\n    c: 1\n  ‸')?.path, ['a'], 'deeper lines are skipped');
    assert.deepEqual(walkAt('a:\n\n# c\n  # d\n  ‸')?.path, ['a'], 'blank and comment lines');
  });

  test('walkUp: unusual parent keys', () => {
    assert.deepEqual(walkAt('"a: b":\n  ‸')?.path, ['a: b']);
    assert.deepEqual(walkAt("'it''s':\n  ‸")?.path, ["it's"]);
    assert.deepEqual(walkAt('my key: # note\n  ‸')?.path, ['my key']);
    assert.deepEqual(walkAt('a: &anchor\n  ‸')?.path, ['a']);
    assert.deepEqual(walkAt('a: !!map\n  ‸')?.path, ['a']);
    assert.deepEqual(walkAt('1:\n  ‸')?.path, ['1']);
    assert.deepEqual(walkAt('Zoë 😀:\n  ‸')?.path, ['Zoë 😀']);
  });

  test('walkUp in a sequence item: index 0 for any item, and the item, sequence and root levels', () => {
    const expected = {
      path: ['accountRequests', 0],
      levels: [
        { kind: 'map', column: 4, start: ITEM_LINE, path: ['accountRequests', 0] },
        { kind: 'seq', column: 2, start: ITEM_LINE, path: ['accountRequests'] },
        { kind: 'map', column: 0, start: 0, path: [] },
      ],
    };
    assert.deepEqual(walkAt(`${REQUESTS}  - source: X\n    ‸`), expected);
    assert.deepEqual(walkAt(`${REQUESTS}  - ‸`), expected, 'on the "- " line');
    assert.deepEqual(walkAt(`${REQUESTS}  - source: X\n    operation: Y\n    ‸`), expected);
    const third = `${REQUESTS}  - source: A\n  - source: B\n    x: 1\n  - source: C\n`;
    assert.deepEqual(walkAt(`${third}    ‸`), {
      ...expected,
      levels: [
        { ...expected.levels[0]!, start: third.indexOf('  - source: C') },
        ...expected.levels.slice(1),
      ],
    });
  });

  test('walkUp through several markers on one line', () => {
    assert.deepEqual(walkAt('- - ‸'), {
      path: [0, 0],
      levels: [
        { kind: 'map', column: 4, start: 0, path: [0, 0] },
        { kind: 'seq', column: 2, start: 0, path: [0] },
        { kind: 'seq', column: 0, start: 0, path: [] },
      ],
    });
    assert.deepEqual(walkAt('a:\n  - - x: 1\n      ‸'), {
      path: ['a', 0, 0],
      levels: [
        { kind: 'map', column: 6, start: 3, path: ['a', 0, 0] },
        { kind: 'seq', column: 4, start: 3, path: ['a', 0] },
        { kind: 'seq', column: 2, start: 3, path: ['a'] },
        { kind: 'map', column: 0, start: 0, path: [] },
      ],
    });
    assert.deepEqual(walkAt('a:\n  - - x\n    - ‸')?.path, ['a', 0, 0], 'the inner sequence goes on');
  });

  test('walkUp through an item whose content starts on the line below its "-"', () => {
    assert.deepEqual(walkAt(`${REQUESTS}  -\n    source: X\n    ‸`), {
      path: ['accountRequests', 0],
      levels: [
        { kind: 'map', column: 4, start: ITEM_LINE, path: ['accountRequests', 0] },
        { kind: 'seq', column: 2, start: ITEM_LINE, path: ['accountRequests'] },
        { kind: 'map', column: 0, start: 0, path: [] },
      ],
    });
    assert.deepEqual(walkAt('a:\n  - # note\n      k: 1\n      ‸')?.path, ['a', 0]);
    assert.deepEqual(walkAt('a:\n  -\n    - x\n    - ‸')?.path, ['a', 0, 0]);
    assert.deepEqual(walkAt('a:\n  - -\n      ‸')?.path, ['a', 0, 0]);
  });

  test('walkUp: undefined where the lines do not fit together', () => {
    assert.equal(walkAt('a: 1\n  ‸'), undefined, 'under a key that has a value');
    assert.equal(walkAt('a: |\n  text\n  ‸'), undefined, 'in a block scalar');
    assert.equal(walkAt('a: >-\n  ‸'), undefined, 'in a folded scalar');
    assert.equal(walkAt('a:\n    b: 1\n  c: 2\n   ‸'), undefined, 'between two indentations');
    assert.equal(walkAt(`${REQUESTS}  - a\n  bad\n  - source: X\n    ‸`), undefined);
  });

  test('walkUp stops at the document start and at a "---" line', () => {
    const text = 'a:\n  x: 1\n  ‸';
    assert.deepEqual(walkAt(text, { docStart: 3 }), {
      path: [],
      levels: [{ kind: 'map', column: 2, start: 3, path: [] }],
    });
    assert.deepEqual(walkAt(text)?.path, ['a']);
    assert.deepEqual(walkAt('x: 1\n---\n  ‸'), {
      path: [],
      levels: [{ kind: 'map', column: 2, start: 9, path: [] }],
    });
  });

  test('walkUp jumps from inside the long sequence to its first item without reading the items between', () => {
    const marked = `${REQUESTS}  - a\n  bad\n  - source: X\n    ‸`;
    const end = marked.length - 1;
    const walk = walkAt(marked, { jump: { start: ITEM_LINE + 2, end } });
    assert.deepEqual(walk?.path, ['accountRequests', 0]);
    assert.deepEqual(
      walk?.levels.map((l) => [l.kind, l.column, l.start]),
      [
        ['map', 4, marked.indexOf('  - source: X')],
        ['seq', 2, ITEM_LINE],
        ['map', 0, 0],
      ],
    );
    // A jump that does not start at a "-" of the walk's column is not taken.
    assert.equal(walkAt(marked, { jump: { start: ITEM_LINE, end } }), undefined);
  });

  test('mapEntries: the keys at the column with their unquoted values, until the mapping ends', () => {
    const text = "a: 1\nb: \"x y\" # c\nc:\n  d: 2\n\n# note\ne: 'it''s'\nf: [1, 2]\n";
    assert.deepEqual(
      [...mapEntries(text, 0, 0)],
      [
        ['a', '1'],
        ['b', 'x y'],
        ['c', ''],
        ['e', "it's"],
        ['f', '[1, 2]'],
      ],
    );
    assert.deepEqual([...mapEntries(text, text.indexOf('  d'), 2)], [['d', '2']]);
    assert.deepEqual([...mapEntries('a: 1\nb: 2\n', 0, 0, 5)], [['a', '1']], 'the skipped line');
    assert.deepEqual([...mapEntries('', 0, 0)], []);
  });

  test('mapEntries from an item line: its keys up to the next item', () => {
    const text = '  - name: A\n    type: B # t\n    sub:\n      x: 1\n  - name: C\n';
    assert.deepEqual(
      [...mapEntries(text, 0, 4)],
      [
        ['name', 'A'],
        ['type', 'B'],
        ['sub', ''],
      ],
    );
    assert.deepEqual([...mapEntries(text, text.indexOf('  - name: C'), 4)], [['name', 'C']]);
  });

  test('mapEntries from an item line with nothing after its "-": the keys below it', () => {
    const text = '  -\n    name: A\n    type: B\n  - name: C\n';
    assert.deepEqual(
      [...mapEntries(text, 0, 4)],
      [
        ['name', 'A'],
        ['type', 'B'],
      ],
    );
    assert.deepEqual([...mapEntries('  - # first\n    name: A\n', 0, 4)], [['name', 'A']]);
  });

  test('mapEntries: a "---" line before the keys is passed, one after them ends the mapping', () => {
    assert.deepEqual([...mapEntries('---\na: 1\n---\nb: 2\n', 0, 0)], [['a', '1']]);
    assert.deepEqual(
      [...mapEntries('a: 1\r\nb: 2\r\n', 0, 0)],
      [
        ['a', '1'],
        ['b', '2'],
      ],
    );
  });

  test('mapEntries reads at most 5000 lines', () => {
    const text = Array.from({ length: 6000 }, (_, i) => `k${i}: ${i}\n`).join('');
    const entries = mapEntries(text, 0, 0);
    assert.equal(entries.size, 5000);
    assert.equal(entries.get('k4999'), '4999');
    assert.equal(entries.has('k5000'), false);
  });

  test('seqItems: the scalar items at the column, unquoted, without comments', () => {
    const text = '- a\n- "b"\n- c # note\n- k: v\n- - x\n-   d  \n  - deeper\n- \'e\'\nother: 1\n- f\n';
    assert.deepEqual([...seqItems(text, 0, 0)], ['a', 'b', 'c', 'd', 'e']);
    assert.deepEqual([...seqItems(text, 0, 0, text.indexOf('- "b"'))], ['a', 'c', 'd', 'e']);
    assert.deepEqual([...seqItems('  - a\n  - b\nc: 1\n', 0, 2)], ['a', 'b']);
    assert.deepEqual([...seqItems('  - a\n  - b\n---\n  - c\n', 0, 2)], ['a', 'b'], 'the document ends');
    assert.deepEqual([...seqItems('- a\r\n- b\r\n', 0, 0)], ['a', 'b']);
    assert.deepEqual([...seqItems('- \n- a\n', 0, 0)], ['a'], 'an empty item');
    assert.deepEqual([...seqItems('', 0, 0)], []);
  });
});
