/**
 * Scalars and comments as YAML text: the one quoting rule of everything that writes YAML (imported
 * plans, completions, quick fixes, renames). A value is written plain only when every YAML reader
 * takes it back as the same string, under YAML 1.2 and 1.1 alike (`yes`, `1:20` and `2025-01-02`
 * are not strings in 1.1); otherwise single-quoted, or double-quoted when it holds characters that
 * only an escape can carry (line breaks, control characters).
 */

import { parse } from 'yaml';

/** Characters YAML cannot hold literally (C0 and C1 controls but tab, DEL, BOM, lone surrogates) or that are line breaks. */
const NEEDS_ESCAPE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point: they must be escaped
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const NEEDS_ESCAPE_ALL = new RegExp(NEEDS_ESCAPE.source, 'g');

/** First characters that make a plain scalar something else (indicators, quotes, tags, anchors, aliases...). */
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;

/** Letters, digits and a few harmless punctuation marks, starting with a letter and not ending in a space. */
const SIMPLE = /^[A-Za-z][A-Za-z0-9 ._@/=()+,-]*$/;
/** What YAML 1.1 or 1.2 reads as a boolean or null, and the exponent-only floats of YAML 1.1 (`E5`). */
const SPECIAL_WORDS = /^(?:y|yes|n|no|true|false|on|off|null|e[-+]?[0-9]+)$/i;

function readsBackAs(candidate: string, version: '1.1' | '1.2'): boolean {
  try {
    return parse(candidate, { version, logLevel: 'silent' }) === candidate;
  } catch {
    return false;
  }
}

/**
 * Whether `value` may be written without quotes, in block context or (`flow`) anywhere, flow
 * collections (`{ name: x }`, `[a, b]`) included.
 */
export function canBePlain(value: string, flow = false): boolean {
  if (value === '' || value !== value.trim() || NEEDS_ESCAPE.test(value) || value.includes('\t')) {
    return false;
  }
  if (INDICATOR_START.test(value) || value.includes(': ') || value.includes(' #') || value.endsWith(':')) {
    return false;
  }
  // In flow context (`{ name: x }`, `[a, b]`) commas and brackets end a scalar; a colon may start a key.
  if (flow && /[,[\]{}:]/.test(value)) return false;
  // Fast path for the common case (names, DNs, e-mail addresses): a letter first rules out numbers,
  // dates and `.inf`, the character set rules out every indicator, so only the boolean and null
  // words and YAML 1.1's `E5` floats remain to exclude. Everything else is checked by reading it back.
  if (SIMPLE.test(value)) return !SPECIAL_WORDS.test(value);
  return readsBackAs(value, '1.2') && readsBackAs(value, '1.1');
}

/** `text` with every character YAML cannot hold literally written as a `\\u` escape. */
function escaped(text: string): string {
  return text.replace(NEEDS_ESCAPE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function doubleQuoted(value: string): string {
  // JSON's escapes are valid in YAML double-quoted scalars; a few characters JSON leaves alone are not printable in YAML.
  return escaped(JSON.stringify(value));
}

/** The quotes of a YAML scalar. */
export type YamlQuote = "'" | '"';

/** Where a scalar is written and how the writer would like it quoted. */
export interface YamlStyle {
  /** The scalar may stand in a flow collection (`{ name: x }`, `[a, b]`): plain only where that is safe too. */
  flow?: boolean;
  /**
   * Quoted in this style (the user typed the quote, or the text being replaced has it); single
   * quotes give way to double ones for a value that only escapes can carry.
   */
  quote?: YamlQuote;
}

/** A string as a YAML scalar that reads back as exactly that string. */
export function yamlString(value: string, style: YamlStyle = {}): string {
  if (style.quote === undefined && canBePlain(value, style.flow)) return value;
  if (style.quote !== '"' && !NEEDS_ESCAPE.test(value)) return `'${value.replace(/'/g, "''")}'`;
  return doubleQuoted(value);
}

/** A value YAML writes as a scalar. */
export type ScalarValue = string | number | boolean | null;

/** A scalar attribute value as YAML: strings quoted as needed, numbers and booleans as they are. */
export function yamlScalar(value: ScalarValue, style: YamlStyle = {}): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    return Number.isFinite(value) ? String(value) : yamlString(String(value), style);
  }
  return yamlString(value, style);
}

/** Comment lines for a (possibly multi-line) text, each `# ...` at `indent`; control characters are escaped. */
export function commentLines(text: string, indent: string): string[] {
  return text.split(/\r\n|[\r\n\u2028\u2029\u0085]/).map((line) => {
    const safe = escaped(line).trimEnd();
    return safe === '' ? `${indent}#` : `${indent}# ${safe}`;
  });
}
