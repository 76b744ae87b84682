import type { MergedCatalog, Origin } from '../../catalog/types';
import type { PlanDocument } from '../../document/planDocument';
import { fileTypeOf } from '../../../../../shared/fileNames';
import type { FileState } from '../../planService';
import type { Entry, EntryKind, PlanCatalog } from './catalogEntries';
import {
  catalogDocsOf,
  entriesOf,
  findEntry,
  originKey,
  planCatalogOf,
  siblingCatalog,
} from './catalogEntries';
import type { ResolvedSite } from './definition';
import { resolveSite } from './definition';
import { managedNodes, siteAt } from './nameSites';
import type { WorkspaceFiles } from './workspaceFiles';
import type { IsCancelled, Steps } from '../../work/steps';
import { runSteps } from '../../work/steps';

/** What a reference is: where the entry is declared, or a name that uses it. */
export type ReferenceRole = 'declaration' | 'request' | 'integration' | 'managed';

/** One place naming an entry, in offsets of its file. */
export interface Reference {
  file: string;
  start: number;
  end: number;
  role: ReferenceRole;
  /** True when the place names the entry by its id (a rename leaves it). */
  byId: boolean;
}

/** Everything known about an entry across the workspace: its declarations and every use. */
export interface EntryUses {
  set: EntrySet;
  /** The plan documents whose merged catalog holds the entry, with the merged entries that are it. */
  plans: { catalog: PlanCatalog; entries: ReadonlySet<Entry> }[];
  /** Declarations first, then uses, each group ordered by file and offset. */
  references: Reference[];
}

/**
 * The places an entry was written, closed under merging: an entry of another catalog that merges
 * with one of them (same name or id, docs/formats.md#merging) for some plan is the same source there.
 */
export class EntrySet {
  private readonly keys = new Set<string>();
  readonly origins: Origin[] = [];
  /** The names and ids the entry goes by, to skip files that cannot mention it. */
  readonly words = new Set<string>();

  constructor(readonly kind: EntryKind) {}

  /** Adds a place; true when it was new. */
  add(origin: Origin): boolean {
    const key = originKey(origin);
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    this.origins.push(origin);
    return true;
  }

  has(origin: Origin): boolean {
    return this.keys.has(originKey(origin));
  }

  intersects(origins: readonly Origin[]): boolean {
    return origins.some((origin) => this.has(origin));
  }

  /** Adds the name and id of a (merged) entry. */
  addWords(entry: Entry): void {
    if (entry.name !== '') this.words.add(entry.name);
    if (entry.id) this.words.add(entry.id);
  }

  /** True when a text may name the entry (a plain scalar may fold a name over lines, so words are checked one by one). */
  mayBeIn(text: string): boolean {
    for (const word of this.words) {
      if (text.includes(word) || word.split(/\s+/).every((part) => text.includes(part))) return true;
    }
    return false;
  }
}

/**
 * Find references at an offset: declarations (when asked), requests, and SDIMs managing a source.
 * Between files it asks `isCancelled`, and stops with `Cancelled` once the answer is no longer wanted.
 */
export function referencesAt(
  ws: WorkspaceFiles,
  file: FileState,
  offset: number,
  includeDeclaration: boolean,
  isCancelled?: IsCancelled,
): Reference[] | undefined {
  return runSteps(referenceSteps(ws, file, offset, includeDeclaration), isCancelled);
}

/** {@link referencesAt} as steps, one a file read, for a caller that gives way between them. */
export function* referenceSteps(
  ws: WorkspaceFiles,
  file: FileState,
  offset: number,
  includeDeclaration: boolean,
): Steps<Reference[] | undefined> {
  const doc = ws.service.documentAt(file, offset);
  const site = doc ? siteAt(doc, offset) : undefined;
  const resolved = site ? resolveSite(ws, file, site) : undefined;
  if (!site || !resolved) return undefined;
  const uses = yield* findUses(ws, resolved, site.value);
  return includeDeclaration ? uses.references : uses.references.filter((r) => r.role !== 'declaration');
}

/**
 * Finds every declaration and use of the entry a name designates, in open files and on disk; as
 * steps, one a file read.
 */
export function* findUses(ws: WorkspaceFiles, resolved: ResolvedSite, value: string): Steps<EntryUses> {
  const set = new EntrySet(resolved.kind);
  for (const origin of resolved.origins) set.add(origin);
  set.words.add(value);
  if (resolved.entry) set.addWords(resolved.entry);
  yield* growFromSiblings(ws, set);
  const plans = yield* scanPlans(ws, set);
  const references: Reference[] = sortReferences(
    set.origins.map((o) => ({
      file: o.file,
      start: o.nameStart,
      end: o.nameEnd,
      role: 'declaration',
      byId: false,
    })),
  );
  const uses = plans.flatMap(({ catalog, entries }) => requestUses(catalog, entries, set.kind));
  if (set.kind === 'source') uses.push(...(yield* managedUses(ws, set, plans)));
  references.push(...sortReferences(dedupe(uses)));
  return { set, plans, references };
}

