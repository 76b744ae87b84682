import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { generatePlan } from '../../../../bench/generate';
import { fastYamlDocument } from '../../../../server/src/service/syntax/fastYaml';
import { DEFAULT_LIMITS } from '../../../../server/src/service/syntax/limits';
import { parseYamlRegion, parseYamlText } from '../../../../server/src/service/syntax/yamlSyntax';

/** Runs of the properties; set ISC_PLAN_PROPERTY_RUNS for a deeper search (a failure prints its seed and a shrunk case). */
const RUNS = Number(process.env.ISC_PLAN_PROPERTY_RUNS ?? 400);

// ---- A generator of plan-shaped YAML: nested block and flow collections, with noise between lines.

type Tree =
  { scalar: string } | { map: [string, Tree | null][]; flow: boolean } | { seq: Tree[]; flow: boolean };

/** Plain scalars, including ones the two schemas may read differently and ones that are not strings. */
const PLAIN = [
  'Active Directory',
  'Modify',
  'CN=Zoë 😀 Müller,OU=Users',
  'a b  c',
  'x:y',
  'http://host/p?x=1&y=2',
  'a#b',
  "don't",
  'Zoë',
  '😀',
  ':x',
  '-x-',
  'a\u00a0b',
  'a\u2028b',
  'a\u0085b',
  '[]',
  '{}',
  'k'.repeat(1030),
  '1',
  '-1',
  '+1',
  '007',
  '0',
  '-0',
  '0x1F',
  '0o17',
  '0b101',
  '1_000',
  '1.5',
  '-.5',
  '.5',
  '1e3',
  '1.5E-3',
  '12e',
  '.inf',
  '-.Inf',
  '+.INF',
  '.nan',
  '.NaN',
  '99999999999999999999',
  '1' + '0'.repeat(400),
  'true',
  'True',
  'TRUE',
  'false',
  'yes',
  'on',
  'null',
  'Null',
  'NULL',
  '~',
  'nulls',
  'trueish',
  '-x',
  '.x',
  '2026-12-01',
];
/** Quoted scalars: escapes, quotes inside, flow and comment characters, an empty string. */
const QUOTED = [
  '"x"',
  '""',
  "''",
  '"a, b: c # d"',
  "'it''s'",
  '"tab\\there"',
  '"\\u00e9\\x41\\U0001F600"',
  '"back\\\\slash \\" quote"',
  '"\\/ \\N \\_ \\L \\P \\0 \\a \\e"',
  "'a: b, [c] {d} # e'",
  '"😀 Zoë"',
  '"1"',
  "'true'",
  '"null"',
  '"-0"',
  '"\\q"',
];
const KEYS = [
  'source',
  'operation',
  'nativeIdentity',
  'name',
  'value',
  'a b',
  'Zoë',
  '😀',
  '1',
  'true',
  '"quoted key"',
  "'k: v'",
  'x-y',
  '__proto__',
  '<<',
  '~',
  '0x1',
  '1.0',
  `${'k'.repeat(1020)}    `,
];

/** Mostly the plain and quoted scalars of plans; now and then one of the tricky ones. */
const scalarArb: fc.Arbitrary<string> = fc.oneof(
  {
    arbitrary: fc.constantFrom(...PLAIN.slice(0, 10), ...QUOTED.slice(0, 4), '1', 'true', 'null', '2.5', '~'),
    weight: 6,
  },
  { arbitrary: fc.constantFrom(...PLAIN, ...QUOTED), weight: 2 },
  { arbitrary: fc.string({ maxLength: 6 }).map((s) => JSON.stringify(s)), weight: 1 },
);

/** Keys of one mapping: distinct mostly (a repeated key sends the text to the slow path). */
const keysArb = fc.oneof(
  {
    arbitrary: fc.uniqueArray(fc.constantFrom(...KEYS.slice(0, 12)), { minLength: 1, maxLength: 5 }),
    weight: 8,
  },
  { arbitrary: fc.array(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 4 }), weight: 1 },
);

