import type { ScalarValue } from './ast';

/**
 * Small scans over YAML source text and the `yaml` package's core-schema resolution, for the fast
 * path (`fastYaml.ts`). Offsets are UTF-16 indexes into the text given.
 */

/** A run of comment (and blank) lines after a block collection, up to the next content. */
export interface Tail {
  /** Where the next content (or the text) begins. */
  end: number;
  /** The deepest indentation of its comments. */
  indent: number;
}

/**
 * The value `yaml`'s YAML 1.2 core schema gives a plain scalar (the tags and order of
 * `yaml/dist/schema/core`): null, booleans, octal, decimal and hexadecimal integers, `.inf`/`.nan`,
 * floats; anything else stays a string.
 */
export function coreScalar(s: string): ScalarValue {
  const c = s.charCodeAt(0);
  // Only these first characters (or none, for null) can start a non-string; most strings stop here.
  const candidate =
    s === '' ||
    (c >= 48 && c <= 57) ||
    c === 43 ||
    c === 45 ||
    c === 46 ||
    c === 126 ||
    c === 78 ||
    c === 110 ||
    c === 84 ||
    c === 116 ||
    c === 70 ||
    c === 102;
  if (!candidate) return s;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s)) return c === 116 || c === 84;
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) {
    return s.slice(-3).toLowerCase() === 'nan'
      ? NaN
      : c === 45
        ? Number.NEGATIVE_INFINITY
        : Number.POSITIVE_INFINITY;
  }
  if (
    /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s) ||
    /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)
  ) {
    return parseFloat(s);
  }
  return s;
}

export function isBreak(c: number): boolean {
  return c === 10 || c === 13;
}

export function skipSpaces(src: string, i: number): number {
  while (src.charCodeAt(i) === 32) i++;
  return i;
}

/** Skips spaces, line breaks and comments: where js-yaml finds a node's first character. */
export function skipSeparation(src: string, i: number): number {
  for (;;) {
    const c = src.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13) i++;
    else if (c === 35 /* # */) i = lineEnd(src, i);
    else return i;
  }
}

/** Back from where js-yaml stopped after a plain scalar, over the blanks it read past the scalar. */
export function backOverBlanks(src: string, i: number, floor: number): number {
  if (i > src.length) i = src.length; // js-yaml reads a line break it appended to a text without one
  while (i > floor) {
    const c = src.charCodeAt(i - 1);
    if (c !== 32 && c !== 10 && c !== 13) break;
    i--;
  }
  return i;
}

/** The end of the line holding `i`, before its line break. */
export function lineEnd(src: string, i: number): number {
  while (i < src.length && !isBreak(src.charCodeAt(i))) i++;
  return i;
}

/** The start of the line holding `i`. */
export function lineStart(src: string, i: number): number {
  while (i > 0 && src.charCodeAt(i - 1) !== 10) i--;
  return i;
}

/** After the rest of the line at `i`: a comment if one starts there, then the line break. */
export function afterLine(src: string, i: number): number {
  if (src.charCodeAt(i) === 35 /* # */) i = lineEnd(src, i);
  if (src.charCodeAt(i) === 13 && src.charCodeAt(i + 1) === 10) return i + 2;
  return src.charCodeAt(i) === 10 ? i + 1 : i;
}

export function hasBreak(src: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isBreak(src.charCodeAt(i))) return true;
  return false;
}

/** Whether the text before `to` (a line start) holds only blank lines and comment lines. */
export function onlyCommentsOrBlank(src: string, to: number): boolean {
  for (let i = 0; i < to;) {
    const text = skipSpaces(src, i);
    const c = src.charCodeAt(text);
    if (c !== 35 /* # */ && !isBreak(c)) return false;
    i = afterLine(src, text);
  }
  return true;
}

/** The comment lines (and blank lines) from the line start `from` up to the next content, if any has a comment. */
export function commentLines(src: string, from: number): Tail | undefined {
  let indent = -1;
  let line = from;
  while (line < src.length) {
    const text = skipSpaces(src, line);
    const c = src.charCodeAt(text);
    if (c === 35 /* # */) indent = Math.max(indent, text - line);
    else if (!isBreak(c)) return indent < 0 ? undefined : { end: Math.min(text, src.length), indent };
    line = afterLine(src, text);
  }
  return indent < 0 ? undefined : { end: src.length, indent };
}
