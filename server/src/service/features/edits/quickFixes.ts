import type { FixData } from '../../findings/finding';
import type { FileFormat } from '../../../../../shared/fileNames';
import type { PlanDocument } from '../../document/planDocument';
import { getPair } from '../../syntax/ast';
import { yamlString } from '../../text/yamlText';

/** A text edit in offsets of one file. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** A quick fix: a title and the edits that repair the finding. */
export interface QuickFix {
  title: string;
  edits: OffsetEdit[];
}

/** The column of an offset (its distance from the start of its line). */
function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline === -1) return text.length;
  return newline > 0 && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
}

function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Turns a finding's fix data into edits of the file's text. */
export function quickFix(
  text: string,
  format: FileFormat,
  fix: FixData,
  doc: PlanDocument | undefined,
): QuickFix | undefined {
  switch (fix.kind) {
    case 'replace':
      return {
        title: fix.title,
        edits: [
          {
            start: fix.start,
            end: fix.end,
            newText: format === 'json' ? JSON.stringify(fix.text) : yamlString(fix.text, { flow: true }),
          },
        ],
      };
    case 'rewrite':
      return { title: fix.title, edits: [{ start: fix.start, end: fix.end, newText: fix.text }] };
    case 'insert-key':
      return { title: fix.title, edits: [insertKey(text, format, fix)] };
    case 'remove':
      return { title: fix.title, edits: [removeLines(text, format, fix.start, fix.end)] };
    case 'catalog-stub':
      return doc
        ? { title: fix.title, edits: [inlineSourceStub(text, format, doc, fix.sourceName)] }
        : undefined;
  }
}

/** Removes whole lines in YAML; in JSON the member and the comma that separates it. */
function removeLines(text: string, format: FileFormat, start: number, end: number): OffsetEdit {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const onlyIndent = text.slice(lineStart, start).trim() === '';
  if (format === 'json' || !onlyIndent) {
    const before = text.slice(0, start).search(/,\s*$/);
    if (before !== -1) return { start: before, end, newText: '' };
    const after = /^\s*,/.exec(text.slice(end));
    return { start, end: end + (after ? after[0].length : 0), newText: '' };
  }
  const newline = text.indexOf('\n', end);
  return { start: lineStart, end: newline === -1 ? text.length : newline + 1, newText: '' };
}

function insertKey(
  text: string,
  format: FileFormat,
  fix: Extract<FixData, { kind: 'insert-key' }>,
): OffsetEdit {
  const value = fix.value;
  if (format === 'json') {
    return {
      start: fix.after,
      end: fix.after,
      newText: `, ${JSON.stringify(fix.key)}: ${JSON.stringify(value)}`,
    };
  }
  const flow =
    text.slice(fix.anchor - 1, fix.anchor).trim() === '{' ||
    /\{\s*$/.test(text.slice(text.lastIndexOf('\n', fix.anchor) + 1, fix.anchor));
  if (flow) {
    return {
      start: fix.after,
      end: fix.after,
      newText: `, ${fix.key}: ${yamlString(value, { flow: true })}`,
    };
  }
  const indent = ' '.repeat(columnOf(text, fix.anchor));
  const at = lineEnd(text, fix.after);
  return {
    start: at,
    end: at,
    newText: `${eol(text)}${indent}${fix.key}: ${value === '' ? '' : yamlString(value)}`,
  };
}

/** Adds the unknown source to the plan's inline `sources:` (creating the list when needed). */
function inlineSourceStub(text: string, format: FileFormat, doc: PlanDocument, name: string): OffsetEdit {
  const nl = eol(text);
  const root = doc.root;
  const list = root ? getPair(root, 'sources') : undefined;
  if (format === 'json') {
    const entry = `{ "name": ${JSON.stringify(name)}, "features": [], "owner": { "name": "TODO-owner" } }`;
    if (list?.value?.kind === 'seq' && list.value.items.length > 0) {
      const last = list.value.items[list.value.items.length - 1]!;
      return { start: last.end, end: last.end, newText: `, ${entry}` };
    }
    const open = root ? root.start + 1 : 0;
    return { start: open, end: open, newText: ` "sources": [${entry}],` };
  }
  const stub = (indent: string): string =>
    `${indent}- name: ${yamlString(name)}${nl}${indent}  # TODO: the source's features (e.g. PROVISIONING), owner and aggregation schedule${nl}${indent}  features: []${nl}${indent}  owner: { name: TODO-owner }`;
  if (list?.value?.kind === 'seq' && list.value.items.length > 0) {
    const last = list.value.items[list.value.items.length - 1]!;
    const dash = text.lastIndexOf('-', last.start);
    const at = lineEnd(text, last.end);
    return { start: at, end: at, newText: `${nl}${stub(' '.repeat(columnOf(text, dash)))}` };
  }
  const requests = root ? getPair(root, 'accountRequests') : undefined;
  const at = requests ? requests.key.start - columnOf(text, requests.key.start) : doc.syntax.end;
  return { start: at, end: at, newText: `sources:${nl}${stub('  ')}${nl}` };
}