const treeArb: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree; value: Tree | null; block: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: scalarArb.map((scalar): Tree => ({ scalar })), weight: 4 },
    { arbitrary: tie('block'), weight: 2 },
    fc.record({
      map: keysArb.chain((keys) => fc.tuple(...keys.map((key) => fc.tuple(fc.constant(key), tie('value'))))),
      flow: fc.constant(true),
    }),
    fc.record({ seq: fc.array(tie('tree'), { minLength: 1, maxLength: 4 }), flow: fc.constant(true) }),
  ),
  value: fc.option(tie('tree'), { freq: 8 }),
  block: fc.oneof(
    { depthSize: 'small' },
    fc.record({
      map: keysArb.chain((keys) => fc.tuple(...keys.map((key) => fc.tuple(fc.constant(key), tie('value'))))),
      flow: fc.constant(false),
    }),
    fc.record({ seq: fc.array(tie('tree'), { minLength: 1, maxLength: 4 }), flow: fc.constant(false) }),
  ),
})).tree;

/** A document's root: a block collection, as in plans and catalogs (now and then something else). */
const rootArb: fc.Arbitrary<Tree> = fc.oneof(
  { arbitrary: treeArb.filter((t) => !('scalar' in t) && !t.flow), weight: 9 },
  { arbitrary: treeArb, weight: 1 },
);

/** Choices of layout, drawn from a random list in turn. */
class Style {
  private at = 0;
  constructor(
    readonly step: number,
    private readonly picks: number[],
  ) {}

  /** The next choice among `n`. */
  pick(n: number): number {
    return this.picks[this.at++ % this.picks.length]! % n;
  }

  /** Whether to take an unusual layout this time (about one time in `n`). */
  odd(n: number): boolean {
    return this.pick(n) === 0;
  }

  /** Blank and comment lines or a trailing comment, mostly nothing. */
  noise(): string {
    return NOISE[this.pick(NOISE.length)]!;
  }
}

const NOISE = [
  '',
  '',
  '',
  '',
  '',
  '',
  '  # comment: a, [b]',
  ' # ',
  '\n',
  '\n# c',
  '\n    # deep',
  '\n  # c',
  '\n \n',
  '   ',
  '\n#',
  '\n# 😀',
];

