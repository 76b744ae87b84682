import type { MapNode, PlainValue, ValueNode } from '../syntax/ast';
import { getPair, getValue, stringOf, toValue } from '../syntax/ast';
import type {
  AccountAttribute,
  CatalogContent,
  CatalogShape,
  CatalogSource,
  Origin,
  ServiceDeskIntegration,
  StatusCheck,
} from './types';
import { readTiming, readTicketWorkflow, readBusinessHours } from './readTiming';
import {
  isSourceSchedulesMap,
  isSourceSchemasMap,
  readSourceSchedules,
  readSourceSchemas,
} from './readPulled';

/**
 * Recognises what a catalog document is from its shape (docs/formats.md#exports) and reads it. Returns
 * undefined for a document that is none of the accepted shapes. Fields this product does not use
 * are ignored, and secrets never enter the model: only the fields of `CatalogSource` are read.
 */
export function readCatalogDocument(file: string, root: ValueNode | null): CatalogContent | undefined {
  const shape = recogniseCatalog(root);
  if (!shape || !root) return undefined;
  const content: CatalogContent = { file, shape, sources: [], serviceDeskIntegrations: [] };
  switch (shape) {
    case 'source-catalog':
    case 'inline':
      readSourceCatalog(file, root as MapNode, content);
      break;
    case 'isc-sources':
      for (const item of itemsOf(root)) content.sources.push(readIscSource(file, item));
      break;
    case 'isc-service-desk-integrations':
      for (const item of itemsOf(root)) content.serviceDeskIntegrations.push(readIscIntegration(file, item));
      break;
    case 'isc-status-check':
      content.statusCheck = readStatusCheck(root);
      break;
    case 'sp-config':
      readSpConfig(file, root as MapNode, content);
      break;
    case 'isc-source-schemas':
      readSourceSchemas(file, root as MapNode, content);
      break;
    case 'isc-source-schedules':
      readSourceSchedules(file, root as MapNode, content);
      break;
  }
  return content;
}

/** What shape a catalog document has, if it is one this product accepts. */
export function recogniseCatalog(root: ValueNode | null): CatalogShape | undefined {
  if (!root) return undefined;
  if (root.kind === 'map') {
    if (stringOf(getValue(root, 'kind')) === 'SourceCatalog') return 'source-catalog';
    if (getValue(root, 'objects')?.kind === 'seq') return 'sp-config';
    if (
      getPair(root, 'provisioningStatusCheckIntervalMinutes') ||
      getPair(root, 'provisioningMaxStatusCheckDays')
    ) {
      return 'isc-status-check';
    }
    if (isSourceSchemasMap(root)) return 'isc-source-schemas';
    if (isSourceSchedulesMap(root)) return 'isc-source-schedules';
    return undefined;
  }
  if (root.kind !== 'seq') return undefined;
  const items = itemsOf(root);
  if (items.length === 0 || items.length !== root.items.length) return undefined;
  if (items.every((item) => getPair(item, 'provisioningConfig') || looksLikeIntegration(item))) {
    return 'isc-service-desk-integrations';
  }
  if (
    items.every(
      (item) =>
        getPair(item, 'name') &&
        (getPair(item, 'features') || getPair(item, 'connector') || getPair(item, 'connectionType')),
    )
  ) {
    return 'isc-sources';
  }
  return undefined;
}

function looksLikeIntegration(item: MapNode): boolean {
  const type = stringOf(getValue(item, 'type')) ?? '';
  return (
    getPair(item, 'name') !== undefined && /SDIM|service ?desk|ServiceNow|Jira|Remedy|Zendesk/i.test(type)
  );
}

function itemsOf(root: ValueNode): MapNode[] {
  return root.kind === 'seq' ? root.items.filter((item): item is MapNode => item.kind === 'map') : [];
}

function originOf(file: string, node: MapNode): Origin {
  const name = getValue(node, 'name');
  return {
    file,
    start: node.start,
    end: node.end,
    nameStart: name?.start ?? node.start,
    nameEnd: name?.end ?? node.start,
  };
}

function readSourceCatalog(file: string, root: MapNode, content: CatalogContent): void {
  const timeZone = stringOf(getValue(root, 'timeZone'));
  if (timeZone) content.timeZone = timeZone;
  for (const item of seqMaps(getValue(root, 'sources'))) content.sources.push(readSource(file, item));
  for (const item of seqMaps(getValue(root, 'serviceDeskIntegrations'))) {
    content.serviceDeskIntegrations.push(readIntegration(file, item));
  }
  const statusCheck = getValue(root, 'statusCheck');
  if (statusCheck) content.statusCheck = readStatusCheck(statusCheck);
  const refresh = stringOf(getValue(getValue(root, 'identityRefresh'), 'schedule'));
  if (refresh) content.identityRefresh = { schedule: refresh };
}

