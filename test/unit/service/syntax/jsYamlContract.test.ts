import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { CORE_SCHEMA, load } from 'js-yaml';
import type { EventType, LoadOptions } from 'js-yaml';
import { REPO_ROOT } from '../../../repoPaths';

/**
 * The fast YAML path (`server/src/service/syntax/fastYaml.ts`) builds its tree from js-yaml's
 * loader state, which js-yaml does not document: what `listener` sees at each `open` and `close`
 * (`position`, `kind`, `result`), when it reports a node twice or tries one key too many, and which
 * options and exceptions it honours. `package.json` pins js-yaml exactly for that reason. These
 * tests pin down each of those behaviours, so that an update that changes one fails here, naming
 * what to check, before it silently changes the trees the fast path builds.
 */

const WHAT_TO_CHECK =
  'fastYaml.ts (TreeBuilder.open/close, scalar, blockMap, emptyAt) reads this js-yaml loader state. ' +
  'Check TreeBuilder against the new js-yaml and run test/unit/service/syntax/fastYaml.test.ts with ' +
  'ISC_PLAN_PROPERTY_RUNS=20000 before updating this expectation and the exact pin in package.json; ' +
  'or keep the pinned version.';

/** The loader state fastYaml.ts reads (its `LoaderState`). */
interface State {
  position: number;
  kind: string | null;
  result: unknown;
}

/** Options as fastYaml.ts passes them: `maxDepth` is missing from js-yaml's type declarations. */
type Options = LoadOptions & { maxDepth?: number };

/** Each listener event as one line: `open AT` or `close AT KIND RESULT`. */
function trace(text: string, options: Options = {}): string[] {
  const events: string[] = [];
  load(text, {
    schema: CORE_SCHEMA,
    ...options,
    listener: (event: EventType, state: State) => {
      events.push(
        event === 'open'
          ? `open ${state.position}`
          : `close ${state.position} ${state.kind} ${JSON.stringify(state.result)}`,
      );
    },
  });
  return events;
}

function expectTrace(behaviour: string, text: string, expected: string[]): void {
  assert.deepEqual(
    trace(text),
    expected,
    `js-yaml's parse events for ${JSON.stringify(text)} changed (${behaviour}). ${WHAT_TO_CHECK}`,
  );
}

function declaredVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  return manifest.dependencies['js-yaml'] ?? '(missing)';
}

function installedVersion(): string {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'js-yaml', 'package.json'), 'utf8'),
  ) as { version: string };
  return manifest.version;
}

