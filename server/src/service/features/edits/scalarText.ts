import type { FileFormat } from '../../../../../shared/fileNames';
import { yamlString } from '../../text/yamlText';

/**
 * The text that replaces a string scalar written as `original` so that it reads as `value`, in the
 * style of the original where that stays valid: JSON strings in JSON; in YAML, the original's quotes
 * (single ones give way to double ones for a value only escapes can carry), or no quotes when the
 * original had none and the value reads back as the same string both in a block and in a flow
 * collection (`[a, b]`, `{ source: a }`).
 */
export function scalarText(original: string, value: string, format: FileFormat): string {
  if (format === 'json') return JSON.stringify(value);
  const quote = original[0];
  return yamlString(value, { flow: true, quote: quote === '"' || quote === "'" ? quote : undefined });
}

/** True when a text holds a line break, a tab or another control character: none of them belongs in a name. */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x85 || code === 0x2028 || code === 0x2029) return true;
  }
  return false;
}
