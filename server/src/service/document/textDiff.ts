import type { TextChange } from './reparse';

/** How many characters are compared at once before the exact place is searched character by character. */
const BLOCK = 1024;

/**
 * The one change that turns `before` into `after`: everything between their common beginning (cut
 * back to the start of its line) and their common end. An editor that sends the whole text on each keystroke (Vim- and Emacs-style
 * clients, some LSP libraries) then costs what the keystroke's ranged change costs. Linear in the
 * text, block by block (string comparison is native), so a 2 MB text takes about a millisecond.
 */
export function changeBetween(before: string, after: string): TextChange {
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (
    prefix + BLOCK <= shorter &&
    before.slice(prefix, prefix + BLOCK) === after.slice(prefix, prefix + BLOCK)
  ) {
    prefix += BLOCK;
  }
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  // From the start of the line: a line inserted before `  - source:` is then the line it is, not
  // `# note\n  ` inserted after the next line's indentation, which the re-parse of requests declines.
  prefix = prefix === 0 ? 0 : before.lastIndexOf('\n', prefix - 1) + 1;
  const room = shorter - prefix;
  let suffix = 0;
  const blockAt = (text: string, n: number): string => text.slice(text.length - n - BLOCK, text.length - n);
  while (suffix + BLOCK <= room && blockAt(before, suffix) === blockAt(after, suffix)) suffix += BLOCK;
  while (
    suffix < room &&
    before.charCodeAt(before.length - suffix - 1) === after.charCodeAt(after.length - suffix - 1)
  ) {
    suffix++;
  }
  return { start: prefix, end: before.length - suffix, text: after.slice(prefix, after.length - suffix) };
}
