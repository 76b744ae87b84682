import * as path from 'path';
import { readInlineSources } from '../../catalog/read';
import type { Origin } from '../../catalog/types';
import type { FileFormat } from '../../../../../shared/fileNames';
import { fileTypeOf } from '../../../../../shared/fileNames';
import type { FileState } from '../../planService';
import type { Entry, EntryKind } from './catalogEntries';
import { catalogDocsOf, contentEntries, entriesOf, isTenantExport, shapeAt } from './catalogEntries';
import type { ResolvedSite } from './definition';
import { resolveSite } from './definition';
import type { EntryUses } from './references';
import { findUses } from './references';
import { hasControlCharacter, scalarText } from '../edits/scalarText';
import type { Site } from './nameSites';
import { siteAt } from './nameSites';
import type { WorkspaceFiles } from './workspaceFiles';
import type { IsCancelled, Steps } from '../../work/steps';
import { runSteps } from '../../work/steps';

/** One replacement in a file, in offsets of its current text. */
export interface FileEdit {
  file: string;
  start: number;
  end: number;
  newText: string;
}

/** Either what the rename may change (the name at the cursor, its current text), or why it may not. */
export type PrepareRenameResult = { start: number; end: number; placeholder: string } | { error: string };

/** Either every edit of the rename, ordered by file and offset, or why it may not be done. */
export type RenameResult = { edits: FileEdit[] } | { error: string };

interface Renamable {
  site: Site;
  resolved: ResolvedSite;
}

/** Checks that the name at an offset can be renamed (undefined when no renamable name is there). */
export function prepareRenameAt(
  ws: WorkspaceFiles,
  file: FileState,
  offset: number,
): PrepareRenameResult | undefined {
  const found = renamableAt(ws, file, offset);
  if (!found || 'error' in found) return found;
  return { start: found.site.node.start, end: found.site.node.end, placeholder: found.site.value };
}

/**
 * Renames a source or an SDIM: its name in every catalog entry that is it (entries that merge with
 * it included, so that they go on merging) and every request, ticketing block and `managedSources`
 * item naming it, in open files and on disk. Names given as ids stay. Refused when the new name
 * is empty or taken, or when a tenant export would have to change. Between files it asks
 * `isCancelled`, and stops with `Cancelled` once the rename is no longer wanted.
 */
export function renameAt(
  ws: WorkspaceFiles,
  file: FileState,
  offset: number,
  newName: string,
  isCancelled?: IsCancelled,
): RenameResult | undefined {
  return runSteps(renameSteps(ws, file, offset, newName), isCancelled);
}

/** {@link renameAt} as steps, one a file read, for a caller that gives way between them. */
export function* renameSteps(
  ws: WorkspaceFiles,
  file: FileState,
  offset: number,
  newName: string,
): Steps<RenameResult | undefined> {
  const found = renamableAt(ws, file, offset);
  if (!found || 'error' in found) return found;
  const { site, resolved } = found;
  const invalid = invalidName(newName, resolved.kind);
  if (invalid) return { error: invalid };
  const uses = yield* findUses(ws, resolved, site.value);
  const refused =
    exportProblem(ws, uses.set.origins, resolved.kind) ?? exportUse(ws, uses) ?? nameTaken(ws, uses, newName);
  if (refused) return { error: refused };
  return { edits: yield* editsFor(ws, uses, newName) };
}

/** The replacement of each reference by name (ids stay), ordered by file and offset; one step a file. */
function* editsFor(ws: WorkspaceFiles, uses: EntryUses, newName: string): Steps<FileEdit[]> {
  const edits: FileEdit[] = [];
  const files = new Map<string, { text: string; format: FileFormat } | undefined>();
  // The replacement depends only on the format and the original's quotes: thousands of requests naming one source share it.
  const written = new Map<string, string>();
  for (const reference of uses.references) {
    if (reference.byId) continue;
    if (!files.has(reference.file)) {
      yield;
      const text = ws.textOf(reference.file);
      const format = ws.fileState(reference.file, roleOf(reference.file))?.type.format;
      files.set(reference.file, text !== undefined && format ? { text, format } : undefined);
    }
    const file = files.get(reference.file);
    if (!file) continue;
    const original = file.text.slice(reference.start, reference.end);
    const style = `${file.format}${original.startsWith('"') ? '"' : original.startsWith("'") ? "'" : ''}`;
    let newText = written.get(style);
    if (newText === undefined) written.set(style, (newText = scalarText(original, newName, file.format)));
    if (newText !== original) {
      edits.push({ file: reference.file, start: reference.start, end: reference.end, newText });
    }
  }
  return edits.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start));
}

