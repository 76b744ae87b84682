import { parse } from 'yaml';
import type { FileFormat } from '../../../../../shared/fileNames';

/** As the service parses YAML; silent, as a language server's stdout is its protocol channel. */
const YAML_OPTIONS = { version: '1.2', schema: 'core', strict: true, logLevel: 'silent' } as const;

/**
 * The text that replaces a string scalar written as `original` so that it reads as `value`, in the
 * style of the original where that stays valid: JSON strings in JSON; in YAML, the original's quotes,
 * or no quotes when the original had none and the value reads back as the same string both in a
 * block and in a flow collection (`[a, b]`, `{ source: a }`).
 */
export function scalarText(original: string, value: string, format: FileFormat): string {
  if (format === 'json') return JSON.stringify(value);
  if (original.startsWith('"') || hasControlCharacter(value)) return JSON.stringify(value);
  if (original.startsWith("'")) return singleQuoted(value);
  return readsBackPlain(value) ? value : singleQuoted(value);
}

/** True when a text holds a line break, a tab or another control character (only double quotes can write them). */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x85 || code === 0x2028 || code === 0x2029) return true;
  }
  return false;
}

function singleQuoted(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** True when `value` written without quotes reads back as that same string everywhere a name may sit. */
function readsBackPlain(value: string): boolean {
  if (value === '' || value !== value.trim()) return false;
  try {
    const block = parse(`k: ${value}\n`, YAML_OPTIONS) as unknown;
    const flow = parse(`[${value}, { k: ${value} }]\n`, YAML_OPTIONS) as unknown;
    if (!isRecord(block) || block.k !== value) return false;
    if (!Array.isArray(flow) || flow.length !== 2 || flow[0] !== value) return false;
    return isRecord(flow[1]) && flow[1].k === value;
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
