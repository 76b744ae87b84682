/**
 * Reading YAML a line at a time, for completion: the document often does not parse while the
 * user types, but its lines still say where the cursor is (indentation, `- ` markers, `key:`).
 */

/** A line's offsets: `start` of its first character, `end` before its line break (and any `\r`). */
export interface Line {
  start: number;
  end: number;
}

/** What one line says about the structure. Columns count from the line's start. */
export interface LineShape {
  indent: number;
  /** Columns of the `- ` sequence markers at the line's start. */
  markers: number[];
  /** Column of the content after the indentation and the markers. */
  content: number;
  /** Empty, or a comment only. */
  blank: boolean;
  /** `---` or `...`: a document boundary. */
  boundary: boolean;
  /** The key, when the content is `key:` (with or without a value). */
  key: string | undefined;
  /** The value after `key:`, without a trailing comment, trimmed. */
  value: string;
}

/** The line holding an offset. */
export function lineAt(text: string, offset: number): Line {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  let end = newline === -1 ? text.length : newline;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return { start, end };
}

/** The line before `line`, or undefined at the start of the text. */
export function previousLine(text: string, line: Line): Line | undefined {
  return line.start === 0 ? undefined : lineAt(text, line.start - 1);
}

/** The line after `line`, or undefined at the end of the text. */
export function nextLine(text: string, line: Line): Line | undefined {
  const newline = text.indexOf('\n', line.end);
  return newline === -1 ? undefined : lineAt(text, newline + 1);
}

/** The indentation of a line and whether it holds anything, without copying it. */
export function quickIndent(text: string, line: Line): { indent: number; blank: boolean } {
  let i = line.start;
  while (i < line.end && text.charCodeAt(i) === 32) i++;
  const first = i < line.end ? text.charCodeAt(i) : -1;
  return { indent: i - line.start, blank: first === -1 || first === 35 /* # */ };
}

/** The `- ` markers at the start of a line's text, and the column after them. */
export function markersOf(text: string): { indent: number; markers: number[]; content: number } {
  let i = 0;
  while (text[i] === ' ') i++;
  const indent = i;
  const markers: number[] = [];
  while (text[i] === '-' && text[i + 1] === ' ') {
    markers.push(i);
    i++;
    while (text[i] === ' ') i++;
  }
  return { indent, markers, content: i };
}

/** Index of the quote closing the one at `at`, or -1 when it is not closed. */
export function closingQuote(text: string, at: number): number {
  const quote = text[at];
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === '\\') i++;
    else if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

/** The key of a content (`key: value`, `"key": value`): the key and where its value starts. */
export function splitKey(content: string): { key: string; valueStart: number } | undefined {
  let keyEnd: number;
  let key: string;
  if (content.startsWith('"') || content.startsWith("'")) {
    const close = closingQuote(content, 0);
    if (close < 0) return undefined;
    const raw = content.slice(0, close + 1);
    key = content[0] === '"' ? unquoteDouble(raw) : raw.slice(1, -1).replace(/''/g, "'");
    keyEnd = close + 1;
    while (content[keyEnd] === ' ' || content[keyEnd] === '\t') keyEnd++;
    if (content[keyEnd] !== ':') return undefined;
  } else {
    if (/^[[{|>&*!%@`#]/.test(content)) return undefined;
    const match = /:(?=\s|$)/.exec(content);
    if (!match) return undefined;
    keyEnd = match.index;
    key = content.slice(0, keyEnd).trimEnd();
    if (/[ \t]#/.test(key)) return undefined;
  }
  // Spaces and tabs separate the value from the colon.
  let valueStart = keyEnd + 1;
  while (content[valueStart] === ' ' || content[valueStart] === '\t') valueStart++;
  return { key, valueStart };
}

function unquoteDouble(raw: string): string {
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
}

/** Where a comment starts in a line's text (`#` at the start or after a space, outside quotes), or -1. */
export function commentStart(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ((c === '"' || c === "'") && (i === 0 || /[\s:[{,-]/.test(text[i - 1]!))) {
      const close = closingQuote(text, i);
      if (close < 0) return -1;
      i = close;
    } else if (c === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) {
      return i;
    }
  }
  return -1;
}

/** A scalar as written, without its quotes. */
export function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) {
    return value.slice(1, -1).replace(/''/g, "'");
  }
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) return unquoteDouble(value);
  return value;
}

/** Reads the structure of one line. */
export function shapeOf(text: string): LineShape {
  const { indent, markers, content: afterMarkers } = markersOf(text);
  let content = afterMarkers;
  // A whole line's last "-" is a marker too: the item's content starts on the next line.
  if (text[content] === '-' && /^[ \t]*$/.test(text.slice(content + 1))) markers.push(content++);
  const rest = text.slice(content);
  const blank = rest.trim() === '' || rest.startsWith('#');
  const boundary = markers.length === 0 && indent === 0 && /^(?:---|\.\.\.)(?:\s|$)/.test(text);
  const split = blank || boundary ? undefined : splitKey(rest);
  let value = '';
  if (split) {
    const after = rest.slice(split.valueStart);
    const comment = commentStart(after);
    value = (comment < 0 ? after : after.slice(0, comment)).trim();
  }
  return { indent, markers, content, blank, boundary, key: split?.key, value };
}

/** True when a `key:` line opens a nested block (no value, or only an anchor or a tag). */
export function opensBlock(value: string): boolean {
  return value === '' || /^(?:[&!][^\s]*\s*)+$/.test(value);
}
