import type { JsonSchema } from './schemas';
import { BUNDLED_SCHEMAS } from './schemas';

/** A schema found by walking a document path, with the base URI its `$ref`s resolve against. */
export interface SchemaAt {
  schema: JsonSchema;
  base: string;
}

const byId = new Map<string, JsonSchema>(BUNDLED_SCHEMAS.map((s) => [String(s.$id), s]));

/** Resolves `$ref`s (local and across the bundled files) until a schema without one. */
export function deref(at: SchemaAt): SchemaAt {
  let current = at;
  for (let guard = 0; guard < 16 && typeof current.schema.$ref === 'string'; guard++) {
    const target = new URL(current.schema.$ref, current.base);
    const documentUrl = target.href.split('#')[0]!;
    const document = byId.get(documentUrl);
    if (!document) return current;
    const pointer = decodeURIComponent(target.hash.slice(1));
    let node: unknown = document;
    for (const segment of pointer.split('/').filter((s) => s !== '')) {
      node = (node as Record<string, unknown>)[segment];
    }
    if (!node || typeof node !== 'object') return current;
    current = { schema: node as JsonSchema, base: documentUrl };
  }
  return current;
}

/** The root schema of a bundled file by `$id`, or a fragment of it (`…/catalog.schema.json#/$defs/source`). */
export function rootSchema(id: string): SchemaAt | undefined {
  const [file = '', fragment] = id.split('#');
  const schema = byId.get(file);
  if (!schema) return undefined;
  return fragment ? deref({ schema: { $ref: `#${fragment}` }, base: file }) : { schema, base: file };
}

/** The subschema for one step: a property of an object schema, or the items of an array schema. */
export function step(at: SchemaAt, segment: string | number): SchemaAt | undefined {
  const current = deref(at);
  const schema = current.schema;
  if (typeof segment === 'number' || /^\d+$/.test(String(segment))) {
    const items = schema.items;
    if (items && typeof items === 'object' && !Array.isArray(items)) {
      return deref({ schema: items as JsonSchema, base: current.base });
    }
    if (typeof segment === 'number') return undefined;
  }
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  const property = properties?.[String(segment)];
  if (property) return deref({ schema: property, base: current.base });
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key] as JsonSchema[] | undefined;
    for (const branch of branches ?? []) {
      const found = step({ schema: branch, base: current.base }, segment);
      if (found) return found;
    }
  }
  const additional = schema.additionalProperties;
  if (additional && typeof additional === 'object') {
    return deref({ schema: additional as JsonSchema, base: current.base });
  }
  return undefined;
}

/** Walks a document path from a root schema. */
export function schemaAtPath(rootId: string, path: readonly (string | number)[]): SchemaAt | undefined {
  let at = rootSchema(rootId);
  for (const segment of path) {
    if (!at) return undefined;
    at = step(at, segment);
  }
  return at ? deref(at) : undefined;
}

/** The properties an object schema allows (through `$ref`s), by name. */
export function propertiesOf(at: SchemaAt): Record<string, SchemaAt> {
  const current = deref(at);
  const properties = (current.schema.properties as Record<string, JsonSchema> | undefined) ?? {};
  const result: Record<string, SchemaAt> = {};
  for (const [name, schema] of Object.entries(properties)) {
    result[name] = deref({ schema, base: current.base });
  }
  return result;
}

/** The enum values of a schema (including the items of an array of enums). */
export function enumOf(at: SchemaAt): { values: string[]; descriptions: string[] } | undefined {
  const current = deref(at);
  const list = current.schema.enum as unknown[] | undefined;
  if (list) {
    return {
      values: list.map(String),
      descriptions: (current.schema.markdownEnumDescriptions as string[] | undefined) ?? [],
    };
  }
  const items = current.schema.items;
  if (items && typeof items === 'object') return enumOf({ schema: items as JsonSchema, base: current.base });
  return undefined;
}

/** The markdown description of a schema: `markdownDescription`, else `description`. */
export function describeSchema(at: SchemaAt): string | undefined {
  const schema = at.schema;
  if (typeof schema.markdownDescription === 'string') return schema.markdownDescription;
  return typeof schema.description === 'string' ? schema.description : undefined;
}
