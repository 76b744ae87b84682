/**
 * The pure part of `isc-plan pull` (docs/formats.md#pulled-tenant): what is dropped from the tenant's
 * JSON before it is written (secrets), and what changed since the previous pull. The network and
 * the files are the caller's.
 */

/** A JSON value as the tenant's API gives it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/**
 * Names of attributes whose values are credentials: passwords, secrets, tokens, keys, certificates,
 * keytabs, PINs, connection strings. Compared without case.
 */
const SECRET_NAME =
  /pass(word|wd|phrase)?|pwd|secret|token|credential|private|api[-_]?key|access[-_]?key|client[-_]?key|secret[-_]?key|keystore|keytab|kerberos|cert(ificate)?|signature|cookie|session|auth|pin$|connection[-_]?string|jdbc|sas$/i;

/** Values that are credentials whatever their name: PEM blocks, JWTs, ISC's encrypted values, basic-auth URLs. */
const SECRET_VALUE = [
  /-----BEGIN [A-Z ]+-----/,
  /^eyJ[\w-]+\.[\w-]+\.[\w-]*$/,
  /^\d+:(ENC|ACP):/,
  /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i,
];

/** Attributes isc-plan reads (catalog/read.ts) that are never secrets, kept whatever the patterns say. */
const KEPT = new Set(['retryableErrors', 'provisioningMaxRetries', 'provisioningRetryThreshold']);

/** Whether an attribute, by its name or its value, holds a credential. */
export function looksSecret(name: string, value: Json): boolean {
  if (KEPT.has(name)) return false;
  if (SECRET_NAME.test(name)) return true;
  return typeof value === 'string' && SECRET_VALUE.some((pattern) => pattern.test(value.trim()));
}

/**
 * A copy of an attribute map (a source's `connectorAttributes`, an SDIM's `attributes`) without
 * every entry that looks like a secret, at any depth; `dropped` receives the dotted path of each
 * (names only, never values).
 */
export function withoutSecrets(attributes: JsonObject, dropped: string[], prefix = ''): JsonObject {
  const kept: JsonObject = {};
  for (const [name, value] of Object.entries(attributes)) {
    const where = prefix === '' ? name : `${prefix}.${name}`;
    if (looksSecret(name, value)) {
      dropped.push(where);
      continue;
    }
    kept[name] = cleanValue(value, dropped, where);
  }
  return kept;
}

function cleanValue(value: Json, dropped: string[], where: string): Json {
  if (Array.isArray(value)) {
    return value
      .map((item, index) => ({ item, index }))
      .filter(({ item, index }) => {
        const secret = typeof item === 'string' && looksSecret('', item);
        if (secret) dropped.push(`${where}[${index}]`);
        return !secret;
      })
      .map(({ item, index }) => cleanValue(item, dropped, `${where}[${index}]`));
  }
  if (isObject(value)) return withoutSecrets(value, dropped, where);
  return value;
}

/** Whether a JSON value is an object (not an array, not null). */
export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The records of a list response as they are written: each record's `field` (`connectorAttributes`
 * of a source, `attributes` of an SDIM) without secrets. `dropped` receives `NAME: path` per entry.
 */
export function recordsWithoutSecrets(records: readonly Json[], field: string, dropped: string[]): Json[] {
  return records.map((record) => {
    if (!isObject(record)) return record;
    const attributes = record[field];
    if (!isObject(attributes)) return record;
    const paths: string[] = [];
    const cleaned = { ...record, [field]: withoutSecrets(attributes, paths) };
    const name =
      typeof record['name'] === 'string'
        ? record['name']
        : typeof record['id'] === 'string'
          ? record['id']
          : '?';
    dropped.push(...paths.map((path) => `${name}: ${field}.${path}`));
    return cleaned;
  });
}

/** What changed between two pulls, by name (docs/formats.md#pulled-tenant). */
export interface PullChanges {
  sourcesAdded: string[];
  sourcesRemoved: string[];
  /** Sources whose `features` differ, with what was added and removed. */
  featuresChanged: { source: string; added: string[]; removed: string[] }[];
  serviceDeskIntegrationsAdded: string[];
  serviceDeskIntegrationsRemoved: string[];
}

/** The changes from the previous pull's sources and SDIMs to this pull's (all JSON arrays as ISC gives them). */
export function pullChanges(
  previous: { sources: readonly Json[]; integrations: readonly Json[] },
  current: { sources: readonly Json[]; integrations: readonly Json[] },
): PullChanges {
  const before = featuresByName(previous.sources);
  const after = featuresByName(current.sources);
  const featuresChanged: PullChanges['featuresChanged'] = [];
  for (const [name, features] of after) {
    const earlier = before.get(name);
    if (!earlier) continue;
    const added = features.filter((f) => !earlier.includes(f));
    const removed = earlier.filter((f) => !features.includes(f));
    if (added.length > 0 || removed.length > 0) featuresChanged.push({ source: name, added, removed });
  }
  const sdimsBefore = namesOf(previous.integrations);
  const sdimsAfter = namesOf(current.integrations);
  return {
    sourcesAdded: [...after.keys()].filter((name) => !before.has(name)),
    sourcesRemoved: [...before.keys()].filter((name) => !after.has(name)),
    featuresChanged,
    serviceDeskIntegrationsAdded: sdimsAfter.filter((name) => !sdimsBefore.includes(name)),
    serviceDeskIntegrationsRemoved: sdimsBefore.filter((name) => !sdimsAfter.includes(name)),
  };
}

function namesOf(records: readonly Json[]): string[] {
  return records.flatMap((record) =>
    isObject(record) && typeof record['name'] === 'string' ? [record['name']] : [],
  );
}

function featuresByName(records: readonly Json[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const record of records) {
    if (!isObject(record) || typeof record['name'] !== 'string') continue;
    const features = Array.isArray(record['features']) ? record['features'] : [];
    map.set(
      record['name'],
      features.filter((f): f is string => typeof f === 'string'),
    );
  }
  return map;
}

/** The changes as short lines for a terminal or a notification; one line saying so when nothing changed. */
export function describeChanges(changes: PullChanges): string[] {
  const lines: string[] = [];
  const list = (label: string, names: readonly string[]): void => {
    if (names.length > 0) lines.push(`${label} (${names.length}): ${names.join(', ')}`);
  };
  list('sources added', changes.sourcesAdded);
  list('sources removed', changes.sourcesRemoved);
  for (const change of changes.featuresChanged) {
    const parts = [...change.added.map((f) => `+${f}`), ...change.removed.map((f) => `-${f}`)];
    lines.push(`features of ${change.source}: ${parts.join(' ')}`);
  }
  list('service desk integrations added', changes.serviceDeskIntegrationsAdded);
  list('service desk integrations removed', changes.serviceDeskIntegrationsRemoved);
  return lines.length > 0 ? lines : ['no sources or service desk integrations added, removed or changed'];
}

/**
 * Parses `--activities SINCE`: `Nd` (the last N days before `now`) or an ISO 8601 date or time.
 * Returns the start as an ISO time, or a message saying what is wrong.
 */
export function activitiesSince(value: string, now: Date): string | { error: string } {
  const days = /^(\d{1,4})d$/.exec(value.trim());
  if (days) {
    return new Date(now.getTime() - Number(days[1]) * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())) {
    const time = new Date(value.trim());
    if (!Number.isNaN(time.getTime())) return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return { error: `--activities ${value}: give a number of days (90d) or an ISO date (2026-09-01)` };
}