/** A plain scalar with a space may go on over the next line, indented deeper than `indent`. */
function scalarText(scalar: string, indent: number, style: Style): string {
  const space = scalar.indexOf(' ');
  if (space <= 0 || /^["']/.test(scalar) || !style.odd(4)) return scalar;
  const gap = ['\n', '\n', '\n\n', '\n   \n'][style.pick(4)]!;
  return `${scalar.slice(0, space)}${gap}${' '.repeat(indent + 1 + style.pick(3))}${scalar.slice(space + 1)}`;
}

/** A flow node; its lines after the first are indented deeper than `indent`. */
function flowText(tree: Tree | null, indent: number, style: Style): string {
  if (tree === null) return '';
  if ('scalar' in tree) return scalarText(tree.scalar, indent, style);
  const separator = (): string =>
    [', ', ', ', ', ', ',', `,\n${' '.repeat(indent + 1)}`, `, # c\n${' '.repeat(indent + 2)}`][
      style.pick(6)
    ]!;
  const join = (parts: string[]): string =>
    parts.map((part, i) => (i === 0 ? '' : separator()) + part).join('');
  if ('seq' in tree) return `[${join(tree.seq.map((item) => flowText(item, indent, style)))}]`;
  const colon = (): string => [': ', ': ', ': ', ':', ` : # c\n${' '.repeat(indent + 1)}`][style.pick(5)]!;
  const close = style.odd(6) ? `\n${' '.repeat(indent + 1)}` : ' ';
  return `{ ${join(tree.map.map(([k, v]) => `${k}${colon()}${flowText(v, indent, style)}`))}${close}}`;
}

/** Lines of `tree` as a block node whose content starts at column `indent` (the first line without it). */
function blockText(tree: Tree, indent: number, style: Style): string {
  if ('scalar' in tree || tree.flow) return flowText(tree, indent - 1, style) + style.noise();
  const pad = ' '.repeat(indent);
  if ('seq' in tree) {
    return tree.seq
      .map((item, i) => {
        const head = `${i === 0 ? '' : `\n${pad}`}-`;
        // `-` alone on its line, the item below it; or `-` and extra spaces before the item.
        if (!('scalar' in item) && !item.flow && style.odd(5)) {
          return `${head}${style.noise()}\n${pad}  ${blockText(item, indent + 2, style)}`;
        }
        const gap = style.odd(5) ? 3 : 1;
        return `${head}${' '.repeat(gap)}${blockText(item, indent + 1 + gap, style)}`;
      })
      .join('');
  }
  return tree.map
    .map(
      ([key, value], i) =>
        `${i === 0 ? '' : `\n${pad}`}${key}${style.odd(8) ? ' ' : ''}:${pairValue(value, indent, style)}`,
    )
    .join('');
}

/** What follows the `:` of a block mapping's key at column `indent`. */
function pairValue(value: Tree | null, indent: number, style: Style): string {
  if (value === null) return style.noise();
  const inner = indent + style.step;
  if ('scalar' in value || value.flow) {
    if (!style.odd(6)) return ` ${blockText(value, indent + 1, style)}`;
    return `${style.noise()}\n${' '.repeat(inner)}${blockText(value, inner, style)}`;
  }
  // A sequence may sit at its key's column.
  const column = 'seq' in value && style.odd(4) ? indent : inner;
  return `${style.noise()}\n${' '.repeat(column)}${blockText(value, column, style)}`;
}

export const documentArb = fc
  .record({
    tree: rootArb,
    step: fc.integer({ min: 1, max: 4 }),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 24 }),
    lead: fc.constantFrom('', '---\n', '# plan\n---\n', '\n\n', '--- # c\n', '  '),
    trail: fc.constantFrom('', '\n', '\n\n', '\n# end\n', '\n  # end', '\n   '),
    crlf: fc.boolean(),
  })
  .map(({ tree, step, picks, lead, trail, crlf }) => {
    const text = lead + blockText(tree, lead === '  ' ? 2 : 0, new Style(step, picks)) + trail;
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });

/** Small edits that break or bend the text: where the two parsers' leniencies part. */
const EDITS = [
  ' ',
  '\n',
  '#',
  ': ',
  ':',
  '- ',
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  ',',
  '  ',
  '\r\n',
  '\r',
  'x',
  '😀',
  '---\n',
  '...\n',
  '\t',
  '? ',
  '&a ',
  '*a',
  '!t ',
  '|\n',
  '>',
];

export const mutatedArb = fc
  .tuple(
    documentArb,
    fc.array(
      fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 3 }), fc.constantFrom('', ...EDITS)),
      { maxLength: 2 },
    ),
  )
  .map(([text, edits]) => {
    for (const [at, remove, insert] of edits) {
      const offset = Math.floor(at * text.length);
      text = text.slice(0, offset) + insert + text.slice(offset + remove);
    }
    return text;
  });

// ---- The properties.

/** How often the fast path took the whole text (or declined it), and a region of it. */
const stats = { accepted: 0, declined: 0, regions: 0 };

function resetStats(): void {
  stats.accepted = stats.declined = stats.regions = 0;
}

/** The fast path declines or gives exactly the slow path's document, for the whole text and for a region of whole lines. */
function checkEquivalent(text: string, cut: [number, number]): void {
  const fast = fastYamlDocument(text, 0, text.length);
  if (fast) {
    stats.accepted++;
    assert.deepStrictEqual([fast], parseYamlText(text, DEFAULT_LIMITS, 'yaml'));
  } else {
    stats.declined++;
  }
  const lines = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
  const a = lines[Math.floor(cut[0] * lines.length)]!;
  const b = lines[Math.floor(cut[1] * lines.length)]!;
  const [start, end] = a <= b ? [a, b === a ? text.length : b] : [b, a];
  const region = fastYamlDocument(text, start, end);
  if (region) {
    stats.regions++;
    assert.deepStrictEqual(region, parseYamlRegion(text, start, end, DEFAULT_LIMITS, 'yaml'));
  }
}