/** Reads the sources of a plan's inline `sources:` list. */
export function readInlineSources(file: string, list: ValueNode | null | undefined): CatalogContent {
  const content: CatalogContent = { file, shape: 'inline', sources: [], serviceDeskIntegrations: [] };
  for (const item of seqMaps(list)) content.sources.push(readSource(file, item));
  return content;
}

function seqMaps(node: ValueNode | null | undefined): MapNode[] {
  return node?.kind === 'seq' ? itemsOf(node) : [];
}

/** Reads one source entry of our SourceCatalog format. */
export function readSource(file: string, node: MapNode): CatalogSource {
  const source: CatalogSource = {
    name: stringOf(getValue(node, 'name')) ?? '',
    features: [],
    origins: [originOf(file, node)],
  };
  assignCommon(source, node);
  const features = getValue(node, 'features');
  if (features?.kind === 'seq') {
    source.features = features.items.map(stringOf).filter((f): f is string => f !== undefined);
  }
  const owner = getValue(node, 'owner');
  const ownerName = stringOf(getValue(owner, 'name')) ?? stringOf(owner);
  if (ownerName) source.owner = withId({ name: ownerName }, stringOf(getValue(owner, 'id')));
  const attributes = getValue(getValue(node, 'accountSchema'), 'attributes');
  if (attributes?.kind === 'seq') {
    source.accountSchema = { attributes: seqMaps(attributes).map(readAttribute) };
  }
  const aggregation = getValue(node, 'aggregation');
  if (aggregation?.kind === 'map') {
    source.aggregation = {};
    const schedule = stringOf(getValue(aggregation, 'schedule'));
    if (schedule !== undefined) source.aggregation.schedule = schedule;
    const duration = numberOf(toValue(getValue(aggregation, 'durationMinutes') ?? null));
    if (duration !== undefined) source.aggregation.durationMinutes = duration;
  }
  readConnectorAttributes(source, getValue(node, 'connectorAttributes'));
  const timing = readTiming(getValue(node, 'timing'));
  if (timing) source.timing = timing;
  return source;
}

function assignCommon(source: CatalogSource, node: MapNode): void {
  for (const key of ['id', 'type', 'connector', 'connectionType'] as const) {
    const value = stringOf(getValue(node, key));
    if (value !== undefined) source[key] = value;
  }
}

function withId<T extends { name: string; id?: string }>(target: T, id: string | undefined): T {
  if (id !== undefined) target.id = id;
  return target;
}

function readAttribute(node: MapNode): AccountAttribute {
  const attribute: AccountAttribute = {
    name: stringOf(getValue(node, 'name')) ?? '',
    multi: toValue(getValue(node, 'multi') ?? null) === true,
    entitlement: toValue(getValue(node, 'entitlement') ?? null) === true,
  };
  const type = stringOf(getValue(node, 'type'));
  if (type) attribute.type = type;
  if (toValue(getValue(node, 'secret') ?? null) === true) attribute.secret = true;
  return attribute;
}

function readConnectorAttributes(source: CatalogSource, node: ValueNode | null | undefined): void {
  if (node?.kind !== 'map') return;
  const attributes: CatalogSource['connectorAttributes'] = {};
  const errors = toValue(getValue(node, 'retryableErrors') ?? null);
  if (Array.isArray(errors)) attributes.retryableErrors = errors.filter(isScalarText).map((e) => String(e));
  const retries = numberOf(toValue(getValue(node, 'provisioningMaxRetries') ?? null));
  if (retries !== undefined) attributes.provisioningMaxRetries = retries;
  const threshold = numberOf(toValue(getValue(node, 'provisioningRetryThreshold') ?? null));
  if (threshold !== undefined) attributes.provisioningRetryThreshold = threshold;
  if (Object.keys(attributes).length > 0) source.connectorAttributes = attributes;
}

/** Reads a number that ISC may give as a string ("30"). */
export function numberOf(value: PlainValue | undefined): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return undefined;
}

