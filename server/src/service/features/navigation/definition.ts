import * as path from 'path';
import { readInlineSources } from '../../catalog/read';
import type { Origin } from '../../catalog/types';
import type { FileState } from '../../planService';
import type { Entry, EntryKind } from './catalogEntries';
import { catalogDocsOf, contentEntries, findEntry, planCatalogOf, siblingCatalog } from './catalogEntries';
import type { Site } from './nameSites';
import { siteAt } from './nameSites';
import type { WorkspaceFiles } from './workspaceFiles';

/** A place in a file, in offsets: the whole of it, and the part to select (a name). */
export interface Target {
  file: string;
  start: number;
  end: number;
  selectionStart: number;
  selectionEnd: number;
}

/** Where a name leads: the name's own offsets and its definitions. */
export interface DefinitionResult {
  originStart: number;
  originEnd: number;
  targets: Target[];
}

/** The catalog entry a name designates, every place it was written (current offsets), in merge order. */
export interface ResolvedSite {
  kind: EntryKind;
  origins: Origin[];
  /** The merged entry, when the name was read in a merged catalog. */
  entry?: Entry;
  /** True when the name is the entry's id, not its name. */
  byId: boolean;
}

/**
 * Go to definition. From a request's `source:` or `ticketing.integration`, every place the entry
 * was written, in merge order: a merged entry takes fields from each of them (an export gives the
 * id and features, a hand-written catalog the schedule...), so showing only the last would hide
 * where the rest comes from; a client jumps directly when there is only one. From an SDIM's
 * managed source, that source; from a `catalog:` path, the file; from an entry's name, itself (so
 * that editors offer its references instead).
 */
export function definitionAt(
  ws: WorkspaceFiles,
  file: FileState,
  offset: number,
): DefinitionResult | undefined {
  const doc = ws.service.documentAt(file, offset);
  const site = doc ? siteAt(doc, offset) : undefined;
  if (!site) return undefined;
  const result = (targets: Target[]): DefinitionResult | undefined =>
    targets.length > 0 ? { originStart: site.node.start, originEnd: site.node.end, targets } : undefined;
  if (site.type === 'catalog-ref') {
    const target = path.resolve(path.dirname(file.path), site.value);
    return result(
      ws.textOf(target) === undefined
        ? []
        : [{ file: target, start: 0, end: 0, selectionStart: 0, selectionEnd: 0 }],
    );
  }
  const resolved = resolveSite(ws, file, site);
  return result(resolved ? resolved.origins.map(targetOf) : []);
}

/** The entry a name at the cursor designates, if a catalog defines it. */
export function resolveSite(ws: WorkspaceFiles, file: FileState, site: Site): ResolvedSite | undefined {
  switch (site.type) {
    case 'request-source':
    case 'integration': {
      const kind: EntryKind = site.type === 'request-source' ? 'source' : 'integration';
      const catalog = planCatalogOf(ws, file, site.doc);
      const entry = catalog.catalog ? findEntry(catalog.catalog, kind, site.value) : undefined;
      if (!entry) return undefined;
      return { kind, origins: catalog.originsOf(entry, kind), entry, byId: site.value !== entry.name };
    }
    case 'entry': {
      const origin = entryOrigin(file, site);
      return origin ? { kind: site.kind, origins: [origin], byId: false } : undefined;
    }
    case 'managed': {
      const entry = siblingCatalog(ws, file.path).findSource(site.value);
      if (!entry) return undefined;
      return { kind: 'source', origins: entry.origins, entry, byId: site.value !== entry.name };
    }
    case 'catalog-ref':
      return undefined;
  }
}

/** Where the entry whose name is at a site was written, read from the current tree. */
function entryOrigin(file: FileState, site: Extract<Site, { type: 'entry' }>): Origin | undefined {
  const entries =
    site.doc.kind === 'plan'
      ? readInlineSources(file.path, site.doc.inlineSources).sources
      : catalogDocsOf(file)
          .filter((doc) => doc === site.doc)
          .flatMap((doc) => contentEntries(doc.content!, site.kind));
  return entries.find((entry) => entry.origins[0]?.nameStart === site.node.start)?.origins[0];
}

/** A definition target: the whole entry, its name selected. */
export function targetOf(origin: Origin): Target {
  return {
    file: origin.file,
    start: origin.start,
    end: origin.end,
    selectionStart: origin.nameStart,
    selectionEnd: origin.nameEnd,
  };
}
