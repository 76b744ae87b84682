import type { ParsedDocument } from './sourceFile';
import { CATALOG_SCHEMA_ID, PLAN_SCHEMA_ID } from '../schema/schemas';

/** Which bundled schema describes a document, and how its paths map onto that schema. */
export interface SchemaRoot {
  id: string;
  /** The path inside the schema for a path inside the document, or undefined outside it. */
  strip(path: readonly (string | number)[]): (string | number)[] | undefined;
}

const SOURCE = `${CATALOG_SCHEMA_ID}#/$defs/source`;
const SDIM = 'https://isc-plan.invalid/schemas/channels/ticketing.schema.json#/$defs/serviceDeskIntegration';
const STATUS_CHECK = 'https://isc-plan.invalid/schemas/channels/ticketing.schema.json#/$defs/statusCheck';

/**
 * Plans and SourceCatalogs use their own schemas; tenant exports use the catalog's source and
 * SDIM entries (their ISC fields have the same names), so hovers explain exports too.
 */
export function schemaRootFor(doc: ParsedDocument): SchemaRoot | undefined {
  const whole = (id: string): SchemaRoot => ({ id, strip: (path) => [...path] });
  const items = (id: string): SchemaRoot => ({
    id,
    strip: (path) => (typeof path[0] === 'number' ? path.slice(1) : undefined),
  });
  if (doc.kind === 'plan') return whole(PLAN_SCHEMA_ID);
  if (doc.kind !== 'catalog' || !doc.content) return undefined;
  switch (doc.content.shape) {
    case 'source-catalog':
      return whole(CATALOG_SCHEMA_ID);
    case 'isc-sources':
      return items(SOURCE);
    case 'isc-service-desk-integrations':
      return items(SDIM);
    case 'isc-status-check':
      return whole(STATUS_CHECK);
    default:
      return undefined;
  }
}
