import { parse } from 'yaml';
import type { Range } from '../../helpers';
import { crlf, rangeOf } from '../../helpers';

/**
 * Derives the JSON and CRLF variants of a YAML test text, and the place of a needle in each, so
 * that one table row checks a rule in YAML and JSON with LF and CRLF line endings.
 */

/** Objects and lists whose inline JSON fits in this many characters stay on one line. */
const INLINE_WIDTH = 110;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The JSON text of a YAML text: short collections on one line (like YAML flow style), the rest indented by two. */
export function toJsonText(yamlText: string): string {
  const value = parse(yamlText) as Json;
  return `${render(value, '')}\n`;
}

function inline(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`);
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}

function render(value: Json, indent: string): string {
  const flat = inline(value);
  if (value === null || typeof value !== 'object' || indent.length + flat.length <= INLINE_WIDTH) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + render(v, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${render(v, inner)}`);
  return `{\n${entries.join(',\n')}\n${indent}}`;
}

/** The JSON text of a YAML needle: a scalar (or key) as JSON writes it, e.g. `Modfy` -> `"Modfy"`, `'0 0 25 * * ?'` -> `"0 0 25 * * ?"`. */
export function jsonNeedle(yamlNeedle: string): string {
  return JSON.stringify(parse(yamlNeedle) as Json);
}

export type Format = 'yaml' | 'json';
export type Eol = 'LF' | 'CRLF';

/** One concrete text to check: its format, line endings, and where the finding must be. */
export interface Variant {
  format: Format;
  eol: Eol;
  text: string;
  range: Range;
}

/** A text in one format with the needle (and its occurrence) whose range the finding must have. */
export interface Located {
  text: string;
  needle: string;
  occurrence?: number;
}

/** The LF and CRLF variants of a located text. */
export function withLineEndings(format: Format, located: Located): Variant[] {
  return (['LF', 'CRLF'] as const).map((eol) => {
    const text = eol === 'LF' ? located.text : crlf(located.text);
    return { format, eol, text, range: rangeOf(text, located.needle, located.occurrence ?? 1) };
  });
}