const cutArb = fc.tuple(
  fc.double({ min: 0, max: 0.999, noNaN: true }),
  fc.double({ min: 0, max: 0.999, noNaN: true }),
);

suite('fast YAML path: js-yaml builds the same tree as the yaml package, or declines', function () {
  this.timeout(Math.max(20_000, RUNS * 50));

  test('generated plan-shaped documents: the same document, and most are taken by the fast path', () => {
    resetStats();
    fc.assert(fc.property(documentArb, cutArb, checkEquivalent), { numRuns: RUNS });
    // The generator writes valid YAML mostly; the fast path must take a fair share, or it is useless.
    assert.ok(stats.accepted > stats.declined / 4, `accepted ${stats.accepted}, declined ${stats.declined}`);
    assert.ok(stats.regions > RUNS / 10, `only ${stats.regions} regions were compared`);
    if (process.env.ISC_PLAN_FAST_YAML_STATS) console.log(stats);
  });

  test('mutated documents (broken, bent, with unsupported features): the same document or declined', () => {
    resetStats();
    fc.assert(fc.property(mutatedArb, cutArb, checkEquivalent), { numRuns: RUNS });
    // About a fifth of the mutants stay in the fast path's subset: they, not the declined ones, are compared.
    const least = RUNS / 20;
    assert.ok(
      stats.accepted > least && stats.declined > least,
      `accepted ${stats.accepted}, declined ${stats.declined}`,
    );
    assert.ok(stats.regions > least, `only ${stats.regions} regions were compared`);
  });

  test('the generated benchmark plan is taken by the fast path, whole and by requests', () => {
    const text = generatePlan(200);
    const fast = fastYamlDocument(text, 0, text.length);
    assert.ok(fast);
    assert.deepStrictEqual([fast], parseYamlText(text, DEFAULT_LIMITS, 'yaml'));
    assert.deepStrictEqual(parseYamlText(text, DEFAULT_LIMITS), [fast]);
    const start = text.indexOf('  - source');
    const end = text.indexOf('  - source', start + 1);
    assert.ok(fastYamlDocument(text, start, end));
    assert.deepStrictEqual(
      parseYamlRegion(text, start, end, DEFAULT_LIMITS),
      parseYamlRegion(text, start, end, DEFAULT_LIMITS, 'yaml'),
    );
  });
});

/** Texts the fast path must decline, by reason; the slow path takes them (and words their errors). */
const DECLINED: [string, string][] = [
  ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
  ['a tag', 'a: !!str 1\n'],
  ['an explicit key', '? a\n: 1\n'],
  ['a directive', '%YAML 1.2\n---\na: 1\n'],
  ['several documents', 'a: 1\n---\nb: 2\n'],
  ['a document end marker', 'a: 1\n...\n'],
  ['a second `---` before the content', '---\n---\na: 1\n'],
  ['content on the `---` line', '--- a\n'],
  ['a literal block scalar', 'a: |\n  x\n'],
  ['a folded block scalar', 'a: >-\n  x\n'],
  ['a merge key', 'a: 1\n<<: { b: 2 }\n'],
  ['a complex key', '[a, b]: 1\n'],
  ['a flow mapping key without a value', 'a: { b, c: 1 }\n'],
  ['a pair in a flow sequence', 'a: [b: 1]\n'],
  ['a repeated key', 'a: 1\na: 2\n'],
  ['a null key', '~: 1\nb: 2\n'],
  ['a syntax error', 'a: [1, 2\nb: 3\n'],
  ['a tab', 'a:\t1\n'],
  ['a lone CR', 'a: 1\rb: 2\n'],
  ['a byte order mark', '\uFEFFa: 1\n'],
  ['an empty value ending a mapping', 'a: 1\nb:\n'],
  ['an empty sequence item', '- a\n-\n- b\n'],
  ['a quoted scalar over two lines', 'a: "x\n  y"\n'],
  ['an empty flow value after a line break', 'a: { b:\n  , c: 1 }\n'],
  ['a comment touching a closing quote', 'a: "x"#c\n'],
  ['a comment touching a closing bracket', 'a: [x]#c\n'],
  ['a comment touching a comma', 'a: [x,#c\n  y]\n'],
  ['a binary integer (js-yaml only)', 'a: 0b101\n'],
  ['minus zero (0 to js-yaml, -0 to yaml)', 'a: -0\n'],
  ['an integer beyond floats (a string to js-yaml)', `a: 1${'0'.repeat(400)}\n`],
  ['a key over 1,024 characters', `${'k'.repeat(1025)}: 1\n`],
  ['a flow collection indented less than its key', 'a:\n  b: [1,\n  2]\n'],
  ['a scalar at the root', 'hello\n'],
  ['a flow collection at the root', '{ a: 1 }\n'],
  ['an empty document', '# nothing\n'],
  ['nesting deeper than js-yaml may go (within the limits)', `a: ${'['.repeat(64)}${']'.repeat(64)}\n`],
];

