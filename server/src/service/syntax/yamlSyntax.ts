import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, parseDocument } from 'yaml';
import type { Document, DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';
import type { Finding } from '../findings/finding';
import { finding } from '../findings/finding';
import { fastYamlDocument } from './fastYaml';
import type { MapNode, PairNode, ScalarNode, ScalarValue, SeqNode, ValueNode } from './ast';
import type { Limits } from './limits';
import { findExcessiveNesting, findTooManyDocuments } from './limits';
import type { SyntaxDocument } from './syntaxDocument';
import { duplicateKeysOf, limitFinding, measureAliasExpansion } from './syntaxDocument';

const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.2',
  schema: 'core',
  uniqueKeys: false,
  prettyErrors: false,
  strict: true,
};

/** Hints by what the parser's message says, checked before the hints by error code. */
const MESSAGE_HINTS: [RegExp, string][] = [
  [/tab/i, 'YAML indents with spaces, not tabs: replace the tab at the start of this line with spaces.'],
  [
    /without - indicator|indentation|indent/i,
    'Check the indentation: nested keys need more spaces than their parent, siblings the same, and list items start with "- ".',
  ],
  [/quote|quoted/i, 'A closing quote is missing.'],
  [/flow (sequence|map|collection)|\]|\}/i, 'A closing bracket or brace is missing, or a comma.'],
];

/** Why the parser stops at a yaml error code, in words a plan author can act on. */
const HINTS: Record<string, string> = {
  BAD_INDENT: 'Check the indentation: nested keys need more spaces than their parent, siblings the same.',
  MISSING_CHAR: 'A closing quote or bracket is missing.',
  MULTILINE_IMPLICIT_KEY: 'A key must fit on one line; is a ":" or a quote missing on the line above?',
  TAB_AS_INDENT: 'YAML indents with spaces, not tabs.',
  UNEXPECTED_TOKEN: 'Check the line for a missing ":" or "- ", or a value that needs quotes.',
  BLOCK_AS_IMPLICIT_KEY: 'A key must be a single-line scalar.',
  ALIAS_PROPS: 'An alias (*name) cannot have an anchor or tag.',
  BAD_ALIAS: 'An alias must name an anchor defined before it (&name).',
};

/** Which parser reads plain YAML: the fast path where it applies (the default), or only `yaml` (the reference the fast path must equal, for tests). */
export type YamlParser = 'fast' | 'yaml';

/**
 * Parses a YAML text (all of it, possibly several documents) into syntax documents. Never throws:
 * every problem becomes a finding of the document it belongs to. A plain single-document text is
 * parsed on the fast path (`fastYaml.ts`), anything else with the `yaml` package; both give the
 * same documents.
 */
export function parseYamlText(text: string, limits: Limits, parser: YamlParser = 'fast'): SyntaxDocument[] {
  const nesting = findTooManyDocuments(text, limits) ?? findExcessiveNesting(text, limits);
  if (nesting) return [limitedDocument(0, text.length, nesting.offset, nesting.length, nesting.message)];
  const fast = parser === 'fast' ? fastYamlDocument(text, 0, text.length) : undefined;
  return fast ? [fast] : parseAllWithYaml(text, limits);
}

/**
 * Parses one region of a YAML text on its own, as one document, keeping offsets relative to the
 * whole text. Used to re-parse only the requests an edit touched.
 */
export function parseYamlRegion(
  text: string,
  start: number,
  end: number,
  limits: Limits,
  parser: YamlParser = 'fast',
): SyntaxDocument {
  const nesting = findExcessiveNesting(text, limits, start, end);
  if (nesting) return limitedDocument(start, end, nesting.offset, nesting.length, nesting.message);
  const fast = parser === 'fast' ? fastYamlDocument(text, start, end) : undefined;
  return fast ?? parseRegionWithYaml(text, start, end, limits);
}

function parseAllWithYaml(text: string, limits: Limits): SyntaxDocument[] {
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, YAML_OPTIONS) as Document.Parsed[];
  } catch (error) {
    return [limitedDocument(0, text.length, 0, 0, parserFailure(error))];
  }
  if (!Array.isArray(docs)) return [];
  return docs.map((doc, index) => convertDocument(doc, text, limits, 0, index));
}

function parseRegionWithYaml(text: string, start: number, end: number, limits: Limits): SyntaxDocument {
  try {
    const doc = parseDocument(text.slice(start, end), YAML_OPTIONS) as Document.Parsed;
    return convertDocument(doc, text, limits, start, 0);
  } catch (error) {
    return limitedDocument(start, end, start, 0, parserFailure(error));
  }
}

