import type { MergedCatalog } from '../../catalog/types';
import type { PlanDocument } from '../../document/planDocument';
import type { ParsedDocument } from '../../document/sourceFile';
import type { FileFormat, FileRole } from '../../../../../shared/fileNames';
import type { SchemaAt } from '../../schema/schemaPath';
import { deref, describeSchema, propertiesOf, schemaAtPath, step } from '../../schema/schemaPath';
import type { JsonSchema } from '../../schema/schemas';
import { CATALOG_SCHEMA_ID, PLAN_SCHEMA_ID } from '../../schema/schemas';
import type {
  CompletionAnswer,
  CompletionEntry,
  CursorContext,
  RequestFields,
  Segment,
} from './completionTypes';
import type { ValueChoice } from './completionValues';
import { hasChoices, schemaChoices, tenantChoices, tenantValuesAt } from './completionValues';
import { jsonContext } from './cursor/jsonContext';
import type { SchemaRoot } from '../../document/schemaRoot';
import { schemaRootFor } from '../../document/schemaRoot';
import { escapeSnippet, jsonSnippet, yamlSnippet } from './snippets';
import { yamlString } from '../../text/yamlText';
import { yamlContext } from './cursor/yamlContext';

/** At most this many items are returned; the list is then marked incomplete. */
export const COMPLETION_CAP = 500;

/** What completion needs: the file's text and kind, the document at the cursor, and its catalogs. */
export interface CompletionInput {
  text: string;
  offset: number;
  format: FileFormat;
  role: FileRole;
  doc: ParsedDocument | undefined;
  /** The merged catalog of a plan document (cached by the service). */
  catalogOf(doc: PlanDocument): MergedCatalog | undefined;
}

const EMPTY: CompletionAnswer = { items: [], isIncomplete: false };

/**
 * Completions at an offset of a plan or catalog file: keys the schema allows and the mapping lacks,
 * enum values, source / SDIM / attribute names from the catalogs, and snippets for new plans,
 * requests, sources and SDIMs. Works on a document that does not parse.
 */
export function completionAt(input: CompletionInput): CompletionAnswer {
  // A document over a safety limit has no tree, and its text is what the limits keep parsers away from.
  if (input.doc?.syntax.limited) return EMPTY;
  const ctx = contextOf(input);
  const root = ctx ? schemaRootOf(input.doc, input.role) : undefined;
  const path = ctx && root ? root.strip(ctx.path) : undefined;
  const at = root && path ? schemaAt(root.id, path) : undefined;
  if (!ctx || !root || !path || !at) return EMPTY;
  if (ctx.request?.source === undefined && input.doc?.kind === 'plan') {
    ctx.request = { ...requestFromTree(input.doc, input.offset), ...ctx.request };
  }
  return capped(entriesFor(input, ctx, root.id, path, at), ctx);
}

function contextOf(input: CompletionInput): CursorContext | undefined {
  const { text, offset, doc } = input;
  const holds = doc !== undefined && doc.syntax.start <= offset && offset <= doc.syntax.end;
  if (input.format === 'json') return jsonContext(text, offset, holds ? doc.syntax.root : null);
  const root = holds && doc.syntax.root?.kind === 'map' ? doc.syntax.root : undefined;
  const requests = holds && doc.kind === 'plan' ? doc.requestsNode : null;
  return yamlContext({
    text,
    offset,
    docStart: holds ? doc.syntax.start : boundaryBefore(text, offset),
    rootKeys: root?.pairs.map((p) => ({ key: String(p.key.value), start: p.key.start })),
    jump: requests ? { start: requests.start, end: requests.end } : undefined,
  });
}

/** The start of the `---` line that opens the YAML document holding the offset (the tree has no document there yet). */
function boundaryBefore(text: string, offset: number): number {
  for (
    let at = text.lastIndexOf('---', offset);
    at >= 0;
    at = at > 0 ? text.lastIndexOf('---', at - 1) : -1
  ) {
    if ((at === 0 || text[at - 1] === '\n') && /^---(?:\s|$)/.test(text.slice(at, at + 4))) return at;
  }
  return 0;
}