/** Texts the fast path must take, each with the slow path's document. */
const ACCEPTED: [string, string][] = [
  [
    'a plan',
    'kind: ProvisioningPlan\nname: Zoë 😀 joins\nidentity: { name: zoe }\naccountRequests:\n  - source: Active Directory\n    operation: Modify\n    attributeRequests:\n      - { name: memberOf, operation: Add, value: "CN=Finance, OU=Groups" }\n',
  ],
  [
    'CRLF line ends and comments',
    '# plan\r\n---\r\nkind: ProvisioningPlan # the kind\r\naccountRequests:\r\n  # first\r\n  - source: Payroll\r\n    operation: Create\r\n\r\n    # deep\r\n  - { source: HR, operation: Delete }\r\n',
  ],
  [
    'the core schema',
    'a: [1, -2, +3, 0o17, 0x1F, 1.5, .5, 1e3, -.inf, .NaN, true, False, null, ~, Null, 1_000, 0b1x, yes]\n',
  ],
  ['empty values inside', 'a:\nb: { c: , d: 1 }\ne: 1\n'],
  ['a folded plain scalar', 'a: one\n  two\n\n  three\nb: 1\n'],
  ['a sequence at its key column', 'a:\n- x\n- y\nb: 1\n'],
  ['a key of 1,000 characters', `${'k'.repeat(1000)}: 1\nb: 2\n`],
  [
    'a region of requests, indented',
    '  - source: a\n    operation: Create\n  # between\n  - source: b\n    operation: Lock\n      # deeper\n',
  ],
];

suite('fast YAML path: examples', () => {
  for (const [reason, text] of DECLINED) {
    test(`declines ${reason}`, () => {
      assert.equal(fastYamlDocument(text, 0, text.length), undefined);
      assert.deepStrictEqual(
        parseYamlText(text, DEFAULT_LIMITS),
        parseYamlText(text, DEFAULT_LIMITS, 'yaml'),
      );
    });
  }

  for (const [what, text] of ACCEPTED) {
    test(`takes ${what}, giving the slow path's document`, () => {
      const fast = fastYamlDocument(text, 0, text.length);
      assert.ok(fast);
      assert.deepStrictEqual([fast], parseYamlText(text, DEFAULT_LIMITS, 'yaml'));
    });
  }

  test('a region keeps its offsets in the whole text', () => {
    const text =
      'kind: ProvisioningPlan\naccountRequests:\n  - source: a\n    operation: Create\n  - source: b\n    operation: Lock\n';
    const start = text.indexOf('  - source: b');
    const fast = fastYamlDocument(text, start, text.length);
    assert.ok(fast);
    assert.equal(fast.start, start);
    assert.deepStrictEqual(fast, parseYamlRegion(text, start, text.length, DEFAULT_LIMITS, 'yaml'));
  });
});
