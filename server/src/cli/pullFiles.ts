import * as fs from 'fs';
import * as path from 'path';
import type { Json, JsonObject, PullChanges } from '../service/catalog/tenantPull';
import { isObject, pullChanges, recordsWithoutSecrets, looksSecret } from '../service/catalog/tenantPull';
import type { PulledTenant } from '../platform/iscTenant';

/**
 * The files of a pull (docs/formats.md#pulled-tenant) and their swap into place: everything is
 * written into a fresh folder beside the target, which then replaces the target in two renames, so
 * a pull that fails leaves the previous files as they were.
 */

/** The file names a pull writes, in the order a plan's `catalog:` lists the catalog ones. */
export const PULLED_FILES = {
  sources: 'sources.json',
  serviceDeskIntegrations: 'service-desk-integrations.json',
  statusCheck: 'status-check-configuration.json',
  schemas: 'account-schemas.json',
  schedules: 'aggregation-schedules.json',
  activities: 'account-activities.json',
  manifest: 'manifest.json',
} as const;

/** The catalog files a plan names (all but the activities and the manifest). */
export const CATALOG_FILES = [
  PULLED_FILES.sources,
  PULLED_FILES.serviceDeskIntegrations,
  PULLED_FILES.statusCheck,
  PULLED_FILES.schemas,
  PULLED_FILES.schedules,
];

export interface PullManifest {
  kind: 'IscTenantPull';
  tenant: string;
  pulledAt: string;
  isc_plan: string;
  sdk: string;
  apiVersions: string[];
  operations: string[];
  counts: Record<string, number>;
  activitiesSince?: string;
  sourcesLimitedTo?: string[];
  /** `NAME: connectorAttributes.PATH` of every value not written because it looked like a secret. */
  droppedAsSecret: string[];
  changes?: PullChanges;
}

/** The file contents of a pull, secrets dropped, and its manifest without changes. */
export function pulledFiles(
  pulled: PulledTenant,
  manifest: Omit<PullManifest, 'droppedAsSecret' | 'counts' | 'apiVersions' | 'operations'>,
): { files: Record<string, Json>; manifest: PullManifest } {
  const dropped: string[] = [];
  const sources = recordsWithoutSecrets(pulled.sources as Json[], 'connectorAttributes', dropped);
  const sdims = recordsWithoutSecrets(pulled.serviceDeskIntegrations as Json[], 'attributes', dropped);
  const files: Record<string, Json> = {
    [PULLED_FILES.sources]: sources,
    [PULLED_FILES.serviceDeskIntegrations]: sdims,
    [PULLED_FILES.statusCheck]: pulled.statusCheck as Json,
    [PULLED_FILES.schemas]: pulled.schemas as unknown as Json,
    [PULLED_FILES.schedules]: pulled.schedules as unknown as Json,
  };
  const counts: Record<string, number> = {
    sources: sources.length,
    serviceDeskIntegrations: sdims.length,
    accountSchemas: Object.values(pulled.schemas).filter((list) => list.length > 0).length,
    aggregationSchedules: Object.values(pulled.schedules).reduce((n, list) => n + list.length, 0),
  };
  if (pulled.accountActivities) {
    files[PULLED_FILES.activities] = (pulled.accountActivities as Json[]).map((a) =>
      activityWithoutSecrets(a, dropped),
    );
    counts['accountActivities'] = pulled.accountActivities.length;
  }
  const operations = [...pulled.operations].sort();
  const apiVersions = [...new Set(operations.map((op) => op.split('/')[1] ?? ''))].sort();
  return { files, manifest: { ...manifest, apiVersions, operations, counts, droppedAsSecret: dropped } };
}

/** An activity's items keep no value of an attribute that holds secrets (a password set, for one). */
function activityWithoutSecrets(activity: Json, dropped: string[]): Json {
  if (!isObject(activity) || !Array.isArray(activity['items'])) return activity;
  const items = activity['items'].map((item, index) => {
    if (!isObject(item) || typeof item['attribute'] !== 'string' || !looksSecret(item['attribute'], null)) {
      return item;
    }
    if (item['value'] === undefined || item['value'] === null) return item;
    dropped.push(
      `account activity ${typeof activity['id'] === 'string' ? activity['id'] : '?'}: items[${index}].value`,
    );
    const copy: JsonObject = { ...item };
    delete copy['value'];
    return copy;
  });
  return { ...activity, items };
}

/** The previous pull's sources and SDIMs in `folder`, if it holds one. */
export function previousPull(folder: string): { sources: Json[]; integrations: Json[] } | undefined {
  if (!fs.existsSync(path.join(folder, PULLED_FILES.manifest))) return undefined;
  const read = (name: string): Json[] => {
    try {
      const value = JSON.parse(fs.readFileSync(path.join(folder, name), 'utf8')) as Json;
      return Array.isArray(value) ? value : [];
    } catch {
      return [];
    }
  };
  return { sources: read(PULLED_FILES.sources), integrations: read(PULLED_FILES.serviceDeskIntegrations) };
}

/** The changes since the previous pull in `folder` (undefined for a first pull). */
export function changesSince(folder: string, files: Record<string, Json>): PullChanges | undefined {
  const previous = previousPull(folder);
  if (!previous) return undefined;
  const list = (name: string): Json[] => {
    const value = files[name];
    return Array.isArray(value) ? value : [];
  };
  return pullChanges(previous, {
    sources: list(PULLED_FILES.sources),
    integrations: list(PULLED_FILES.serviceDeskIntegrations),
  });
}

/**
 * Why `folder` must not be replaced, if so: it is a file, or a folder with files but no manifest
 * (not an earlier pull: a pull never deletes what it did not write).
 */
export function refusal(folder: string, shown: string): string | undefined {
  if (!fs.existsSync(folder)) return undefined;
  if (!fs.statSync(folder).isDirectory()) return `--out ${shown}: is a file, not a folder`;
  const entries = fs.readdirSync(folder);
  if (entries.length > 0 && !entries.includes(PULLED_FILES.manifest)) {
    return `--out ${shown}: the folder holds files but no ${PULLED_FILES.manifest}, so it is not an earlier pull; choose an empty or new folder`;
  }
  return undefined;
}

/** Writes every file into a new folder beside `folder`, then swaps it in. */
export function writeAndSwap(folder: string, files: Record<string, Json>): void {
  const parent = path.dirname(folder);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(folder)}.pulling-`));
  try {
    for (const [name, value] of Object.entries(files)) {
      fs.writeFileSync(path.join(staging, name), `${JSON.stringify(value, null, 2)}\n`);
    }
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  if (!fs.existsSync(folder)) {
    fs.renameSync(staging, folder);
    return;
  }
  const previous = `${staging}.previous`;
  fs.renameSync(folder, previous);
  try {
    fs.renameSync(staging, folder);
  } catch (error) {
    fs.renameSync(previous, folder);
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  fs.rmSync(previous, { recursive: true, force: true });
}