/** The schema of a document: its own when recognised, else the one its file name implies. */
function schemaRootOf(doc: ParsedDocument | undefined, role: FileRole): SchemaRoot | undefined {
  const known = doc && doc.kind !== 'other' ? schemaRootFor(doc) : undefined;
  if (known) return known;
  if (doc?.kind === 'catalog' && doc.content) return undefined;
  const id =
    doc?.kind === 'plan' || (doc?.kind !== 'catalog' && role === 'plan') ? PLAN_SCHEMA_ID : CATALOG_SCHEMA_ID;
  return { id, strip: (path) => [...path] };
}

/** `schemaAtPath`, also for roots inside a bundled file (tenant exports: `catalog.schema.json#/$defs/source`). */
function schemaAt(rootId: string, path: readonly Segment[]): SchemaAt | undefined {
  if (!rootId.includes('#')) return schemaAtPath(rootId, path);
  let at: SchemaAt | undefined = deref({ schema: { $ref: rootId }, base: rootId });
  for (const segment of path) at = at ? step(at, segment) : undefined;
  return at ? deref(at) : undefined;
}

/** The request around the offset as the parsed tree has it (flow-style requests, or when the lines say nothing). */
function requestFromTree(doc: PlanDocument, offset: number): RequestFields {
  const items = doc.requestsNode?.items ?? [];
  let low = 0;
  let high = items.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const item = items[middle]!;
    if (offset < item.start) high = middle - 1;
    else if (offset > item.end) low = middle + 1;
    else {
      const view = doc.requests[middle]?.view;
      const fields: RequestFields = {};
      if (view?.source) fields.source = view.source.value;
      if (view?.operation) fields.operation = view.operation.value;
      return fields;
    }
  }
  return {};
}

const isObjectSchema = (schema: JsonSchema): boolean =>
  schema.type === 'object' || typeof schema.properties === 'object';

function entriesFor(
  input: CompletionInput,
  ctx: CursorContext,
  rootId: string,
  path: Segment[],
  at: SchemaAt,
): CompletionEntry[] {
  const schema = deref(at).schema;
  if (ctx.position === 'key' && isObjectSchema(schema)) {
    const snippets =
      ctx.present.size === 0 && !ctx.hasColon && !ctx.flow ? snippetEntries(ctx, at, false) : [];
    return [...snippets, ...keyEntries(ctx, rootId, path, at)];
  }
  if (ctx.position === 'key' && schema.type === 'array') {
    // A line under a list's key without "- " yet: items come with their marker.
    const item = step(at, 0);
    if (ctx.format !== 'yaml' || ctx.flow || !item) return [];
    const itemPath = [...path, 0];
    return [
      ...snippetEntries(ctx, item, true),
      ...valueEntries(ctx, choicesAt(input, ctx, rootId, itemPath, item), '- '),
    ];
  }
  if (ctx.position === 'value' && isObjectSchema(schema)) {
    return ctx.format === 'json' ? snippetEntries(ctx, at, false) : [];
  }
  return valueEntries(ctx, choicesAt(input, ctx, rootId, path, at), '');
}

function choicesAt(
  input: CompletionInput,
  ctx: CursorContext,
  rootId: string,
  path: Segment[],
  at: SchemaAt,
): ValueChoice[] {
  const tenant = tenantValuesAt(rootId, path);
  if (!tenant) return schemaChoices(at);
  const doc = input.doc;
  return tenantChoices(tenant, {
    doc,
    request: ctx.request,
    catalog: () => (doc?.kind === 'plan' ? input.catalogOf(doc) : undefined),
  });
}

const order = (i: number): string => String(i).padStart(4, '0');

/** The filter text when the user opened a quote: VS Code matches it against the typed text, quote included. */
function filterFor(ctx: CursorContext, label: string): string | undefined {
  const quote = ctx.typed[0];
  return quote === '"' || quote === "'" ? `${quote}${label}` : undefined;
}