function parserFailure(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `The YAML parser gave up on this document (${reason}); it is not analysed.`;
}

function limitedDocument(
  start: number,
  end: number,
  offset: number,
  length: number,
  message: string,
): SyntaxDocument {
  return { start, end, root: null, findings: [limitFinding(offset, length, message)], limited: true };
}

interface ConvertContext {
  base: number;
  anchors: Map<string, ValueNode | null>;
  inProgress: Set<string>;
  findings: Finding[];
  cyclic: boolean;
}

function convertDocument(
  doc: Document.Parsed,
  text: string,
  limits: Limits,
  base: number,
  index: number,
): SyntaxDocument {
  const [rangeStart, , rangeEnd] = doc.range;
  const start = base + rangeStart;
  const end = base + rangeEnd;
  const ctx: ConvertContext = {
    base,
    anchors: new Map(),
    inProgress: new Set(),
    findings: [],
    cyclic: false,
  };
  ctx.findings.push(...errorFindings(doc, text, base));
  for (const warning of doc.warnings) {
    ctx.findings.push(syntaxFinding(text, base, warning.pos, warning.code, warning.message, 'warning'));
  }
  let root: ValueNode | null;
  try {
    root = convertNode(doc.contents, ctx);
  } catch (error) {
    return limitedDocument(start, end, start, 0, parserFailure(error));
  }
  if (ctx.cyclic) {
    return {
      start,
      end,
      root: null,
      findings: ctx.findings.filter((f) => f.code !== 'duplicate-key'),
      limited: true,
      index,
    };
  }
  // Without anchors there are no aliases, and nothing can expand.
  const aliasProblem = ctx.anchors.size > 0 ? measureAliasExpansion(root, limits.maxAliasNodes) : undefined;
  if (aliasProblem) {
    return {
      start,
      end,
      root: null,
      findings: [
        limitFinding(aliasProblem.start, aliasProblem.end - aliasProblem.start, aliasProblem.message),
      ],
      limited: true,
      index,
    };
  }
  const result: SyntaxDocument = { start, end, root, findings: ctx.findings, limited: false, index };
  if (ctx.anchors.size > 0) result.anchors = true;
  return result;
}

/**
 * The parser's errors, one finding per cause (docs/rules.md#one-cause): after an unexpected token the parser
 * reports every following token as unexpected too, and an unclosed quote at the end of the text
 * also leaves its collection unclosed, reported at the same place. A tab in the indentation makes
 * the parser misread the rest of the document: only that error is reported.
 */
