/** Markdown helpers: text from plans and catalogs is always escaped, never interpreted. */

/**
 * Escapes text so that markdown shows it literally, wherever in a line it lands (also at the start
 * of a line or of a list item). Only what markdown would interpret is escaped, because some
 * clients (Neovim, Helix) show a hover's escapes as typed: `payroll.admin` and `flat-file (file)`
 * stay as they are. Links, images, autolinks, HTML, entities, code, emphasis and tables cannot be
 * made from the text; line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  const inline = text
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*[\]<|~]/g, (c) => `\\${c}`)
    .replace(/_/g, (c, at: number, all: string) => (intraword(all, at) ? c : '\\_'))
    .replace(/&(?=#?\w+;)/g, '\\&')
    .replace(/:\/\//g, '\\://')
    .replace(/\bwww\./gi, (www) => `${www.slice(0, 3)}\\.`);
  return inline.replace(
    /^(\s*)(?:([#>+\-=])|(\d+)([.)]))/,
    (_match, space: string, mark?: string, digits?: string, after?: string) =>
      mark ? `${space}\\${mark}` : `${space}${digits ?? ''}\\${after ?? ''}`,
  );
}

/** Whether the character at `at` sits between two letters or digits (where `_` cannot emphasise). */
function intraword(text: string, at: number): boolean {
  return /[\p{L}\p{N}]/u.test(text[at - 1] ?? '') && /[\p{L}\p{N}]/u.test(text[at + 1] ?? '');
}

/** Inline code that survives backticks inside the text. */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\r?\n/g, ' ')}${pad}${fence}`;
}