function readIntegration(file: string, node: MapNode): ServiceDeskIntegration {
  const sdim: ServiceDeskIntegration = {
    name: stringOf(getValue(node, 'name')) ?? '',
    managedSources: [],
    universalManager: toValue(getValue(node, 'universalManager') ?? null) === true,
    origins: [originOf(file, node)],
  };
  for (const key of ['id', 'type'] as const) {
    const value = stringOf(getValue(node, key));
    if (value !== undefined) sdim[key] = value;
  }
  const managed = getValue(node, 'managedSources');
  if (managed?.kind === 'seq') {
    sdim.managedSources = managed.items.map(stringOf).filter((s): s is string => s !== undefined);
  }
  const expiration = numberOf(toValue(getValue(node, 'provisioningRequestExpiration') ?? null));
  if (expiration !== undefined) sdim.provisioningRequestExpiration = expiration;
  const statusMap = getValue(node, 'statusMap');
  if (statusMap?.kind === 'map') {
    sdim.statusMap = {};
    for (const pair of statusMap.pairs) sdim.statusMap[String(pair.key.value)] = stringOf(pair.value) ?? '';
  }
  const workflow = readTicketWorkflow(getValue(node, 'ticketWorkflow'));
  if (workflow) sdim.ticketWorkflow = workflow;
  const businessHours = readBusinessHours(getValue(node, 'businessHours'));
  if (businessHours) sdim.businessHours = businessHours;
  const drift = numberOf(toValue(getValue(node, 'driftRate') ?? null));
  if (drift !== undefined) sdim.driftRate = drift;
  return sdim;
}

function readStatusCheck(node: ValueNode): StatusCheck {
  const check: StatusCheck = {};
  const interval = numberOf(toValue(getValue(node, 'provisioningStatusCheckIntervalMinutes') ?? null));
  if (interval !== undefined) check.provisioningStatusCheckIntervalMinutes = interval;
  const days = numberOf(toValue(getValue(node, 'provisioningMaxStatusCheckDays') ?? null));
  if (days !== undefined) check.provisioningMaxStatusCheckDays = days;
  return check;
}

/** An ISC Source object as the list-sources API returns it. */
function readIscSource(file: string, node: MapNode): CatalogSource {
  const source: CatalogSource = {
    name: stringOf(getValue(node, 'name')) ?? '',
    features: [],
    origins: [originOf(file, node)],
  };
  assignCommon(source, node);
  const features = toValue(getValue(node, 'features') ?? null);
  if (Array.isArray(features)) source.features = features.filter(isScalarText).map((f) => String(f));
  const owner = getValue(node, 'owner');
  const ownerName = stringOf(getValue(owner, 'name'));
  if (ownerName) source.owner = withId({ name: ownerName }, stringOf(getValue(owner, 'id')));
  readConnectorAttributes(source, getValue(node, 'connectorAttributes'));
  return source;
}

/** An ISC ServiceDeskIntegrationDto as the list call returns it. */
function readIscIntegration(file: string, node: MapNode): ServiceDeskIntegration {
  const config = getValue(node, 'provisioningConfig');
  const refs = getValue(config, 'managedResourceRefs');
  const legacy = getValue(node, 'managedSources');
  const managed: string[] = [];
  for (const ref of seqMaps(refs)) {
    const key = stringOf(getValue(ref, 'id')) ?? stringOf(getValue(ref, 'name'));
    if (key) managed.push(key);
    const name = stringOf(getValue(ref, 'name'));
    if (name && name !== key) managed.push(name);
  }
  if (legacy?.kind === 'seq') {
    managed.push(...legacy.items.map(stringOf).filter((s): s is string => s !== undefined));
  }
  const sdim: ServiceDeskIntegration = {
    name: stringOf(getValue(node, 'name')) ?? '',
    managedSources: managed,
    universalManager: toValue(getValue(config, 'universalManager') ?? null) === true,
    origins: [originOf(file, node)],
  };
  for (const key of ['id', 'type'] as const) {
    const value = stringOf(getValue(node, key));
    if (value !== undefined) sdim[key] = value;
  }
  const expiration = numberOf(toValue(getValue(config, 'provisioningRequestExpiration') ?? null));
  if (expiration !== undefined) sdim.provisioningRequestExpiration = expiration;
  return sdim;
}

/** An SP-Config export: `objects[]` whose `self.type` is SOURCE or SERVICE_DESK_INTEGRATION. */
function readSpConfig(file: string, root: MapNode, content: CatalogContent): void {
  for (const entry of seqMaps(getValue(root, 'objects'))) {
    const type = stringOf(getValue(getValue(entry, 'self'), 'type'));
    const object = getValue(entry, 'object');
    if (object?.kind !== 'map') continue;
    if (type === 'SOURCE') content.sources.push(readIscSource(file, object));
    if (type === 'SERVICE_DESK_INTEGRATION') {
      content.serviceDeskIntegrations.push(readIscIntegration(file, object));
    }
  }
}

function isScalarText(value: PlainValue): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
