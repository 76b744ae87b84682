import * as path from 'path';
import { mergeCatalogs } from '../../catalog/merge';
import { readInlineSources } from '../../catalog/read';
import type {
  CatalogContent,
  CatalogShape,
  CatalogSource,
  MergedCatalog,
  Origin,
  ServiceDeskIntegration,
} from '../../catalog/types';
import type { CatalogDocument } from '../../document/catalogDocument';
import type { PlanDocument } from '../../document/planDocument';
import { CATALOG_FILE, fileTypeOf } from '../../../../../shared/fileNames';
import type { FileState } from '../../planService';
import type { WorkspaceFiles } from './workspaceFiles';

/** What a name designates: a source or a service desk integration (SDIM). */
export type EntryKind = 'source' | 'integration';

/** A merged or single catalog entry of either kind. */
export type Entry = CatalogSource | ServiceDeskIntegration;

/** Identifies where an entry was written: its file and the offset of its name in the current text. */
export function originKey(origin: Origin): string {
  return `${origin.nameStart}\u0000${origin.file}`;
}

/** The entries of one kind of a merged catalog. */
export function entriesOf(catalog: MergedCatalog, kind: EntryKind): readonly Entry[] {
  return kind === 'source' ? catalog.sources : catalog.serviceDeskIntegrations;
}

/** Looks an entry up by name or id. */
export function findEntry(catalog: MergedCatalog, kind: EntryKind, key: string): Entry | undefined {
  return kind === 'source' ? catalog.findSource(key) : catalog.findIntegration(key);
}

/**
 * A plan document's merged catalog with current origins. Origins of catalog files are current
 * (the resolver re-reads a file whenever its text changes), but the merge of inline `sources:` is
 * cached by their text: after an edit above them it still holds their former offsets, or even
 * another plan's path. Inline origins are therefore re-read from the document's own tree.
 */
export class PlanCatalog {
  readonly catalog: MergedCatalog | undefined;
  /** The catalog files merged for the document, in order. */
  readonly files: readonly string[];
  private readonly fileSet: ReadonlySet<string>;
  private inline: CatalogSource[] | undefined;

  constructor(
    readonly file: FileState,
    readonly doc: PlanDocument,
    resolved: { catalog: MergedCatalog | undefined; files: string[] },
  ) {
    this.catalog = resolved.catalog;
    this.files = resolved.files;
    this.fileSet = new Set(resolved.files);
  }

  /** Where a merged entry was written, every origin current, in merge order. */
  originsOf(entry: Entry, kind: EntryKind): Origin[] {
    const fromFiles = entry.origins.filter((origin) => this.fileSet.has(origin.file));
    if (kind === 'integration') return fromFiles;
    const inline = this.inlineSources().filter(
      (source) => source.name === entry.name || (source.id !== undefined && source.id === entry.id),
    );
    return [...fromFiles, ...inline.map((source) => source.origins[0]!)];
  }

  /** The inline sources of the document, read from its current tree. */
  inlineSources(): CatalogSource[] {
    this.inline ??= this.doc.inlineSources
      ? readInlineSources(this.file.path, this.doc.inlineSources).sources
      : [];
    return this.inline;
  }
}

/** The catalog of a plan document as navigation sees it. */
export function planCatalogOf(ws: WorkspaceFiles, file: FileState, doc: PlanDocument): PlanCatalog {
  return new PlanCatalog(file, doc, ws.service.catalogsOf(file, doc));
}

/** The catalog documents of a file (SourceCatalog documents of plan files included). */
export function catalogDocsOf(state: FileState | undefined): CatalogDocument[] {
  return (state?.docs ?? []).filter(
    (doc): doc is CatalogDocument => doc.kind === 'catalog' && doc.content !== undefined,
  );
}

/** The entries of one kind written in a catalog document. */
export function contentEntries(content: CatalogContent, kind: EntryKind): readonly Entry[] {
  return kind === 'source' ? content.sources : content.serviceDeskIntegrations;
}

/** What the document of a file holding an offset was recognised as; `inline` for a plan's own `sources:`. */
export function shapeAt(ws: WorkspaceFiles, file: string, offset: number): CatalogShape | undefined {
  const state = ws.fileState(file, fileTypeOf(file)?.role ?? 'catalog');
  for (const doc of state?.docs ?? []) {
    if (offset < doc.syntax.start || offset > doc.syntax.end) continue;
    if (doc.kind === 'plan') return 'inline';
    if (doc.kind === 'catalog') return doc.content?.shape;
  }
  return undefined;
}

/** True for the shapes that describe the tenant as ISC exported it (docs/formats.md#exports). */
export function isTenantExport(shape: CatalogShape | undefined): boolean {
  return shape !== undefined && shape !== 'source-catalog' && shape !== 'inline';
}

/**
 * The catalog a catalog file's own names (`managedSources`) are read against: the catalogs a plan
 * beside it would discover (its folder and each parent up to the workspace root, docs/formats.md#catalog-discovery),
 * with the file itself included even when it is a tenant export of another name.
 */
export function siblingCatalog(ws: WorkspaceFiles, catalogPath: string): MergedCatalog {
  const { service, host } = ws;
  const root = service.settings.rootFor ? service.settings.rootFor(catalogPath) : service.settings.root;
  const folders: string[] = [];
  let dir = path.dirname(catalogPath);
  for (;;) {
    folders.unshift(dir);
    const parent = path.dirname(dir);
    if (
      !root ||
      dir === path.resolve(root) ||
      parent === dir ||
      path.relative(root, parent).startsWith('..')
    ) {
      break;
    }
    dir = parent;
  }
  const files: string[] = [];
  for (const folder of folders) {
    const names = (host.listFiles(folder) ?? []).filter((name) => CATALOG_FILE.test(name)).sort();
    files.push(...names.map((name) => path.join(folder, name)));
  }
  if (!files.includes(catalogPath)) files.push(catalogPath);
  const contents = files.flatMap((file) =>
    catalogDocsOf(ws.fileState(file, 'catalog')).map((doc) => doc.content!),
  );
  return mergeCatalogs(contents);
}