/** Entries of the catalogs discovered beside each declaration that merge with it. */
function* growFromSiblings(ws: WorkspaceFiles, set: EntrySet): Steps<void> {
  const files = new Set(set.origins.map((o) => o.file).filter((file) => fileTypeOf(file)?.role !== 'plan'));
  for (const file of files) {
    yield;
    for (const entry of entriesOf(siblingCatalog(ws, file), set.kind)) {
      if (!set.intersects(entry.origins)) continue;
      for (const origin of entry.origins) set.add(origin);
      set.addWords(entry);
    }
  }
}

/** The plan documents whose merged catalog holds the entry; grows the set with what merges with it. */
function* scanPlans(ws: WorkspaceFiles, set: EntrySet): Steps<EntryUses['plans']> {
  const found = new Map<PlanDocument, EntryUses['plans'][number]>();
  const paths = ws.planPaths();
  // A round can add names (an entry merged by id under another name): files skipped for not
  // mentioning the earlier names are read again, until nothing new is learnt.
  for (let round = 0; round < 4; round++) {
    let grew = false;
    for (const planPath of paths) {
      yield;
      const state = ws.fileState(planPath, 'plan');
      if (!state || !set.mayBeIn(state.text)) continue;
      for (const doc of state.docs) {
        if (doc.kind !== 'plan' || found.has(doc)) continue;
        const catalog = planCatalogOf(ws, state, doc);
        const entries = matchingEntries(catalog, set);
        if (entries.size === 0) continue;
        found.set(doc, { catalog, entries });
        for (const entry of entries) {
          for (const origin of catalog.originsOf(entry, set.kind)) grew = set.add(origin) || grew;
          set.addWords(entry);
        }
      }
    }
    if (!grew) break;
  }
  return [...found.values()];
}

function matchingEntries(catalog: PlanCatalog, set: EntrySet): Set<Entry> {
  const entries = new Set<Entry>();
  if (!catalog.catalog) return entries;
  for (const entry of entriesOf(catalog.catalog, set.kind)) {
    if (set.intersects(catalog.originsOf(entry, set.kind))) entries.add(entry);
  }
  return entries;
}

/** The requests of a plan document naming one of `entries`. */
function requestUses(catalog: PlanCatalog, entries: ReadonlySet<Entry>, kind: EntryKind): Reference[] {
  const merged = catalog.catalog;
  if (!merged) return [];
  const uses: Reference[] = [];
  for (const state of catalog.doc.requests) {
    const field = kind === 'source' ? state.view?.source : state.view?.ticketing?.integration;
    if (!field) continue;
    const entry = findEntry(merged, kind, field.value);
    if (!entry || !entries.has(entry)) continue;
    const role = kind === 'source' ? 'request' : 'integration';
    uses.push({
      file: catalog.file.path,
      start: field.node.start,
      end: field.node.end,
      role,
      byId: field.value !== entry.name,
    });
  }
  return uses;
}

/**
 * SDIMs that manage the source, in every catalog file of the workspace and every catalog the plans
 * merge: a `managedSources` name is read against the catalogs beside its file, and against the
 * merged catalog of each plan using that file.
 */
function* managedUses(ws: WorkspaceFiles, set: EntrySet, plans: EntryUses['plans']): Steps<Reference[]> {
  const files = new Set([
    ...ws.catalogPaths(),
    ...set.origins.map((o) => o.file),
    ...plans.flatMap((p) => p.catalog.files),
  ]);
  const uses: Reference[] = [];
  for (const file of files) {
    yield;
    const state = ws.fileState(file, fileTypeOf(file)?.role ?? 'catalog');
    const names = catalogDocsOf(state)
      .flatMap(managedNodes)
      .filter(({ value }) => set.words.has(value));
    if (!state || names.length === 0) continue;
    const contexts: { catalog: MergedCatalog; originsOf: (entry: Entry) => Origin[] }[] = [
      { catalog: siblingCatalog(ws, file), originsOf: (entry) => entry.origins },
    ];
    for (const plan of plans) {
      if (plan.catalog.files.includes(file)) {
        contexts.push({
          catalog: plan.catalog.catalog!,
          originsOf: (entry) => plan.catalog.originsOf(entry, 'source'),
        });
      }
    }
    for (const { node, value } of names) {
      const entry = contexts
        .map((context) => ({ entry: context.catalog.findSource(value), context }))
        .find(({ entry, context }) => entry !== undefined && set.intersects(context.originsOf(entry)))?.entry;
      if (entry) {
        uses.push({ file, start: node.start, end: node.end, role: 'managed', byId: value !== entry.name });
      }
    }
  }
  return uses;
}

function dedupe(references: Reference[]): Reference[] {
  const seen = new Set<string>();
  return references.filter((r) => {
    const key = `${r.start}\u0000${r.file}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortReferences(references: Reference[]): Reference[] {
  return references.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start));
}
