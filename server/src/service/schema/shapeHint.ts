import type { JsonSchema } from './schemas';
import { CATALOG_SCHEMA_ID, PLAN_SCHEMA_ID, getValidators } from './schemas';

/** What a "must be a mapping / list" message adds, and how to wrap what was written when that is the fix. */
export interface ShapeHint {
  text: string;
  /** Set when what was written fits the shape once wrapped: `bob` → `{ name: bob }`, `x` → `[x]`. */
  wrap?: { before: string; after: string };
}

/**
 * What a "must be a mapping / list" message adds so the user can write the value without opening
 * the schema: the keys the mapping takes (required ones marked) and an example in YAML flow style,
 * from the schema's `examples`. When the user wrote a single value where a mapping with one
 * required key belongs (`owner: bob`), the example uses that value (`owner: { name: bob }`).
 */
export function shapeHint(schema: JsonSchema | undefined, key: string | undefined, data: unknown): ShapeHint {
  if (!schema) return { text: '' };
  const prefix = key !== undefined ? `${key}: ` : '';
  if (schema.type === 'object') {
    const properties = Object.keys((schema.properties as object | undefined) ?? {});
    const required = (schema.required as string[] | undefined) ?? [];
    const keys =
      properties.length > 0 && properties.length <= 12
        ? ` Its keys: ${properties.map((p) => (required.includes(p) ? `${p} (required)` : p)).join(', ')}.`
        : '';
    const single = required.length === 1 && isScalar(data) ? { [required[0]!]: data } : undefined;
    if (single) {
      const text = `${keys} Did you mean ${prefix}${flow(single)}?`;
      return { text, wrap: { before: `{ ${required[0]!}: `, after: ' }' } };
    }
    const example = exampleOf(schema);
    return { text: example === undefined ? keys : `${keys} For example: ${prefix}${flow(example)}` };
  }
  if (schema.type === 'array') {
    const items = resolve(schema.items);
    // A mapping or a single value where a list of them belongs: the list of what was written.
    const theirs = isMapping(data)
      ? !items || items.type === 'object'
      : isScalar(data) && items?.type !== 'object';
    if (theirs) return { text: ` Did you mean ${prefix}[${flow(data)}]?`, wrap: { before: '[', after: ']' } };
    const item = exampleOf(items);
    return { text: item === undefined ? '' : ` For example: ${prefix}[${flow(item)}]` };
  }
  return { text: '' };
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function isMapping(value: unknown): boolean {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function exampleOf(schema: JsonSchema | undefined): unknown {
  if (!schema) return undefined;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  return undefined;
}

/** An item schema, with a local `$ref` looked up in the plan schema, then the catalog schema. */
function resolve(schema: unknown): JsonSchema | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  const ref = (schema as JsonSchema).$ref;
  if (typeof ref !== 'string') return schema as JsonSchema;
  if (!ref.startsWith('#')) return undefined;
  for (const id of [PLAN_SCHEMA_ID, CATALOG_SCHEMA_ID]) {
    try {
      const found = getValidators().schemaAt(`${id}${ref}`);
      if (found) return found;
    } catch {
      // Not in this schema: try the next.
    }
  }
  return undefined;
}

/** A value in YAML flow style, quoting only strings that need it. */
function flow(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (value && typeof value === 'object') {
    const pairs = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${flow(v)}`);
    return `{ ${pairs.join(', ')} }`;
  }
  if (typeof value === 'string') {
    const plain = /^[A-Za-z][\w .@/-]*$/.test(value) && !/^(true|false|null|yes|no|on|off)$/i.test(value);
    return plain ? value : JSON.stringify(value);
  }
  return String(value);
}
