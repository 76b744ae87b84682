import { CORE_SCHEMA, load } from 'js-yaml';
import type { EventType, LoadOptions } from 'js-yaml';
import type { MapNode, PairNode, ScalarNode, ScalarValue, SeqNode, ValueNode } from './ast';
import { DEFAULT_LIMITS } from './limits';
import type { SyntaxDocument } from './syntaxDocument';
import type { Tail } from './yamlScan';
import {
  afterLine,
  backOverBlanks,
  commentLines,
  coreScalar,
  hasBreak,
  isBreak,
  lineStart,
  onlyCommentsOrBlank,
  skipSeparation,
  skipSpaces,
} from './yamlScan';

/**
 * A fast path for parsing YAML: js-yaml (about ten times faster than the `yaml` package) builds
 * our tree from its parse events, for the plain subset of YAML that plans are written in. Whenever
 * the text uses anything whose tree, offsets or findings could differ from what the `yaml` package
 * gives (`yamlSyntax.ts`, the slow path), the fast path declines and the caller parses with `yaml`.
 * Declining only costs time; every text it accepts must give exactly the slow path's document
 * (`test/unit/service/fastYaml.test.ts` checks that on generated and mutated documents).
 */

/** The part of js-yaml's loader state that the listener reads. */
interface LoaderState {
  /** Offset in the parsed text: where a node begins to be read (open) or where reading stopped (close). */
  position: number;
  /** What the node closed as; `null` when it had no content (an empty value, or a failed attempt). */
  kind: string | null;
  /** The node's value as js-yaml constructed it (an array, an object or a scalar). */
  result: unknown;
}

/** js-yaml 4.3's options, with `maxDepth` that its type declarations lack. */
interface FastLoadOptions extends LoadOptions {
  maxDepth: number;
}

/** Thrown to abandon the fast path; js-yaml lets it through to our catch. */
class Decline extends Error {}
const DECLINE = new Decline('not on the fast path');

/**
 * Characters and placements the fast path does not map: tabs, a BOM, a lone CR; indicators of
 * anchors, aliases, tags, block scalars, explicit keys, directives and reserved characters where a
 * node could start (at the start, after white space or a flow or quote character); and a `#` right
 * after `[`, `{`, `,` or `:`, which js-yaml may read as a comment where `yaml` rejects it (a `#`
 * right after a closing quote or bracket is checked where the node closes). A false alarm
 * (`a > b` inside a value) only sends the text to the slow path.
 */
