import type {
  CatalogContent,
  CatalogSource,
  MergedCatalog,
  ServiceDeskIntegration,
  StatusCheck,
} from './types';

type Entry = CatalogSource | ServiceDeskIntegration;

/**
 * Merges catalogs in order (docs/formats.md#merging): an entry whose name or id matches an earlier one
 * completes and overrides it field by field (nested blocks too; lists are replaced), so a small
 * hand-written file can add schedules, schemas and timings to a tenant export.
 */
export function mergeCatalogs(contents: readonly CatalogContent[]): MergedCatalog {
  const sources: CatalogSource[] = [];
  const integrations: ServiceDeskIntegration[] = [];
  let statusCheck: StatusCheck = {};
  let timeZone: string | undefined;
  let identityRefresh: MergedCatalog['identityRefresh'];
  for (const content of contents) {
    for (const source of content.sources) mergeEntry(sources, source);
    for (const sdim of content.serviceDeskIntegrations) mergeEntry(integrations, sdim);
    if (content.statusCheck) statusCheck = { ...statusCheck, ...content.statusCheck };
    if (content.timeZone) timeZone = content.timeZone;
    if (content.identityRefresh) identityRefresh = content.identityRefresh;
  }
  const merged = buildMerged(
    contents.filter((c) => c.shape !== 'inline').map((c) => c.file),
    sources,
    integrations,
    statusCheck,
    timeZone,
  );
  if (identityRefresh) merged.identityRefresh = identityRefresh;
  return merged;
}

function mergeEntry<T extends Entry>(list: T[], entry: T): void {
  const index = list.findIndex((earlier) => sameEntry(earlier, entry));
  if (index === -1) {
    list.push(cloneEntry(entry));
    return;
  }
  const earlier = list[index]!;
  const merged = deepMerge(earlier, entry) as T;
  merged.origins = [...earlier.origins, ...entry.origins];
  list[index] = merged;
}

function sameEntry(a: Entry, b: Entry): boolean {
  if (a.name !== '' && a.name === b.name) return true;
  return a.id !== undefined && a.id === b.id;
}

function cloneEntry<T extends Entry>(entry: T): T {
  return { ...entry, origins: [...entry.origins] };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(earlier: object, later: object): object {
  const result: Record<string, unknown> = { ...(earlier as Record<string, unknown>) };
  for (const [key, value] of Object.entries(later)) {
    if (value === undefined || key === 'origins') continue;
    // A pulled per-source file names its entries by id only (catalog/readPulled.ts).
    if (key === 'name' && value === '') continue;
    const before = result[key];
    if (key === 'features' && Array.isArray(value) && value.length === 0 && Array.isArray(before)) continue;
    if (key === 'managedSources' && Array.isArray(value) && value.length === 0 && Array.isArray(before)) {
      continue;
    }
    result[key] = isPlainObject(before) && isPlainObject(value) ? deepMerge(before, value) : value;
  }
  return result;
}

function buildMerged(
  files: string[],
  sources: CatalogSource[],
  integrations: ServiceDeskIntegration[],
  statusCheck: StatusCheck,
  timeZone: string | undefined,
): MergedCatalog {
  const byKey = new Map<string, CatalogSource>();
  for (const source of sources) {
    if (source.id && !byKey.has(source.id)) byKey.set(source.id, source);
  }
  for (const source of sources) byKey.set(source.name, source);
  const sdimByKey = new Map<string, ServiceDeskIntegration>();
  for (const sdim of integrations) {
    if (sdim.id && !sdimByKey.has(sdim.id)) sdimByKey.set(sdim.id, sdim);
  }
  for (const sdim of integrations) sdimByKey.set(sdim.name, sdim);
  const merged: MergedCatalog = {
    files,
    sources,
    serviceDeskIntegrations: integrations,
    statusCheck,
    findSource: (key) => byKey.get(key),
    findIntegration: (key) => sdimByKey.get(key),
    integrationsManaging: (source) =>
      integrations.filter(
        (sdim) =>
          !sdim.universalManager &&
          sdim.managedSources.some(
            (ref) => ref === source.name || (source.id !== undefined && ref === source.id),
          ),
      ),
    universalManagers: integrations.filter((sdim) => sdim.universalManager),
  };
  if (timeZone) merged.timeZone = timeZone;
  return merged;
}
