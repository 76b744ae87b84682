import Ajv from 'ajv';
import type { AnySchema, ValidateFunction } from 'ajv';
import planSchema from '../../../../schemas/plan.schema.json';
import catalogSchema from '../../../../schemas/catalog.schema.json';
import connectorSchema from '../../../../schemas/channels/connector.schema.json';
import manualSchema from '../../../../schemas/channels/manual.schema.json';
import ticketingSchema from '../../../../schemas/channels/ticketing.schema.json';

/** A JSON Schema object as bundled in `schemas/`. */
export type JsonSchema = { [key: string]: unknown };

export const SCHEMA_BASE = 'https://isc-plan.invalid/schemas/';
export const PLAN_SCHEMA_ID = `${SCHEMA_BASE}plan.schema.json`;
export const CATALOG_SCHEMA_ID = `${SCHEMA_BASE}catalog.schema.json`;

/** Every bundled schema by its `$id`. Nothing is ever loaded from the network or the workspace. */
export const BUNDLED_SCHEMAS: readonly JsonSchema[] = [
  planSchema,
  catalogSchema,
  connectorSchema,
  manualSchema,
  ticketingSchema,
];

/** The compiled validators the service uses, built once per process. */
export interface Validators {
  /** The plan without its requests' contents (those are validated one by one). */
  planHeader: ValidateFunction;
  accountRequest: ValidateFunction;
  catalog: ValidateFunction;
  /** A source entry of a plan's inline `sources:` or a catalog. */
  source: ValidateFunction;
  /** Finds a schema (or a fragment) by absolute id, for hovers and completion. */
  schemaAt(ref: string): JsonSchema | undefined;
}

let validators: Validators | undefined;

/** Compiles the bundled schemas on first use (strict mode, all errors, no data mutation, no `$data`). */
export function getValidators(): Validators {
  if (validators) return validators;
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
  ajv.addVocabulary(['markdownDescription', 'markdownEnumDescriptions', 'defaultSnippets']);
  for (const schema of BUNDLED_SCHEMAS) ajv.addSchema(schema);
  const headerSchema = planHeaderSchema(planSchema);
  const compile = (ref: string): ValidateFunction => {
    const fn = ajv.getSchema(ref);
    if (!fn) throw new Error(`isc-plan: bundled schema ${ref} is missing`);
    return fn;
  };
  validators = {
    planHeader: ajv.compile(headerSchema as AnySchema),
    accountRequest: compile(`${PLAN_SCHEMA_ID}#/$defs/accountRequest`),
    catalog: compile(CATALOG_SCHEMA_ID),
    source: compile(`${CATALOG_SCHEMA_ID}#/$defs/source`),
    schemaAt: (ref) => ajv.getSchema(ref)?.schema as JsonSchema | undefined,
  };
  return validators;
}

/**
 * The plan schema with the request items left open: each request is validated on its own (and
 * only when it changed), so the header check stays cheap on a 10,000-request plan.
 */
function planHeaderSchema(schema: JsonSchema): JsonSchema {
  const copy = JSON.parse(JSON.stringify(schema)) as JsonSchema;
  copy.$id = `${SCHEMA_BASE}plan-header.schema.json`;
  const properties = copy.properties as Record<string, JsonSchema>;
  const requests = { ...properties.accountRequests };
  requests.items = true;
  properties.accountRequests = requests;
  rebase(copy);
  return copy;
}

/** Makes relative `$ref`s of the copied plan schema resolve as they did from the original. */
function rebase(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) rebase(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (key === '$ref' && typeof value === 'string') {
      record[key] = value.startsWith('#') ? `${PLAN_SCHEMA_ID}${value}` : new URL(value, PLAN_SCHEMA_ID).href;
    } else {
      rebase(value);
    }
  }
}
