import type { CatalogSource, MergedCatalog } from '../catalog/types';
import type { ChannelDecision, Fallback } from './channelDecision';

/**
 * What marks a source as a flat file, in the catalog's words (`connectionType file`, `type
 * DelimitedFile`, `connector delimited-file`), or undefined for a direct source. ISC's exports
 * spell a delimited-file source with `type: DelimitedFile` and the connector `delimited-file`
 * (docs/isc-behaviour.md#file-source-manual); SP-Config exports carry no `connectionType`.
 */
export function flatFileMark(source: CatalogSource): string | undefined {
  if (source.connectionType?.toLowerCase() === 'file') return 'connectionType file';
  if (source.type?.toLowerCase().replace(/[\s_-]/g, '') === 'delimitedfile') return `type ${source.type}`;
  if (source.connector?.toLowerCase() === 'delimited-file') return `connector ${source.connector}`;
  return undefined;
}

/**
 * Step 7: no connector provisions the request, so a universal SDIM takes it as a ticket
 * (isc-plan's reading, docs/isc-behaviour.md#universal-manager), else the owner gets a work item.
 */
export function decideFallback(
  source: CatalogSource,
  catalog: MergedCatalog,
  operation: string,
  fallback: Fallback,
  missing: string[],
): ChannelDecision {
  const universal = catalog.universalManagers[0];
  const base = { source, missingFeatures: missing, declaredOnly: false, parts: [], fallback };
  if (universal) {
    return {
      ...base,
      channel: 'ticketing',
      target: universal.name,
      integration: universal,
      reasons: [
        `${fallback.why}, so no connector provisions this ${operation}. "${universal.name}" is a universal SDIM (universalManager: true); isc-plan reads it as the fallback that replaces manual work items, so ISC sends the ${operation} to it as a ticket.`,
      ],
    };
  }
  const owner = source.owner?.name ?? null;
  const who = owner
    ? `its owner ${owner}`
    : 'its owner, but the source has no owner, so nobody would receive it';
  return {
    ...base,
    channel: 'manual',
    target: owner,
    reasons: [`${fallback.why}, so ISC creates a manual work item for ${who}${featureReading(fallback)}.`],
  };
}

/**
 * ISC documents work items for flat-file sources, not for a direct source that lacks a feature
 * (docs/isc-behaviour.md#connector-when-features): that routing is labelled as the model's reading.
 */
export function featureReading(fallback: Fallback): string {
  return fallback.cause === 'missing-features'
    ? " (the model's reading for a source without the feature)"
    : '';
}

/** Channel `none` (steps 3 and 4): ISC does nothing for the request, and says why. */
export function noneDecision(source: CatalogSource, password: boolean, reasons: string[]): ChannelDecision {
  const decision: ChannelDecision = {
    channel: 'none',
    target: null,
    reasons,
    source,
    missingFeatures: [],
    declaredOnly: false,
    parts: [],
  };
  if (password) decision.password = true;
  return decision;
}
