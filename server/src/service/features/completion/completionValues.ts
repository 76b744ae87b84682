import type {
  AccountAttribute,
  CatalogSource,
  MergedCatalog,
  ServiceDeskIntegration,
} from '../../catalog/types';
import { OPERATIONS, requiredFeatures } from '../../channel/decideChannel';
import { flatFileMark } from '../../channel/fallback';
import type { ParsedDocument } from '../../document/sourceFile';
import type { SchemaAt } from '../../schema/schemaPath';
import { deref, describeSchema, enumOf } from '../../schema/schemaPath';
import { CATALOG_SCHEMA_ID, PLAN_SCHEMA_ID } from '../../schema/schemas';
import type { CompletionKind, RequestFields, Segment } from './completionTypes';
import { sourceMarkdown } from '../hover/hover';
import { code, escapeMarkdown } from '../../text/markdown';

/** A value completion offers, before it is written as YAML or JSON. */
export interface ValueChoice {
  value: string;
  /** Written without quotes (booleans, numbers). */
  raw: boolean;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
}

/** Values that come from the tenant (the catalogs) rather than from the schema. */
export type TenantValues = 'source' | 'integration' | 'attribute' | 'managedSource';

/** What tenant values are about: the document, the plan's merged catalog, the request at the cursor. */
export interface TenantContext {
  doc: ParsedDocument | undefined;
  catalog: () => MergedCatalog | undefined;
  request: RequestFields | undefined;
}

/** Which tenant values belong at a schema path, if any. */
export function tenantValuesAt(rootId: string, path: readonly Segment[]): TenantValues | undefined {
  const item = (i: number): boolean => typeof path[i] === 'number';
  if (rootId === PLAN_SCHEMA_ID && path[0] === 'accountRequests' && item(1)) {
    if (path.length === 3 && path[2] === 'source') return 'source';
    if (path.length === 4 && path[2] === 'ticketing' && path[3] === 'integration') return 'integration';
    if (path.length === 5 && path[2] === 'attributeRequests' && item(3) && path[4] === 'name') {
      return 'attribute';
    }
  }
  if (
    rootId === CATALOG_SCHEMA_ID &&
    path.length === 4 &&
    path[0] === 'serviceDeskIntegrations' &&
    item(1) &&
    path[2] === 'managedSources' &&
    item(3)
  ) {
    return 'managedSource';
  }
  return undefined;
}

/** The tenant values of one kind. */
export function tenantChoices(kind: TenantValues, ctx: TenantContext): ValueChoice[] {
  if (kind === 'managedSource') {
    const sources = ctx.doc?.kind === 'catalog' ? (ctx.doc.content?.sources ?? []) : [];
    return sources.map((s) => ({
      value: s.name,
      raw: false,
      kind: 'source',
      detail: s.type ?? s.connectionType ?? 'source',
      documentation: sourceMarkdown(s),
    }));
  }
  const catalog = ctx.catalog();
  if (!catalog) return [];
  if (kind === 'source') {
    const operation = ctx.request?.operation;
    return catalog.sources.map((s) => ({
      value: s.name,
      raw: false,
      kind: 'source',
      detail: channelDetail(s, operation, catalog),
      documentation: sourceMarkdown(s),
    }));
  }
  if (kind === 'integration') return catalog.serviceDeskIntegrations.map(integrationChoice);
  const source = ctx.request?.source ? catalog.findSource(ctx.request.source) : undefined;
  return (source?.accountSchema?.attributes ?? []).map((a) => attributeChoice(a, source!));
}

/** The channel ISC would use for the request's operation on this source (docs/prediction-model.md#channel-decision), or the source's type. */
function channelDetail(source: CatalogSource, operation: string | undefined, catalog: MergedCatalog): string {
  if (!operation || !(OPERATIONS as readonly string[]).includes(operation)) {
    return source.type ?? source.connectionType ?? 'source';
  }
  const sdim = catalog.integrationsManaging(source)[0];
  if (sdim) return `${operation} → ticket via ${sdim.name}`;
  if (operation === 'Lock') return `${operation} → nothing (ISC has no lock action)`;
  const universal = catalog.universalManagers[0];
  const owner = source.owner ? `manual task for ${source.owner.name}` : 'manual task (no owner)';
  const fallback = universal ? `ticket via ${universal.name}` : owner;
  const missing = requiredFeatures(operation, false).filter((f) => !source.features.includes(f));
  const connector = missing.length === 0 && flatFileMark(source) === undefined;
  return `${operation} → ${connector ? 'connector' : fallback}`;
}

function integrationChoice(sdim: ServiceDeskIntegration): ValueChoice {
  const manages = sdim.universalManager
    ? 'what no connector provisions'
    : sdim.managedSources.join(', ') || 'no source';
  const lines = [
    `**${escapeMarkdown(sdim.name)}** · service desk integration${sdim.type ? ` (${escapeMarkdown(sdim.type)})` : ''}`,
  ];
  lines.push(
    `Manages: ${sdim.universalManager ? "every source no connector provisions (universal manager, isc-plan's reading)" : sdim.managedSources.map(escapeMarkdown).join(', ') || '_no source_'}`,
  );
  return {
    value: sdim.name,
    raw: false,
    kind: 'integration',
    detail: `SDIM · manages ${manages}`,
    documentation: lines.join('  \n'),
  };
}

function attributeChoice(attribute: AccountAttribute, source: CatalogSource): ValueChoice {
  const parts = [attribute.multi ? 'multi-valued' : 'single-valued'];
  if (attribute.entitlement) parts.push('entitlement');
  if (attribute.type) parts.push(attribute.type);
  const use = attribute.multi
    ? 'Add and Remove change single values; Set replaces the whole list.'
    : 'Use Set (an Add gives `add-to-single-valued`).';
  const documentation = `${code(attribute.name)} · ${parts.map(escapeMarkdown).join(' · ')} · account schema of **${escapeMarkdown(source.name)}**\n\n${use}`;
  return { value: attribute.name, raw: false, kind: 'attribute', detail: parts.join(' · '), documentation };
}

/** The values a schema allows or suggests: enum (in schema order), const, booleans, examples. */
export function schemaChoices(at: SchemaAt): ValueChoice[] {
  const schema = deref(at).schema;
  if (schema.type === 'array' || schema.type === 'object') return [];
  const values = Array.isArray(schema.enum) ? enumOf(at) : undefined;
  if (values) {
    return values.values.map((value, i) => ({
      value,
      raw: false,
      kind: 'enum',
      ...(values.descriptions[i] ? { documentation: values.descriptions[i] } : {}),
    }));
  }
  if (typeof schema.const === 'string') {
    const description = describeSchema(deref(at));
    return [
      {
        value: schema.const,
        raw: false,
        kind: 'enum',
        ...(description ? { documentation: description } : {}),
      },
    ];
  }
  if (schema.type === 'boolean') {
    return ['true', 'false'].map((value) => ({ value, raw: true, kind: 'value' }));
  }
  const examples = Array.isArray(schema.examples)
    ? schema.examples.filter((e): e is string => typeof e === 'string')
    : [];
  return examples.map((value) => ({ value, raw: false, kind: 'value', detail: 'example' }));
}

/** True when a value at this place has completions (the editor is asked for them after a key is inserted). */
export function hasChoices(rootId: string, path: readonly Segment[], at: SchemaAt): boolean {
  if (tenantValuesAt(rootId, path)) return true;
  const schema = deref(at).schema;
  return Array.isArray(schema.enum) || typeof schema.const === 'string' || schema.type === 'boolean';
}