function placed(ctx: CursorContext, entry: Omit<CompletionEntry, 'start' | 'end'>): CompletionEntry {
  const result: CompletionEntry = { ...entry, start: ctx.start, end: ctx.end };
  const filterText = filterFor(ctx, entry.label);
  if (filterText) result.filterText = filterText;
  if (ctx.format === 'json' && ctx.commaBefore !== undefined) {
    result.additionalEdits = [{ start: ctx.commaBefore, end: ctx.commaBefore, text: ',' }];
  }
  return result;
}

function valueEntries(ctx: CursorContext, choices: ValueChoice[], prefix: string): CompletionEntry[] {
  const quote = ctx.typed[0] === '"' || ctx.typed[0] === "'" ? ctx.typed[0] : undefined;
  const siblings = choices.length > 0 ? ctx.siblings() : new Set<string>();
  return choices
    .filter((choice) => choice.value !== '' && !siblings.has(choice.value))
    .map((choice, i) => {
      let text: string;
      if (ctx.format === 'json') {
        text = `${choice.raw ? choice.value : JSON.stringify(choice.value)}${ctx.commaAfter ? ',' : ''}`;
      } else {
        text = `${ctx.needsSpace ? ' ' : ''}${prefix}${choice.raw ? choice.value : yamlString(choice.value, { flow: ctx.flow, quote })}`;
      }
      const entry: Omit<CompletionEntry, 'start' | 'end'> = {
        label: choice.value,
        kind: choice.kind,
        insertText: text,
        snippet: false,
        sortText: order(i),
      };
      if (choice.detail) entry.detail = choice.detail;
      if (choice.documentation) entry.documentation = choice.documentation;
      return placed(ctx, entry);
    });
}

interface KeyInsert {
  text: string;
  snippet: boolean;
  retrigger: boolean;
}

