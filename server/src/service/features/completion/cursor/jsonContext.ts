import { createScanner, getLocation, SyntaxKind } from 'jsonc-parser';
import type { Node as JsonNode, Segment as JsonSegment } from 'jsonc-parser';
import { fieldOf } from '../../../request/accountRequestView';
import type { ValueNode } from '../../../syntax/ast';
import { nodeAtPath, stringOf } from '../../../syntax/ast';
import type { CursorContext, RequestFields, Segment } from '../completionTypes';
import { baseContext } from '../completionTypes';
import { lineAt } from './yamlLines';

interface Located {
  path: Segment[];
  isKey: boolean;
  previous: { offset: number; length: number; type: string } | undefined;
}

/**
 * The completion context at a JSON offset. `jsonc-parser` reads the path at the cursor; it is
 * given only the innermost collection around the cursor (from the parsed tree), with the values
 * before the cursor reduced to `0`, so that a cursor deep in a large plan costs what a small one does.
 * Undefined before the document's object or array, or after its closing bracket: a JSON file holds
 * one value.
 */
export function jsonContext(text: string, offset: number, root: ValueNode | null): CursorContext | undefined {
  if (root && outside(text, root, offset)) return undefined;
  const located = locate(text, offset, root);
  const ctx = baseContext('json', offset);
  const line = lineAt(text, offset);
  ctx.indent = /^[ \t]*/.exec(text.slice(line.start, line.end))![0];
  const previous = located.previous;
  const onToken =
    previous !== undefined && previous.offset <= offset && offset <= previous.offset + previous.length;
  const usable =
    onToken &&
    (located.isKey ? previous.type === 'property' : !['property', 'object', 'array'].includes(previous.type));
  const range = usable
    ? { start: previous.offset, end: previous.offset + previous.length }
    : wordAround(text, offset);
  ctx.start = Math.max(range.start, line.start);
  ctx.end = Math.max(Math.min(range.end, line.end), offset);
  ctx.typed = text.slice(ctx.start, offset);
  const afterValue =
    !located.isKey && !usable && ctx.typed === '' && commaBefore(text, ctx.start) !== undefined;
  if (afterValue) moveAfterValue(located);
  if (located.isKey) {
    ctx.path = located.path.slice(0, -1);
    ctx.hasColon = /^\s*:/.test(text.slice(ctx.end, ctx.end + 200));
    ctx.present = keysOf(text, root, ctx.path, ctx.start, ctx.end);
  } else {
    ctx.position = 'value';
    ctx.path = located.path;
    if (typeof ctx.path[ctx.path.length - 1] === 'number') {
      const parent = ctx.path.slice(0, -1);
      ctx.siblings = () => itemsOf(root, parent, ctx.start);
    }
  }
  const next = /\S/.exec(text.slice(ctx.end, ctx.end + 200))?.[0];
  ctx.commaAfter = next !== undefined && /["{[\w-]/.test(next);
  const needsSeparator = located.isKey || typeof ctx.path[ctx.path.length - 1] === 'number';
  ctx.commaBefore = needsSeparator ? commaBefore(text, ctx.start) : undefined;
  ctx.request = requestOf(root, ctx.path);
  return ctx;
}

function outside(text: string, root: ValueNode, offset: number): boolean {
  if (root.kind === 'scalar') return false;
  const closed = text[root.end - 1] === (root.kind === 'map' ? '}' : ']');
  return offset <= root.start || (closed && offset >= root.end);
}

/**
 * jsonc-parser still reports the value of the last property (or the last item) when the cursor
 * follows that value on a new line: there a new key (or item) is what the user starts to type.
 */
function moveAfterValue(located: Located): void {
  const last = located.path[located.path.length - 1];
  if (typeof last === 'number') {
    located.path = [...located.path.slice(0, -1), last + 1];
  } else {
    located.isKey = true;
    located.path = [...located.path.slice(0, -1), ''];
  }
}

function locate(text: string, offset: number, root: ValueNode | null): Located {
  const container = root ? deepestContainer(root, offset) : undefined;
  if (!container) {
    const location = getLocation(text, offset);
    return fromLocation(location.path, location, 0);
  }
  const { node, path } = container;
  const children =
    node.kind === 'map' ? node.pairs.map((p) => p.value) : node.kind === 'seq' ? node.items : [];
  let compact = '';
  let position = node.start;
  let removed = 0;
  for (const child of children) {
    if (!child) continue;
    if (child.start >= offset) break;
    if (child.end >= offset || child.end - child.start <= 16) continue;
    compact += `${text.slice(position, child.start)}0`;
    removed += child.end - child.start - 1;
    position = child.end;
  }
  compact += text.slice(position, node.end);
  const location = getLocation(compact, offset - node.start - removed);
  return fromLocation([...path, ...location.path], location, node.start + removed);
}

function fromLocation(
  path: JsonSegment[],
  location: { isAtPropertyKey: boolean; previousNode?: JsonNode },
  shift: number,
): Located {
  const node = location.previousNode;
  return {
    path: [...path],
    isKey: location.isAtPropertyKey,
    previous: node ? { offset: node.offset + shift, length: node.length, type: node.type } : undefined,
  };
}

/** The innermost object or array of the parsed tree that holds the offset strictly inside it. */
function deepestContainer(root: ValueNode, offset: number): { node: ValueNode; path: Segment[] } | undefined {
  const inside = (node: ValueNode | null | undefined): node is ValueNode =>
    !!node && node.kind !== 'scalar' && node.start < offset && offset < node.end;
  if (!inside(root)) return undefined;
  let node = root;
  const path: Segment[] = [];
  for (;;) {
    let next: ValueNode | undefined;
    let segment: Segment = 0;
    if (node.kind === 'map') {
      const pair = node.pairs.find((p) => inside(p.value));
      if (pair) [next, segment] = [pair.value!, String(pair.key.value)];
    } else if (node.kind === 'seq') {
      const index = lastStartingBefore(node.items, offset);
      if (index >= 0 && inside(node.items[index])) [next, segment] = [node.items[index], index];
    }
    if (!next) return { node, path };
    node = next;
    path.push(segment);
  }
}

function lastStartingBefore(items: readonly ValueNode[], offset: number): number {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (items[middle]!.start < offset) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** The word around the offset when the user types without quotes (invalid JSON, but worth completing). */
function wordAround(text: string, offset: number): { start: number; end: number } {
  let start = offset;
  while (start > 0 && /[\w$.-]/.test(text[start - 1]!)) start--;
  let end = offset;
  while (end < text.length && /[\w$.-]/.test(text[end]!)) end++;
  return { start, end };
}

/** Where a comma must go before an insertion at `start`: after the previous value, unless one is there. */
function commaBefore(text: string, start: number): number | undefined {
  let i = start - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return i < 0 || '{[,:'.includes(text[i]!) ? undefined : i + 1;
}

/**
 * The keys of the object around the cursor: from the parsed tree, and those after the cursor also
 * from the text (the parser's error recovery loses what follows a key typed without a colon).
 */
function keysOf(
  text: string,
  root: ValueNode | null,
  path: Segment[],
  start: number,
  end: number,
): Set<string> {
  const node = nodeAtPath(root, path)?.node;
  const keys = new Set(
    node?.kind === 'map'
      ? node.pairs.filter((p) => p.key.start !== start).map((p) => String(p.key.value))
      : [],
  );
  const scanner = createScanner(text.slice(end, end + SCAN_AHEAD), false);
  let depth = 0;
  let candidate: string | undefined;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.Trivia || token === SyntaxKind.LineBreakTrivia) continue;
    if (token === SyntaxKind.ColonToken && candidate !== undefined && depth === 0) keys.add(candidate);
    candidate = token === SyntaxKind.StringLiteral ? scanner.getTokenValue() : undefined;
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) depth++;
    if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) {
      if (depth === 0) break;
      depth--;
    }
  }
  return keys;
}

/** How far after the cursor the keys of its object are looked for. */
const SCAN_AHEAD = 64 * 1024;

function itemsOf(root: ValueNode | null, path: Segment[], typedAt: number): Set<string> {
  const node = nodeAtPath(root, path)?.node;
  if (node?.kind !== 'seq') return new Set();
  return new Set(node.items.filter((item) => item.start !== typedAt).flatMap((item) => stringOf(item) ?? []));
}

function requestOf(root: ValueNode | null, path: Segment[]): RequestFields | undefined {
  if (path[0] !== 'accountRequests' || typeof path[1] !== 'number') return undefined;
  const node = nodeAtPath(root, path.slice(0, 2))?.node;
  if (node?.kind !== 'map') return undefined;
  const fields: RequestFields = {};
  const source = fieldOf(node, 'source')?.value;
  const operation = fieldOf(node, 'operation')?.value;
  if (source) fields.source = source;
  if (operation) fields.operation = operation;
  return fields;
}