suite('js-yaml: the loader state the fast YAML path relies on', () => {
  test('package.json pins js-yaml exactly, and that version is the one installed', () => {
    const pinned = declaredVersion();
    assert.match(
      pinned,
      /^\d+\.\d+\.\d+$/,
      `package.json must pin js-yaml to one exact version (it has "${pinned}"): a range lets an update in that changes the loader state fastYaml.ts reads. ${WHAT_TO_CHECK}`,
    );
    assert.equal(
      installedVersion(),
      pinned,
      `node_modules holds js-yaml ${installedVersion()}, package.json pins ${pinned}. Run npm install; if the pin itself changed: ${WHAT_TO_CHECK}`,
    );
  });

  test('open gives where a node begins to be read; close where reading stopped, its kind and value', () => {
    // Scalars resolve by the core schema (1 is a number); a flow sequence closes after its `]`.
    expectTrace('positions, kinds and values at open and close', 'a: x\nb: [1, 2]\n', [
      'open 0',
      'open 0',
      'close 1 scalar "a"',
      'open 2',
      'close 4 scalar "x"',
      'open 5',
      'close 6 scalar "b"',
      'open 7',
      'open 9',
      'close 10 scalar 1',
      'open 12',
      'close 13 scalar 2',
      'close 14 sequence [1,2]',
      'close 15 mapping {"a":"x","b":[1,2]}',
    ]);
  });

  test('a node in block context is first tried as a key, so it comes twice: the attempt is its only child', () => {
    expectTrace('a block sequence item reported twice', '- a\n- b: c\n', [
      'open 0',
      'open 2',
      'open 2',
      'close 3 scalar "a"',
      'close 3 scalar "a"',
      'open 6',
      'open 6',
      'close 7 scalar "b"',
      'open 8',
      'close 10 scalar "c"',
      'close 11 mapping {"b":"c"}',
      'close 11 sequence ["a",{"b":"c"}]',
    ]);
    // TreeBuilder recognises the flow collection reported twice by its value: the same object.
    const results: unknown[] = [];
    load('- [1]\n', {
      schema: CORE_SCHEMA,
      listener: (event: EventType, state: State) => {
        if (event === 'close' && state.kind === 'sequence' && results.length < 2) results.push(state.result);
      },
    });
    assert.equal(results.length, 2, `"- [1]" should close its flow sequence twice. ${WHAT_TO_CHECK}`);
    assert.ok(
      results[0] === results[1],
      `The two closes of one node should carry the same value object. ${WHAT_TO_CHECK}`,
    );
  });

  test('an empty value closes without kind or children, opened after the colon and its spaces', () => {
    expectTrace('an empty value', 'k:\n', [
      'open 0',
      'open 0',
      'close 1 scalar "k"',
      'open 2',
      'close 3 null null',
      'close 3 mapping {"k":null}',
    ]);
  });

  test('an empty block sequence item has no events', () => {
    expectTrace('an empty sequence item', '-\n- a\n', [
      'open 0',
      'open 4',
      'open 4',
      'close 5 scalar "a"',
      'close 5 scalar "a"',
      'close 6 sequence [null,"a"]',
    ]);
  });

  test('after the last pair, a try at one more key closes empty (here at a document end marker)', () => {
    expectTrace('one more key tried', 'a: 1\n...\n', [
      'open 0',
      'open 0',
      'close 1 scalar "a"',
      'open 2',
      'close 4 scalar 1',
      'open 5',
      'close 5 null null',
      'close 5 mapping {"a":1}',
    ]);
  });

  test('a block collection closes after the comment lines indented deeper; a plain scalar after its last character', () => {
    expectTrace('where a block mapping and a folded plain scalar close', 'a:\n  b: 1\n  # x\nc: d\n  e\n', [
      'open 0',
      'open 0',
      'close 1 scalar "a"',
      'open 2',
      'open 5',
      'close 6 scalar "b"',
      'open 7',
      'close 9 scalar 1',
      'close 16 mapping {"b":1}',
      'open 16',
      'close 17 scalar "c"',
      'open 18',
      'close 24 scalar "d e"',
      'close 25 mapping {"a":{"b":1},"c":"d e"}',
    ]);
  });

  test('a plain scalar before a comment closes after the spaces that separate them', () => {
    expectTrace('a plain scalar before a comment', 'a: x  # c\n', [
      'open 0',
      'open 0',
      'close 1 scalar "a"',
      'open 2',
      'close 6 scalar "x"',
      'close 10 mapping {"a":"x"}',
    ]);
  });

  test('in a flow mapping the value opens after line breaks and comments; a quoted scalar closes after its quote', () => {
    expectTrace('a flow mapping value after a comment', '{a:\n  # c\n  b}\n', [
      'open 0',
      'open 0',
      'open 1',
      'close 2 scalar "a"',
      'open 12',
      'close 13 scalar "b"',
      'close 14 mapping {"a":"b"}',
      'close 14 mapping {"a":"b"}',
    ]);
    expectTrace('a quoted scalar with a comment right after it', 'a: "q"#c\n', [
      'open 0',
      'open 0',
      'close 1 scalar "a"',
      'open 2',
      'close 6 scalar "q"',
      'close 9 mapping {"a":"q"}',
    ]);
  });

  test('a repeated key throws (TreeBuilder counts one key per pair)', () => {
    assert.throws(
      () => load('a: 1\na: 2\n', { schema: CORE_SCHEMA }),
      /duplicated mapping key/,
      `js-yaml should reject a repeated key. ${WHAT_TO_CHECK}`,
    );
  });

  test('maxDepth bounds nesting; an exception from the listener or onWarning ends the load', () => {
    const deep: Options = { schema: CORE_SCHEMA, maxDepth: 3 };
    assert.throws(
      () => load('a: [[[1]]]\n', deep),
      /nesting exceeded maxDepth \(3\)/,
      `js-yaml should honour the maxDepth option that fastYaml.ts passes. ${WHAT_TO_CHECK}`,
    );
    class Decline extends Error {}
    assert.throws(
      () =>
        load('a: 1\n', {
          schema: CORE_SCHEMA,
          listener: () => {
            throw new Decline();
          },
        }),
      Decline,
      `An exception thrown by the listener should reach load's caller unchanged. ${WHAT_TO_CHECK}`,
    );
    assert.throws(
      () =>
        load('%YAML 1.3\n---\na: 1\n', {
          schema: CORE_SCHEMA,
          onWarning: () => {
            throw new Decline();
          },
        }),
      Decline,
      `A warning should reach onWarning, and its exception load's caller. ${WHAT_TO_CHECK}`,
    );
  });
});
