import type { Segment } from '../completionTypes';
import { closingQuote, unquote } from './yamlLines';

/** Where the cursor is inside a one-line YAML flow collection (`[a, b, |]`, `{ k: v, |}`). */
export interface FlowPlace {
  position: 'key' | 'value';
  path: Segment[];
  /** Index in the scanned text where the typed token starts. */
  tokenStart: number;
  /** Keys of the flow mapping (key position). */
  present: Set<string>;
  /** Items of the flow sequence (value position). */
  siblings: Set<string>;
}

interface Frame {
  kind: 'seq' | 'map';
  path: Segment[];
  index: number;
  key: string | undefined;
  afterColon: boolean;
  keys: Set<string>;
  items: Set<string>;
}

function frame(kind: 'seq' | 'map', path: Segment[]): Frame {
  return { kind, path, index: 0, key: undefined, afterColon: false, keys: new Set(), items: new Set() };
}

function childPath(top: Frame | undefined, base: Segment[]): Segment[] | undefined {
  if (!top) return base;
  if (top.kind === 'seq') return [...top.path, top.index];
  return top.afterColon && top.key !== undefined ? [...top.path, top.key] : undefined;
}

/** A `,` ends an item of a sequence or a pair of a mapping. */
function finishItem(top: Frame, token: string): void {
  const value = unquote(token.trim());
  if (top.kind === 'seq') {
    if (value !== '') top.items.add(value);
    top.index++;
    return;
  }
  if (top.afterColon && top.key !== undefined) top.keys.add(top.key);
  else if (value !== '') top.keys.add(value);
  top.key = undefined;
  top.afterColon = false;
}

/**
 * Scans the text from the start of a flow collection (`[` or `{`) to the cursor. `base` is the
 * path of that collection. Undefined when the cursor is not inside it (closed, or in a comment).
 */
export function scanFlow(text: string, base: Segment[]): FlowPlace | undefined {
  const stack: Frame[] = [];
  let tokenStart = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const top = stack[stack.length - 1];
    if (c === ' ' || c === '\t') continue;
    if (isComment(text, i)) return undefined;
    if (c === '"' || c === "'") {
      if (tokenStart < 0) tokenStart = i;
      const close = closingQuote(text, i);
      if (close < 0) break;
      i = close;
    } else if (c === '[' || c === '{') {
      const path = childPath(top, base);
      if (!path) return undefined;
      stack.push(frame(c === '[' ? 'seq' : 'map', path));
      tokenStart = -1;
    } else if (c === ']' || c === '}') {
      stack.pop();
      if (stack.length === 0) return undefined;
      tokenStart = -1;
    } else if (!top) {
      return undefined;
    } else if (c === ',') {
      finishItem(top, tokenStart < 0 ? '' : text.slice(tokenStart, i));
      tokenStart = -1;
    } else if (c === ':' && top.kind === 'map' && !top.afterColon && /[\s,}\]]/.test(text[i + 1] ?? ' ')) {
      top.key = unquote(text.slice(tokenStart < 0 ? i : tokenStart, i).trim());
      top.afterColon = true;
      tokenStart = -1;
    } else if (tokenStart < 0) {
      tokenStart = i;
    }
  }
  return placeOf(stack[stack.length - 1], tokenStart < 0 ? text.length : tokenStart);
}

function placeOf(top: Frame | undefined, tokenStart: number): FlowPlace | undefined {
  if (!top) return undefined;
  if (top.kind === 'seq') {
    return {
      position: 'value',
      path: [...top.path, top.index],
      tokenStart,
      present: new Set(),
      siblings: top.items,
    };
  }
  if (top.afterColon && top.key !== undefined) {
    return {
      position: 'value',
      path: [...top.path, top.key],
      tokenStart,
      present: new Set(),
      siblings: new Set(),
    };
  }
  return { position: 'key', path: top.path, tokenStart, present: top.keys, siblings: new Set() };
}

/**
 * The rest of the line after the cursor in a flow collection: how much of it continues the typed
 * token (up to the closing quote of an open quoted token, or, for a `key`, up to its colon), and
 * the other entries of the collection (the rest of the cursor's own entry is not one).
 */
export function flowRest(
  rest: string,
  quote: string | undefined,
  key = false,
): { continuation: number; others: string[] } {
  let i = 0;
  let continuation: number;
  if (quote) {
    const close = closingQuote(quote + rest, 0);
    // Never closed: the rest of the line is inside the string.
    if (close < 0) return { continuation: 0, others: [] };
    continuation = close;
    i = continuation;
  } else {
    const colon = (at: number): boolean => key && rest[at] === ':' && /[\s,\]}]/.test(rest[at + 1] ?? ' ');
    while (i < rest.length && !/[,\]}]/.test(rest[i]!) && !isComment(rest, i) && !colon(i)) i++;
    continuation = rest.slice(0, i).trimEnd().length;
  }
  const others: string[] = [];
  let own = true;
  let depth = 0;
  let piece = '';
  for (; i < rest.length && !isComment(rest, i); i++) {
    const c = rest[i]!;
    if (c === '"' || c === "'") {
      const close = closingQuote(rest, i);
      if (close < 0) break;
      piece += rest.slice(i, close + 1);
      i = close;
    } else if (c === '[' || c === '{') {
      depth++;
      piece += c;
    } else if (c === ']' || c === '}') {
      if (depth === 0) break;
      depth--;
      piece += c;
    } else if (c === ',' && depth === 0) {
      if (!own) others.push(piece.trim());
      own = false;
      piece = '';
    } else {
      piece += c;
    }
  }
  if (!own) others.push(piece.trim());
  return { continuation, others: others.filter((p) => p !== '') };
}

/** A `#` after a space or a tab starts a comment: the rest of the line is no entry. */
function isComment(text: string, i: number): boolean {
  return text[i] === '#' && (text[i - 1] === ' ' || text[i - 1] === '\t');
}