function errorFindings(doc: Document.Parsed, text: string, base: number): Finding[] {
  const findings: Finding[] = [];
  let runEnd = -1;
  let lastStart = -1;
  for (const error of doc.errors) {
    const follows =
      error.code === 'UNEXPECTED_TOKEN' &&
      runEnd >= 0 &&
      /^\s*$/.test(text.slice(base + runEnd, base + error.pos[0]));
    runEnd = error.code === 'UNEXPECTED_TOKEN' ? error.pos[1] : -1;
    if (follows || error.pos[0] === lastStart) continue;
    lastStart = error.pos[0];
    const quote = error.code === 'MISSING_CHAR' ? /closing (["'])quote/.exec(error.message)?.[1] : undefined;
    const pos: [number, number] = quote
      ? [openingQuote(text, base, error.pos[0], quote) ?? error.pos[0], error.pos[0]]
      : error.pos;
    findings.push(syntaxFinding(text, base, pos, error.code, error.message, 'error'));
    if (error.code === 'TAB_AS_INDENT') break;
  }
  return findings;
}

/** Where an unclosed quoted scalar opens (relative to `base`): the parser reports it where the text ends. */
function openingQuote(text: string, base: number, end: number, quote: string): number | undefined {
  for (let i = base + end - 1; i >= base; i--) {
    if (text[i] !== quote) continue;
    if (quote === "'" && text[i - 1] === "'") {
      i--; // '' is an escaped quote inside a single-quoted scalar
      continue;
    }
    let slashes = 0;
    while (quote === '"' && text[i - 1 - slashes] === '\\') slashes++;
    if (slashes % 2 === 0) return i - base;
  }
  return undefined;
}

function syntaxFinding(
  text: string,
  base: number,
  pos: [number, number],
  code: string,
  message: string,
  severity: 'error' | 'warning',
): Finding {
  const start = base + pos[0];
  const lineEnd = text.indexOf('\n', start);
  const clip = lineEnd === -1 ? text.length : text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
  const end = Math.max(start, Math.min(base + pos[1], clip));
  const hint = MESSAGE_HINTS.find(([pattern]) => pattern.test(message))?.[1] ?? HINTS[code];
  const text1 = `YAML syntax: ${message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '')}.`;
  const result = finding(
    'yaml-syntax',
    start,
    end === start && start < clip ? start + 1 : end,
    hint ? `${text1} ${hint}` : text1,
  );
  result.severity = severity;
  return result;
}

function convertNode(node: unknown, ctx: ConvertContext): ValueNode | null {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return resolveAlias(node.source, node.range ?? undefined, ctx);
  const anchor = (node as { anchor?: string }).anchor;
  if (anchor) ctx.inProgress.add(anchor);
  let result: ValueNode | null = null;
  const range = (node as { range?: readonly number[] | null }).range ?? [0, 0];
  if (isScalar(node)) {
    result = scalarNode(node.value, range[0]! + ctx.base, range[1]! + ctx.base);
  } else if (isMap(node)) {
    result = convertMap(node.items, range, ctx);
  } else if (isSeq(node)) {
    const seq: SeqNode = { kind: 'seq', start: range[0]! + ctx.base, end: range[1]! + ctx.base, items: [] };
    for (const item of node.items) {
      const converted = isPair(item) ? convertMap([item], rangeOfPair(item), ctx) : convertNode(item, ctx);
      seq.items.push(converted ?? emptyScalar(seq.end));
    }
    result = seq;
  }
  if (anchor) {
    ctx.inProgress.delete(anchor);
    ctx.anchors.set(anchor, result);
  }
  return result;
}

function convertMap(
  items: readonly unknown[],
  range: readonly number[] | undefined,
  ctx: ConvertContext,
): MapNode {
  const start = (range?.[0] ?? 0) + ctx.base;
  const map: MapNode = { kind: 'map', start, end: (range?.[1] ?? 0) + ctx.base, pairs: [] };
  for (const item of items) {
    if (!isPair(item)) continue;
    const value = convertNode(item.value, ctx);
    const key = convertKey(item.key, value?.start ?? map.start, ctx);
    const pair: PairNode = { key, value };
    map.pairs.push(pair);
  }
  if (map.pairs.length > 1) ctx.findings.push(...duplicateKeysOf(map));
  return map;
}

function convertKey(key: unknown, fallback: number, ctx: ConvertContext): ScalarNode {
  if (isScalar(key) && key.range) {
    return scalarNode(key.value, key.range[0] + ctx.base, key.range[1] + ctx.base);
  }
  if (key === null || key === undefined) {
    return { kind: 'scalar', value: null, start: fallback, end: fallback };
  }
  const range = (key as { range?: number[] }).range ?? [fallback - ctx.base, fallback - ctx.base];
  return { kind: 'scalar', value: '[complex key]', start: range[0]! + ctx.base, end: range[1]! + ctx.base };
}

function rangeOfPair(pair: { key: unknown; value: unknown }): number[] | undefined {
  const keyRange = (pair.key as { range?: number[] } | null)?.range;
  const valueRange = (pair.value as { range?: number[] } | null)?.range;
  if (!keyRange) return valueRange;
  return [keyRange[0]!, valueRange?.[1] ?? keyRange[1]!];
}

function resolveAlias(
  name: string,
  range: readonly number[] | undefined,
  ctx: ConvertContext,
): ValueNode | null {
  const start = (range?.[0] ?? 0) + ctx.base;
  const end = (range?.[1] ?? 0) + ctx.base;
  if (ctx.inProgress.has(name)) {
    ctx.cyclic = true;
    ctx.findings.push(
      limitFinding(
        start,
        end - start,
        `The alias *${name} refers to the node that contains it, so its value would never end; the document is not analysed. Replace the alias with the value it should have.`,
      ),
    );
    return null;
  }
  const target = ctx.anchors.get(name);
  if (target === undefined) {
    ctx.findings.push(
      finding(
        'yaml-syntax',
        start,
        end,
        `YAML syntax: the alias *${name} names no anchor. Define &${name} on a node before this alias, or write the value here.`,
      ),
    );
    return null;
  }
  return target;
}

function scalarNode(value: unknown, start: number, end: number): ScalarNode {
  return { kind: 'scalar', value: normaliseScalar(value), start, end };
}

function emptyScalar(at: number): ScalarNode {
  return { kind: 'scalar', value: null, start: at, end: at };
}

function normaliseScalar(value: unknown): ScalarValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  return Object.prototype.toString.call(value);
}