function keyEntries(ctx: CursorContext, rootId: string, path: Segment[], at: SchemaAt): CompletionEntry[] {
  const properties = propertiesOf(at);
  const object = deref(at);
  // A property's own title and description (e.g. "Recipient") say more than those of the $ref'd type.
  const own = (object.schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = object.schema.required;
  const first = new Set(Array.isArray(required) ? required.map(String) : []);
  // Required keys first, then the schema's order; `$schema` is bookkeeping, so last.
  const rank = (name: string): number => (first.has(name) ? 0 : name.startsWith('$') ? 2 : 1);
  const names = Object.keys(properties).sort((a, b) => rank(a) - rank(b));
  return names
    .filter((name) => !ctx.present.has(name))
    .map((name, i) => {
      const sub = properties[name]!;
      const insert = keyInsert(ctx, name, sub, rootId, [...path, name]);
      const entry: Omit<CompletionEntry, 'start' | 'end'> = {
        label: name,
        kind: 'property',
        insertText: insert.text,
        snippet: insert.snippet,
        sortText: `1${order(i)}`,
      };
      const title = own[name]?.title ?? sub.schema.title;
      if (typeof title === 'string') entry.detail = title;
      const description =
        describeSchema({ schema: own[name] ?? {}, base: object.base }) ?? describeSchema(sub);
      if (description) entry.documentation = description;
      if (insert.retrigger) entry.retrigger = true;
      return placed(ctx, entry);
    });
}

function itemsHaveChoices(rootId: string, path: Segment[], sub: SchemaAt): boolean {
  const item = step(sub, 0);
  return item !== undefined && (isObjectSchema(deref(item).schema) || hasChoices(rootId, [...path, 0], item));
}

/** How a format writes each kind of key insert; `object` and `array` are snippets that open the structure. */
interface KeyTexts {
  key(name: string): string;
  constant(ctx: CursorContext, name: string, value: string): string;
  object(ctx: CursorContext, name: string): string;
  array(ctx: CursorContext, name: string): string;
  value(ctx: CursorContext, name: string, schema: JsonSchema): { text: string; snippet: boolean };
}

const YAML_KEYS: KeyTexts = {
  key: (name) => yamlString(name),
  constant: (ctx, name, value) => `${yamlString(name)}: ${yamlString(value, { flow: ctx.flow })}`,
  object: (ctx, name) => `${escapeSnippet(yamlString(name))}:\n${' '.repeat(ctx.column + 2)}$1`,
  array: (ctx, name) => `${escapeSnippet(yamlString(name))}:\n${' '.repeat(ctx.column + 2)}- $1`,
  value: (_ctx, name) => ({ text: `${yamlString(name)}: `, snippet: false }),
};

const comma = (ctx: CursorContext): string => (ctx.commaAfter ? ',' : '');

const JSON_KEYS: KeyTexts = {
  key: (name) => JSON.stringify(name),
  constant: (ctx, name, value) => `${JSON.stringify(name)}: ${JSON.stringify(value)}${comma(ctx)}`,
  object: (ctx, name) =>
    `${escapeSnippet(JSON.stringify(name))}: {\n${ctx.indent}  $1\n${ctx.indent}}${comma(ctx)}`,
  array: (ctx, name) => `${escapeSnippet(JSON.stringify(name))}: [$1]${comma(ctx)}`,
  value: (ctx, name, schema) => ({
    text: `${escapeSnippet(JSON.stringify(name))}: ${schema.type === 'string' ? '"$1"' : '$1'}${comma(ctx)}`,
    snippet: true,
  }),
};

/** What a key completion inserts: the key alone after a typed colon, else the key and what its schema says comes next. */
function keyInsert(
  ctx: CursorContext,
  name: string,
  sub: SchemaAt,
  rootId: string,
  path: Segment[],
): KeyInsert {
  const texts = ctx.format === 'json' ? JSON_KEYS : YAML_KEYS;
  const schema = sub.schema;
  if (ctx.hasColon) return { text: texts.key(name), snippet: false, retrigger: false };
  if (typeof schema.const === 'string') {
    return { text: texts.constant(ctx, name, schema.const), snippet: false, retrigger: false };
  }
  // After a structure is opened, its keys, item snippets or values come next; a YAML flow collection opens none.
  const opens = ctx.format === 'json' || !ctx.flow;
  if (opens && isObjectSchema(schema)) {
    return { text: texts.object(ctx, name), snippet: true, retrigger: true };
  }
  if (opens && schema.type === 'array') {
    return { text: texts.array(ctx, name), snippet: true, retrigger: itemsHaveChoices(rootId, path, sub) };
  }
  return { ...texts.value(ctx, name, schema), retrigger: hasChoices(rootId, path, sub) };
}

interface DefaultSnippet {
  label: string;
  description?: string;
  body: unknown;
}

/** The schema's `defaultSnippets`, written for the cursor's place (`item`: as a new YAML list item). */
function snippetEntries(ctx: CursorContext, at: SchemaAt, item: boolean): CompletionEntry[] {
  const list = deref(at).schema.defaultSnippets;
  if (!Array.isArray(list)) return [];
  return (list as DefaultSnippet[]).map((snippet, i) => {
    const yaml = ctx.format === 'yaml';
    const rendered = yaml
      ? yamlSnippet(snippet.body, ctx.column, item)
      : jsonSnippet(snippet.body, ctx.indent, ctx.position === 'key');
    const comma = !yaml && ctx.commaAfter ? ',' : '';
    const entry: Omit<CompletionEntry, 'start' | 'end'> = {
      label: snippet.label,
      kind: 'snippet',
      insertText: `${rendered.text}${comma}`,
      snippet: rendered.snippet,
      sortText: `0${order(i)}`,
      documentation: `\`\`\`${yaml ? 'yaml' : 'json'}\n${rendered.preview}\n\`\`\``,
    };
    if (snippet.description) entry.detail = snippet.description;
    return placed(ctx, entry);
  });
}

/** Keeps the answer within the cap, preferring the items that contain what is typed. */
function capped(entries: CompletionEntry[], ctx: CursorContext): CompletionAnswer {
  if (entries.length <= COMPLETION_CAP) return { items: entries, isIncomplete: false };
  const typed = ctx.typed.replace(/^["']/, '').toLowerCase();
  const matching = typed === '' ? entries : entries.filter((e) => e.label.toLowerCase().includes(typed));
  return { items: matching.slice(0, COMPLETION_CAP), isIncomplete: true };
}