const UNSUPPORTED = /[\t\uFEFF]|\r(?!\n)|(?:^|[\s[\]{},:"'])[&*!|>?%@`]|[[{,:]#/;

/** Lines that begin with a document marker (`---` or `...`). */
const MARKER = /(?:^|\n)(?:---|\.\.\.)/g;

/** The YAML spec's limit on how far an implicit key's `:` may be from its start, which `yaml` enforces and js-yaml does not. */
const MAX_IMPLICIT_KEY = 1024;

/**
 * Parses `text.slice(start, end)` as one YAML document with js-yaml and builds our tree with offsets
 * into the whole text. Returns `undefined` whenever the result might differ from the `yaml` package's
 * (`parseYamlText` / `parseYamlRegion`): on any syntax error, on a YAML feature this path does not
 * map, and on a document whose root is not a block collection. Call it only after
 * `findExcessiveNesting` accepted the text; js-yaml's `maxDepth` bounds its recursion besides.
 */
export function fastYamlDocument(text: string, start: number, end: number): SyntaxDocument | undefined {
  const src = start === 0 && end === text.length ? text : text.slice(start, end);
  if (UNSUPPORTED.test(src)) return undefined;
  const marker = leadingMarker(src);
  if (marker === undefined) return undefined;
  const builder = new TreeBuilder(src, start);
  const options: FastLoadOptions = {
    schema: CORE_SCHEMA,
    maxDepth: DEFAULT_LIMITS.maxFlowDepth,
    listener: (event: EventType, state: LoaderState) =>
      event === 'open' ? builder.open(state.position) : builder.close(state),
    onWarning: () => {
      throw DECLINE;
    },
  };
  try {
    load(src, options);
  } catch {
    return undefined; // a syntax error (the slow path words it), or declined
  }
  // `yaml` ends a document whose root is a scalar or flow collection by rules of its own; plans,
  // catalogs and the regions re-parsed are block collections.
  const root = builder.root();
  if (!root) return undefined;
  // The document starts at its `---`, else at the start of the root's line.
  const docStart = marker >= 0 ? marker : lineStart(src, root.start - start);
  return { start: start + docStart, end, root, findings: [], limited: false, index: 0 };
}

/**
 * Where the document's `---` is (-1 without one), or undefined when the text has a document marker
 * the fast path does not take: any but one `---` before the content, alone on its line.
 */
function leadingMarker(src: string): number | undefined {
  MARKER.lastIndex = 0;
  const match = MARKER.exec(src);
  if (!match) return -1;
  const at = match.index + (src.charCodeAt(match.index) === 10 ? 1 : 0);
  if (src.charCodeAt(at) !== 45 /* - */ || MARKER.exec(src) !== null || !onlyCommentsOrBlank(src, at)) {
    return undefined;
  }
  const after = skipSpaces(src, at + 3);
  const c = src.charCodeAt(after);
  if (after >= src.length || isBreak(c)) return at;
  return c === 35 /* # */ && after > at + 3 ? at : undefined;
}

/**
 * Builds our nodes as js-yaml opens and closes its nodes (children close before their parent).
 * The nodes not yet claimed by their parent are kept on parallel stacks (no object per entry: the
 * 10,000-request plan has some 300,000 events); each open node remembers where its children begin.
 */
class TreeBuilder {
  /** Our node; `null` for a node without content (`key:` with nothing after it). */
  private readonly nodes: (ValueNode | null)[] = [];
  /** js-yaml's value, to recognise the same node reported twice (see `close`). */
  private readonly results: unknown[] = [];
  /** For a node without content, where `yaml` places its empty scalar (-1: not after a `:`). */
  private readonly ats: number[] = [];
  /** For a block collection, where its `range[2]` ends in `yaml` (see `blockEnd`); -1 for any other node. */
  private readonly outers: number[] = [];
  /** For a block collection, the comment lines after it that `yaml` gives to an ancestor. */
  private readonly tails: (Tail | undefined)[] = [];
  private size = 0;
  /** For each open node: where js-yaml opened it, and where its children begin on the stacks. */
  private readonly opens: number[] = [];
  private readonly froms: number[] = [];

  constructor(
    private readonly src: string,
    private readonly base: number,
  ) {}

  /** The root, if it is a block collection. */
  root(): ValueNode | undefined {
    return this.size === 1 && this.outers[0]! >= 0 ? (this.nodes[0] ?? undefined) : undefined;
  }

  open(position: number): void {
    this.opens.push(position);
    this.froms.push(this.size);
  }

  /**
   * Replaces the children of the node that closes by the node. js-yaml reads a scalar or flow
   * collection in block context by first trying it as the key of a block mapping: the node then
   * comes twice, as the attempt (the only child) and as the node itself; the child has the exact
   * end, so it stays for both.
   */
  close(state: LoaderState): void {
    const open = this.opens.pop()!;
    const from = this.froms.pop()!;
    const count = this.size - from;
    const { kind, result } = state;
    if (kind === null) {
      if (count > 0) throw DECLINE;
      this.push(null, null, this.emptyAt(open), -1, undefined);
      return;
    }
    if (
      count === 1 &&
      (kind === 'scalar' ? this.nodes[from]?.kind === 'scalar' : this.results[from] === result)
    ) {
      return;
    }
    const first = skipSeparation(this.src, open);
    const c = this.src.charCodeAt(first);
    if (kind === 'scalar' && count === 0) {
      this.push(this.scalar(first, state), result, first, -1, undefined);
    } else if (kind === 'sequence' && Array.isArray(result)) {
      if (c === 91 /* [ */) this.flowSeq(from, first, state.position, result);
      else this.blockSeq(from, first, result.length);
    } else if (kind === 'mapping' && typeof result === 'object' && result !== null) {
      if (c === 123 /* { */) this.flowMap(from, first, state.position, result);
      else this.blockMap(from, first, result);
    } else {
      throw DECLINE;
    }
  }

  private push(
    node: ValueNode | null,
    result: unknown,
    at: number,
    outer: number,
    tail: Tail | undefined,
  ): void {
    const i = this.size++;
    this.nodes[i] = node;
    this.results[i] = result;
    this.ats[i] = at;
    this.outers[i] = outer;
    this.tails[i] = tail;
  }

  /** A scalar; plain ones only where `yaml`'s core schema resolves them to the same value. */
  private scalar(first: number, state: LoaderState): ScalarNode {
    const src = this.src;
    const quote = src.charCodeAt(first);
    const value = state.result;
    if (quote === 34 /* " */ || quote === 39 /* ' */) {
      const end = state.position;
      // A quoted scalar over several lines is folded by rules where the two parsers may differ; a
      // `#` right after the closing quote is a comment to js-yaml and an error to `yaml`.
      if (
        typeof value !== 'string' ||
        src.charCodeAt(end - 1) !== quote ||
        end <= first + 1 ||
        src.charCodeAt(end) === 35 ||
        hasBreak(src, first, end)
      ) {
        throw DECLINE;
      }
      return this.scalarNode(value, first, end);
    }
    const end = backOverBlanks(src, state.position, first);
    // A number, boolean or null must come out the same in both parsers from its source; a string
    // (possibly folded from several lines) must be one that `yaml` would not resolve to anything else.
    const expected = coreScalar(typeof value === 'string' ? value : src.slice(first, end));
    if (!Object.is(expected, value) || end <= first) throw DECLINE;
    return this.scalarNode(expected, first, end);
  }

  private scalarNode(value: ScalarValue, first: number, end: number): ScalarNode {
    return { kind: 'scalar', value, start: first + this.base, end: end + this.base };
  }

  private flowSeq(from: number, first: number, close: number, result: unknown[]): void {
    // A pair inside a flow sequence (`[a: b]`) brings two children for one item.
    if (this.size - from !== result.length || !this.closedFlow(close, 93 /* ] */)) throw DECLINE;
    const items: ValueNode[] = [];
    for (let i = from; i < this.size; i++) items.push(this.nodes[i] ?? declined());
    this.size = from;
    const seq: SeqNode = { kind: 'seq', start: first + this.base, end: close + this.base, items };
    this.push(seq, result, first, -1, undefined);
  }

  private flowMap(from: number, first: number, close: number, result: object): void {
    // A key without a value (`{a, b: c}`) brings one child for its pair.
    if (this.size - from !== 2 * keyCount(result) || !this.closedFlow(close, 125 /* } */)) throw DECLINE;
    const map: MapNode = {
      kind: 'map',
      start: first + this.base,
      end: close + this.base,
      pairs: this.pairs(from, this.size),
    };
    this.size = from;
    this.push(map, result, first, -1, undefined);
  }

  /** Whether a flow collection ends with its bracket, and no comment touches it (see `scalar`). */
  private closedFlow(close: number, bracket: number): boolean {
    return this.src.charCodeAt(close - 1) === bracket && this.src.charCodeAt(close) !== 35; /* # */
  }

  private blockSeq(from: number, first: number, length: number): void {
    // An empty item (`-` alone) has no events; `yaml` also ends such a sequence by other rules.
    if (this.size - from !== length || length === 0) throw DECLINE;
    const items: ValueNode[] = [];
    for (let i = from; i < this.size; i++) items.push(this.nodes[i] ?? declined());
    const { end, outer, tail } = this.blockEnd(first, this.size - 1);
    this.size = from;
    const seq: SeqNode = { kind: 'seq', start: first + this.base, end: end + this.base, items };
    this.push(seq, null, first, outer, tail);
  }

  private blockMap(from: number, first: number, result: object): void {
    // After its last pair, js-yaml tries one more key on a line at the mapping's indentation.
    let to = this.size;
    if ((to - from) % 2 === 1 && this.nodes[to - 1] === null) to--;
    if (to - from !== 2 * keyCount(result) || to === from) throw DECLINE;
    const pairs = this.pairs(from, to);
    const { end, outer, tail } = this.blockEnd(first, to - 1);
    this.size = from;
    const map: MapNode = { kind: 'map', start: first + this.base, end: end + this.base, pairs };
    this.push(map, null, first, outer, tail);
  }

  /** Pairs from the entries key, value, key, value…; keys are non-null scalars on one line (no `<<`). */
  private pairs(from: number, to: number): PairNode[] {
    const pairs: PairNode[] = [];
    for (let i = from; i < to; i += 2) {
      const key = this.nodes[i];
      if (key?.kind !== 'scalar' || key.value === null || key.value === '<<') throw DECLINE;
      // `yaml` measures from where the key's line (or the empty value before it) ends; we decline
      // from the line's start, less a line break, on.
      const keyStart = key.start - this.base;
      const colon = skipSpaces(this.src, key.end - this.base);
      if (colon - keyStart > 500 && colon - lineStart(this.src, keyStart) > MAX_IMPLICIT_KEY - 2) {
        throw DECLINE;
      }
      let value = this.nodes[i + 1]!;
      if (value === null) {
        const at = this.ats[i + 1]!;
        if (at < 0) throw DECLINE;
        value = { kind: 'scalar', value: null, start: at + this.base, end: at + this.base };
      }
      pairs.push({ key, value });
    }
    return pairs;
  }

  /**
   * Where `yaml` ends a block collection (`end`), and where its `range[2]` ends (`outer`: the end its
   * parent takes when the collection is its last child). After a last child that is a scalar or flow
   * collection, the end takes in the rest of the child's line and the comment lines that follow
   * indented deeper than the collection (with the blank lines between them). The comment lines after
   * that, up to the next content, go to the innermost collection that one of them is indented at
   * least as deep as (never to one at column 0), reaching that collection's `outer` and the `end` of
   * its ancestors of which it is the last child. A collection ending in an empty value is declined:
   * `yaml` ends it by other rules.
   */
  private blockEnd(first: number, last: number): { end: number; outer: number; tail: Tail | undefined } {
    const src = this.src;
    const node = this.nodes[last] ?? declined();
    const column = first - lineStart(src, first);
    let end = this.outers[last]!;
    let tail = this.tails[last];
    if (end < 0) {
      end = afterLine(src, skipSpaces(src, node.end - this.base));
      for (let line = end; line < src.length;) {
        const text = skipSpaces(src, line);
        const c = src.charCodeAt(text);
        if (c === 35 /* # */ && text - line > column) end = line = afterLine(src, text);
        else if (isBreak(c)) line = afterLine(src, text);
        else break;
      }
      tail = commentLines(src, end);
    }
    if (tail && column > 0 && tail.indent >= column) return { end, outer: tail.end, tail: undefined };
    return { end, outer: end, tail };
  }

  /** Where `yaml` places an empty value: after the `:` and the spaces that follow it on its line. */
  private emptyAt(open: number): number {
    let colon = open;
    while (colon > 0 && this.src.charCodeAt(colon - 1) === 32) colon--;
    // In a flow mapping js-yaml opens the value after any line breaks and comments; `yaml` places it
    // before them. Only the simple case is taken.
    return this.src.charCodeAt(colon - 1) === 58 /* : */ ? skipSpaces(this.src, open) : -1;
  }
}

/** How many keys a mapping js-yaml built has (it throws on a repeated key, so one per pair). */
function keyCount(result: object): number {
  let count = 0;
  for (const key in result) if (Object.prototype.hasOwnProperty.call(result, key)) count++;
  return count;
}

function declined(): never {
  throw DECLINE;
}
