import type { CursorContext, RequestFields, Segment } from '../completionTypes';
import { baseContext } from '../completionTypes';
import { flowRest, scanFlow } from './yamlFlow';
import type { Line } from './yamlLines';
import { closingQuote, commentStart, lineAt, markersOf, splitKey, unquote } from './yamlLines';
import type { Walk, WalkInput } from './yamlWalk';
import { mapEntries, seqItems, walkUp } from './yamlWalk';

/** What the YAML cursor context reads: the text, and what the parsed tree offers to go faster. */
export interface YamlInput extends WalkInput {
  offset: number;
  /** The root mapping's keys from the parsed tree (when it holds the cursor), so the root is not re-read. */
  rootKeys: { key: string; start: number }[] | undefined;
}

interface CursorLine {
  line: Line;
  before: string;
  after: string;
  markers: number[];
  content: number;
}

/**
 * The completion context at a YAML offset, from the text around it: the current line says whether
 * a key or a value is typed (or an item of a flow collection), the lines above say where.
 * Undefined where nothing can be completed (comments, block scalars, broken indentation).
 */
export function yamlContext(input: YamlInput): CursorContext | undefined {
  const { text, offset } = input;
  const line = lineAt(text, offset);
  const before = text.slice(line.start, offset);
  if (commentStart(before) >= 0 || /^(?:---|\.\.\.)(?:\s|$)/.test(before)) return undefined;
  const { markers, content } = markersOf(before);
  const cursor: CursorLine = { line, before, after: text.slice(offset, line.end), markers, content };
  const walk = walkUp(input, line, markers, content);
  if (!walk) return undefined;
  const rest = before.slice(content);
  const contentOffset = line.start + content;
  if (rest.startsWith('[') || rest.startsWith('{')) {
    return flowContext(input, cursor, walk, walk.path, contentOffset);
  }
  const split = splitKey(rest);
  if (!split) return keyContext(input, cursor, walk, rest);
  const valueText = rest.slice(split.valueStart);
  const valueOffset = contentOffset + split.valueStart;
  const path = [...walk.path, split.key];
  if (valueText.startsWith('[') || valueText.startsWith('{')) {
    return flowContext(input, cursor, walk, path, valueOffset);
  }
  if (/^[|>&!*%@`]/.test(valueText)) return undefined;
  const ctx = baseContext('yaml', offset);
  ctx.position = 'value';
  ctx.path = path;
  ctx.typed = valueText;
  ctx.start = valueOffset;
  ctx.end = offset + valueContinuation(cursor.after, valueText);
  ctx.needsSpace = split.valueStart === rest.length && rest.endsWith(':');
  ctx.column = content;
  ctx.request = requestFields(input, walk);
  return ctx;
}

/** How much of the text after the cursor belongs to the value being typed. */
function valueContinuation(after: string, typed: string): number {
  const quote = typed[0] === '"' || typed[0] === "'" ? typed[0] : undefined;
  if (quote && closingQuote(typed, 0) < 0) {
    const close = closingQuote(quote + after, 0);
    if (close > 0) return close;
  }
  const comment = commentStart(after);
  return (comment < 0 ? after : after.slice(0, comment)).trimEnd().length;
}

/** A key being typed (or a scalar item of a block sequence: the schema tells them apart). */
function keyContext(input: YamlInput, cursor: CursorLine, walk: Walk, typed: string): CursorContext {
  const ctx = baseContext('yaml', input.offset);
  const { after, line, content } = cursor;
  const stop = after.search(/:(?:\s|$)|[ \t]#/);
  const continuation = (stop < 0 ? after : after.slice(0, stop)).trimEnd().length;
  ctx.path = walk.path;
  ctx.typed = typed;
  ctx.start = line.start + content;
  ctx.end = input.offset + continuation;
  ctx.hasColon = after.slice(continuation).trimStart().startsWith(':');
  ctx.column = content;
  ctx.present = presentKeys(input, walk, line);
  const seq = cursor.markers.length > 0 ? walk.levels[1] : undefined;
  if (seq?.kind === 'seq') ctx.siblings = () => seqItems(input.text, seq.start, seq.column, line.start);
  ctx.request = requestFields(input, walk);
  return ctx;
}

function presentKeys(input: YamlInput, walk: Walk, line: Line): Set<string> {
  const map = walk.levels[0];
  if (!map) return new Set();
  if (map.path.length === 0 && map.column === 0 && input.rootKeys) {
    return new Set(
      input.rootKeys.filter((k) => lineAt(input.text, k.start).start !== line.start).map((k) => k.key),
    );
  }
  return new Set(mapEntries(input.text, map.start, map.column, line.start).keys());
}

/** The source and operation of the account request the cursor is in, read from its lines. */
function requestFields(input: YamlInput, walk: Walk): RequestFields | undefined {
  const level = walk.levels.find(
    (l) => l.kind === 'map' && l.path.length === 2 && l.path[0] === 'accountRequests',
  );
  if (!level) return undefined;
  const entries = mapEntries(input.text, level.start, level.column);
  const fields: RequestFields = {};
  const source = entries.get('source');
  const operation = entries.get('operation');
  if (source) fields.source = source;
  if (operation) fields.operation = operation;
  return fields;
}

/** Inside a one-line flow collection that starts at `flowStart`. */
function flowContext(
  input: YamlInput,
  cursor: CursorLine,
  walk: Walk,
  base: Segment[],
  flowStart: number,
): CursorContext | undefined {
  const { text, offset } = input;
  const place = scanFlow(text.slice(flowStart, offset), base);
  if (!place) return undefined;
  const typed = text.slice(flowStart + place.tokenStart, offset);
  const quote = typed[0] === '"' || typed[0] === "'" ? typed[0] : undefined;
  const open = quote && closingQuote(typed, 0) < 0 ? quote : undefined;
  const rest = flowRest(cursor.after, open, place.position === 'key');
  const ctx = baseContext('yaml', offset);
  ctx.flow = true;
  ctx.position = place.position;
  ctx.path = place.path;
  ctx.typed = typed;
  ctx.start = flowStart + place.tokenStart;
  ctx.end = offset + rest.continuation;
  ctx.column = cursor.content;
  ctx.present = place.present;
  ctx.siblings = () => place.siblings;
  for (const other of rest.others) {
    if (place.position === 'key') ctx.present.add(unquote(other.split(/:(?:\s|$)/)[0]!.trim()));
    else place.siblings.add(unquote(other));
  }
  if (place.position === 'key') ctx.hasColon = /^\s*:/.test(cursor.after.slice(rest.continuation));
  ctx.request = requestFields(input, walk);
  return ctx;
}
