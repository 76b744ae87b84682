/**
 * What an import produces before it is written as YAML: plans in our format (docs/formats.md#plans) plus
 * the comments that keep what ISC recorded beside the request it belongs to. The converters of
 * each record kind fill this model; `writePlan.ts` alone decides how it looks as text.
 */

import type { ScalarValue } from '../text/yamlText';

/** The kinds of record an import recognises, by shape. */
export type RecordKind = 'search-document' | 'trigger' | 'iiq-xml';

/** An attribute value: a scalar or a list of scalars (plan.schema.json `attributeValue`). */
export type AttributeValue = ScalarValue | ScalarValue[];

/** One attribute request of an imported account request. */
export interface ImportedAttribute {
  name: string;
  operation: string;
  /** Left out when the record carries no value (a Remove of the whole attribute, say). */
  value?: AttributeValue;
  /** Comment lines written above the attribute request. */
  comments: string[];
}

/** One permission request (IdentityIQ `<PermissionRequest>`); rights already split. */
export interface ImportedPermission {
  target: string;
  rights: string[];
  operation: string;
  comments: string[];
}

/** One account request, in the order the record lists them. */
export interface ImportedRequest {
  /** Undefined when the record names no source: the produced plan then shows a schema error. */
  source: string | undefined;
  operation: string;
  nativeIdentity?: string;
  attributeRequests: ImportedAttribute[];
  permissionRequests: ImportedPermission[];
  /** Comment lines written above the request: what ISC recorded, op mappings, extra fields. */
  comments: string[];
}

/** The recipient or requester: `name` required, `id` when the record gives one. */
export interface ImportedIdentity {
  name: string;
  id?: string;
}

/** One plan document: what one record asked for. */
export interface ImportedPlan {
  name?: string;
  trackingId?: string;
  identity?: ImportedIdentity;
  requester?: ImportedIdentity;
  /** Comment lines about the whole record, written just before `accountRequests:`. */
  comments: string[];
  requests: ImportedRequest[];
}

/** The plans of one input file. */
export interface ImportedFile {
  kind: RecordKind;
  /** How many records the input held (plans may be fewer: records without requests are left out). */
  records: number;
  plans: ImportedPlan[];
  /** File-level comment lines (records left out, and why). */
  notes: string[];
}

/** The input is not something an import understands; the message says what was expected and found. */
export class ImportError extends Error {}

/** A JSON value as `JSON.parse` returns it. */
export type Json = string | number | boolean | null | Json[] | JsonObject;

/** A JSON object as `JSON.parse` returns it. */
export interface JsonObject {
  [key: string]: Json;
}

/** The value if it is a JSON object (not an array), else undefined. */
export function asObject(value: Json | undefined): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

/** The value if it is a JSON array, else undefined. */
export function asArray(value: Json | undefined): Json[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/** A non-empty text field; numbers are accepted as text because some exports type ids as numbers. */
export function text(value: Json | undefined): string | undefined {
  if (typeof value === 'string') return value.length > 0 ? value : undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** `{name, id}` of an ISC reference (recipient, requester); undefined without a name. */
export function identityOf(value: Json | undefined): ImportedIdentity | undefined {
  const ref = asObject(value);
  const name = text(ref?.name);
  if (!ref || !name) return undefined;
  const id = text(ref.id);
  return id ? { name, id } : { name };
}

/** One line of compact JSON, for record parts kept as comments without loss. */
export function compactJson(value: Json): string {
  return JSON.stringify(value);
}

/** A JSON scalar kept as is; anything nested becomes its JSON text (a plan value is a scalar). */
function scalarOf(value: Json): ScalarValue {
  return value === null || typeof value !== 'object' ? value : JSON.stringify(value);
}

/** A record's attribute value as a plan value: scalars and lists of scalars as they are. */
export function attributeValueOf(value: Json | undefined): AttributeValue | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.map(scalarOf) : scalarOf(value);
}

/**
 * `ISC recorded: a 1, b 2` for the parts that are present: what the record says really happened,
 * written beside the request so that the prediction can be compared with it.
 */
export function recordedComment(
  parts: readonly (readonly [string, string | undefined])[],
  who = 'ISC',
): string[] {
  const present = parts.filter((part): part is readonly [string, string] => part[1] !== undefined);
  return present.length === 0
    ? []
    : [`${who} recorded: ${present.map(([label, value]) => `${label} ${value}`).join(', ')}`];
}

/** `label` and one indented line per entry (strings as they are, anything else as JSON), or nothing. */
export function listComments(label: string, entries: readonly Json[] | undefined, empty?: string): string[] {
  if (!entries) return [];
  if (entries.length === 0) return empty === undefined ? [] : [`${label}: ${empty}`];
  return [
    `${label}:`,
    ...entries.map((entry) => indent(typeof entry === 'string' ? entry : compactJson(entry))),
  ];
}

/** Indents every line of a (possibly multi-line) text by two spaces. */
export function indent(lines: string): string {
  return lines
    .split(/\r\n|[\r\n\u2028\u2029\u0085]/)
    .map((line) => `  ${line}`)
    .join('\n');
}

/** The objects of a JSON array (other entries skipped); empty when the value is not an array. */
export function objects(value: Json | undefined): JsonObject[] {
  return (asArray(value) ?? []).flatMap((entry) => {
    const object = asObject(entry);
    return object ? [object] : [];
  });
}

/**
 * Appends `items` to `target` one by one: `target.push(...items)` passes every item as an argument
 * and overflows the stack for a large input (100,000 lines of an IdentityIQ plan).
 */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