function renamableAt(
  ws: WorkspaceFiles,
  file: FileState,
  offset: number,
): Renamable | { error: string } | undefined {
  const doc = ws.service.documentAt(file, offset);
  const site = doc ? siteAt(doc, offset) : undefined;
  if (!site || site.type === 'catalog-ref') return undefined;
  const kind: EntryKind =
    site.type === 'integration' || (site.type === 'entry' && site.kind === 'integration')
      ? 'integration'
      : 'source';
  const resolved = resolveSite(ws, file, site);
  if (!resolved) {
    return {
      error: `No catalog defines the ${noun(kind)} "${site.value}", so there is nothing to rename. Add it to a catalog first, or correct the name.`,
    };
  }
  if (resolved.byId) {
    const name = resolved.entry?.name ?? '';
    return {
      error: `"${site.value}" is the ${noun(kind)}'s id, which comes from ISC and is not renamed. Rename it from its name${name ? ` ("${name}")` : ''}.`,
    };
  }
  const refused = exportProblem(ws, resolved.origins, kind);
  return refused ? { error: refused } : { site, resolved };
}

/**
 * A tenant export records the tenant as ISC gave it: renaming an entry there would make the file
 * disagree with the tenant, and the next export would bring the old name back, silently
 * splitting the entry from the hand-written one that completes it. The name is ISC's to change.
 */
function exportProblem(ws: WorkspaceFiles, origins: readonly Origin[], kind: EntryKind): string | undefined {
  const inExport = origins.find((origin) => isTenantExport(shapeAt(ws, origin.file, origin.start)));
  if (!inExport) return undefined;
  const file = path.basename(inExport.file);
  return `This ${noun(kind)} comes from the tenant export ${file}, which records the tenant as ISC exported it: renaming it there would make the export disagree with the tenant, and the next export would bring the old name back. Rename the ${noun(kind)} in ISC, then export it again.`;
}

/** An export's SDIM naming the source (not by id) would have to change too. */
function exportUse(ws: WorkspaceFiles, uses: EntryUses): string | undefined {
  const named = uses.references.find(
    (r) => r.role === 'managed' && !r.byId && isTenantExport(shapeAt(ws, r.file, r.start)),
  );
  if (!named) return undefined;
  return `The tenant export ${path.basename(named.file)} names this source in an SDIM's managed sources; renaming would make the export disagree with the tenant. Rename the source in ISC, then export again.`;
}

function invalidName(name: string, kind: EntryKind): string | undefined {
  if (name.trim() === '') return `A ${noun(kind)} needs a name; the new name is empty.`;
  if (name !== name.trim()) {
    return `"${name}" starts or ends with spaces, which are easy to miss and make names that look alike differ. Remove them.`;
  }
  if (hasControlCharacter(name)) {
    return `A ${noun(kind)} name is one line of text, without tabs or control characters.`;
  }
  return undefined;
}

/** Another entry of the same catalog (or of a plan's merged catalogs) already goes by the new name. */
function nameTaken(ws: WorkspaceFiles, uses: EntryUses, newName: string): string | undefined {
  const { set } = uses;
  const takes = (entry: Entry): boolean => entry.name === newName || entry.id === newName;
  for (const file of new Set(set.origins.map((o) => o.file))) {
    const other = entriesWrittenIn(ws, file, set.kind).find(
      (entry) => takes(entry) && !set.intersects(entry.origins),
    );
    if (other) {
      return `Another ${noun(set.kind)} of ${path.basename(file)} is already named "${newName}"; two entries of one name would merge into one. Choose another name.`;
    }
  }
  for (const { catalog, entries } of uses.plans) {
    const merged = catalog.catalog;
    const other = merged
      ? entriesOf(merged, set.kind).find((entry) => takes(entry) && !entries.has(entry))
      : undefined;
    if (other) {
      const where = path.basename(other.origins[other.origins.length - 1]?.file ?? catalog.file.path);
      return `The plan ${path.basename(catalog.file.path)} already knows another ${noun(set.kind)} named "${newName}" (from ${where}); the two would merge into one. Choose another name.`;
    }
  }
  return undefined;
}

/** The entries of one kind written in a file: its catalog documents, or a plan's inline sources. */
function entriesWrittenIn(ws: WorkspaceFiles, file: string, kind: EntryKind): Entry[] {
  const state = ws.fileState(file, roleOf(file));
  const entries: Entry[] = catalogDocsOf(state).flatMap((doc) => [...contentEntries(doc.content!, kind)]);
  if (kind === 'source') {
    for (const doc of state?.docs ?? []) {
      if (doc.kind === 'plan') entries.push(...readInlineSources(file, doc.inlineSources).sources);
    }
  }
  return entries;
}

function roleOf(file: string): 'plan' | 'catalog' {
  return fileTypeOf(file)?.role ?? 'catalog';
}

function noun(kind: EntryKind): string {
  return kind === 'source' ? 'source' : 'service desk integration';
}
