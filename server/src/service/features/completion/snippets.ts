/**
 * Scalars and schema `defaultSnippets` written as YAML (block style) or JSON, indented for the
 * place they are inserted at. Snippet bodies are JSON values whose strings may hold VS Code
 * placeholders (`${1:Active Directory}`); a leading `^` means "insert unquoted" (numbers).
 */

import { canBePlain, yamlString } from '../../text/yamlText';

const PLACEHOLDER = /\$\{(\d+)(?::([^}]*))?\}|\$(\d+)/g;

/** Escapes literal text for snippet syntax. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** A snippet ready to insert: its text, whether it holds placeholders, and a plain preview. */
export interface RenderedSnippet {
  text: string;
  snippet: boolean;
  preview: string;
}

type Mode = 'snippet' | 'plain' | 'preview';
type Body = unknown;

function isObject(value: Body): value is Record<string, Body> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasPlaceholder(value: Body): boolean {
  if (typeof value === 'string') return new RegExp(PLACEHOLDER.source).test(value);
  if (Array.isArray(value)) return value.some(hasPlaceholder);
  return isObject(value) && Object.values(value).some(hasPlaceholder);
}

function withDefaults(text: string): string {
  return text.replace(
    PLACEHOLDER,
    (_m, _n: string | undefined, fallback: string | undefined) => fallback ?? '',
  );
}

/** One scalar of a body in the given format and mode. */
function scalar(value: Body, format: 'yaml' | 'json', mode: Mode): string {
  if (typeof value !== 'string') return JSON.stringify(value ?? null);
  const raw = value.startsWith('^');
  const text = raw ? value.slice(1) : value;
  const literal = !new RegExp(PLACEHOLDER.source).test(text);
  if (literal || mode === 'preview') {
    const shown = withDefaults(text);
    const written = raw ? shown : format === 'json' ? JSON.stringify(shown) : yamlString(shown);
    return mode === 'snippet' ? escapeSnippet(written) : written;
  }
  if (raw) return text;
  if (format === 'json') return `"${text}"`;
  const shown = withDefaults(text);
  return shown !== '' && !canBePlain(shown) ? `'${text}'` : text;
}

function key(name: string, format: 'yaml' | 'json', mode: Mode): string {
  const written = format === 'json' ? JSON.stringify(name) : yamlString(name);
  return mode === 'snippet' ? escapeSnippet(written) : written;
}

function yamlMapLines(map: Record<string, Body>, column: number, mode: Mode, out: string[]): void {
  const pad = ' '.repeat(column);
  for (const [name, value] of Object.entries(map)) {
    const k = key(name, 'yaml', mode);
    if (isObject(value) && Object.keys(value).length > 0) {
      out.push(`${pad}${k}:`);
      yamlMapLines(value, column + 2, mode, out);
    } else if (Array.isArray(value) && value.length > 0) {
      out.push(`${pad}${k}:`);
      yamlSeqLines(value, column + 2, mode, out);
    } else {
      out.push(
        `${pad}${k}: ${isObject(value) ? '{}' : Array.isArray(value) ? '[]' : scalar(value, 'yaml', mode)}`,
      );
    }
  }
}

function yamlSeqLines(items: Body[], column: number, mode: Mode, out: string[]): void {
  const pad = ' '.repeat(column);
  for (const item of items) {
    if (isObject(item) && Object.keys(item).length > 0) {
      const lines: string[] = [];
      yamlMapLines(item, column + 2, mode, lines);
      lines[0] = `${pad}- ${lines[0]!.trimStart()}`;
      out.push(...lines);
    } else if (Array.isArray(item) && item.length > 0) {
      out.push(`${pad}-`);
      yamlSeqLines(item, column + 2, mode, out);
    } else {
      out.push(`${pad}- ${scalar(item, 'yaml', mode)}`);
    }
  }
}

/**
 * A body as block YAML for a cursor at `column`: the first line starts at the cursor, the others
 * carry their full indentation. With `item`, the body becomes a new sequence item (`- ` first).
 */
export function yamlSnippet(body: Body, column: number, item = false): RenderedSnippet {
  const render = (mode: Mode): string => {
    const lines: string[] = [];
    const start = item ? column + 2 : column;
    if (isObject(body)) yamlMapLines(body, start, mode, lines);
    else lines.push(`${' '.repeat(start)}${scalar(body, 'yaml', mode)}`);
    lines[0] = `${item ? '- ' : ''}${lines[0]!.trimStart()}`;
    return lines.join('\n');
  };
  const snippet = hasPlaceholder(body);
  return { text: render(snippet ? 'snippet' : 'plain'), snippet, preview: render('preview') };
}

function jsonValue(value: Body, indent: string, mode: Mode): string {
  const inner = `${indent}  `;
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${key(k, 'json', mode)}: ${jsonValue(v, inner, mode)}`).join(',\n')}\n${indent}}`;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (!value.some((v) => typeof v === 'object' && v !== null)) {
      return `[${value.map((v) => scalar(v, 'json', mode)).join(', ')}]`;
    }
    return `[\n${value.map((v) => `${inner}${jsonValue(v, inner, mode)}`).join(',\n')}\n${indent}]`;
  }
  return scalar(value, 'json', mode);
}

/**
 * A body as JSON for a cursor on a line indented by `indent`. With `inner`, only the properties
 * (for a cursor inside an empty `{}`), the first one starting at the cursor.
 */
export function jsonSnippet(body: Body, indent: string, inner = false): RenderedSnippet {
  const render = (mode: Mode): string => {
    if (!inner || !isObject(body)) return jsonValue(body, indent, mode);
    return Object.entries(body)
      .map(([k, v], i) => `${i === 0 ? '' : indent}${key(k, 'json', mode)}: ${jsonValue(v, indent, mode)}`)
      .join(',\n');
  };
  const snippet = hasPlaceholder(body);
  return { text: render(snippet ? 'snippet' : 'plain'), snippet, preview: render('preview') };
}
