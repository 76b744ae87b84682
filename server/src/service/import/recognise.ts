/**
 * Recognises what ISC gave the user by its shape, never by its file name: an account-activity
 * search document, a Provisioning Completed trigger payload (each alone or in an array) or an
 * IdentityIQ ProvisioningPlan XML. Anything else is an ImportError that says what was expected
 * and what was found.
 */

import { iiqPlan } from './fromIiqXml';
import type { ImportedFile, ImportedPlan, Json, JsonObject, RecordKind } from './importedPlan';
import { ImportError, asArray, asObject, objects, text } from './importedPlan';
import { SEARCH_DOCUMENT_KEYS, isSearchAccountRequest, searchDocumentPlan } from './fromSearchDocument';
import { isTriggerAccountRequest, triggerPlan } from './fromTriggerPayload';
import { parseXml } from './xmlTree';

const EXPECTED =
  'expected an ISC account-activity search document, a Provisioning Completed trigger payload or an IdentityIQ ProvisioningPlan XML';

/** Deeper JSON than this is refused before parsing: `JSON.parse` recurses and could exhaust the stack. */
const MAX_JSON_DEPTH = 200;

/** The kind of one JSON record, or undefined when it is neither a search document nor a trigger payload. */
export function recordKind(record: JsonObject): Exclude<RecordKind, 'iiq-xml'> | undefined {
  if (asArray(record.accountRequests) === undefined) return undefined;
  const requests = objects(record.accountRequests);
  if (record._type === 'accountactivity' || SEARCH_DOCUMENT_KEYS.some((key) => key in record)) {
    return 'search-document';
  }
  if (requests.some(isTriggerAccountRequest)) return 'trigger';
  if (requests.some(isSearchAccountRequest)) return 'search-document';
  // No request says which: the trigger requires `sources` as one comma-separated string and a recipient.
  return typeof record.sources === 'string' && asObject(record.recipient) && requests.length === 0
    ? 'trigger'
    : undefined;
}

function keysOf(object: JsonObject): string {
  const keys = Object.keys(object);
  if (keys.length === 0) return 'no keys';
  return `keys ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''}`;
}

/** "a JSON object with keys …", "an empty JSON array", "a JSON string"... */
export function describeJson(value: Json): string {
  if (Array.isArray(value)) {
    return value.length === 0
      ? 'an empty JSON array'
      : `a JSON array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  }
  if (value === null) return 'JSON null';
  if (typeof value === 'object') return `a JSON object with ${keysOf(value)}`;
  return `a JSON ${typeof value}`;
}

/** Whether the JSON text nests deeper than `MAX_JSON_DEPTH` (brackets outside strings). */
function tooDeep(json: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (++depth > MAX_JSON_DEPTH) return true;
    } else if (c === '}' || c === ']') depth--;
  }
  return false;
}

/** JSON documents written one after another (`}` then `{` on the next line), as an array; else undefined. */
function jsonStream(body: string): Json | undefined {
  if (!/\}\s*\n\s*\{/.test(body)) return undefined;
  try {
    return JSON.parse(`[${body.replace(/\}\s*\n\s*\{/g, '},{')}]`) as Json;
  } catch {
    return undefined;
  }
}

function parseJson(body: string): Json {
  if (tooDeep(body)) {
    throw new ImportError(`${EXPECTED}; found JSON nested more than ${MAX_JSON_DEPTH} levels deep`);
  }
  try {
    return JSON.parse(body) as Json;
  } catch (error) {
    // `simulate --format trigger` prints one payload per plan, one JSON document after another.
    const stream = jsonStream(body);
    if (stream !== undefined) return stream;
    const why = error instanceof Error ? error.message : String(error);
    throw new ImportError(`${EXPECTED}; found text that is neither JSON nor XML (${why})`);
  }
}

/** Converts JSON records of one kind; records without account requests are left out with a note. */
function convertRecords(records: JsonObject[], kind: Exclude<RecordKind, 'iiq-xml'>): ImportedFile {
  const plans: ImportedPlan[] = [];
  const notes: string[] = [];
  records.forEach((record, index) => {
    const plan = kind === 'trigger' ? triggerPlan(record) : searchDocumentPlan(record);
    if (plan.requests.length > 0) plans.push(plan);
    else {
      notes.push(
        `Record ${index + 1}${text(record.trackingNumber) ? ` (trackingNumber ${text(record.trackingNumber)})` : ''} has no account requests and is left out.`,
      );
    }
  });
  if (plans.length === 0) {
    throw new ImportError(
      `the ${records.length === 1 ? 'record has' : `${records.length} records have`} no account requests: there is nothing to plan`,
    );
  }
  return { kind, records: records.length, plans, notes };
}

function fromJson(value: Json): ImportedFile {
  const list = Array.isArray(value) ? value : [value];
  const records = list.map(asObject);
  const kinds = records.map((record) => (record ? recordKind(record) : undefined));
  const unknown = kinds.findIndex((kind) => kind === undefined);
  if (list.length === 0 || unknown !== -1) {
    const found =
      Array.isArray(value) && list.length > 0
        ? `${describeJson(value)}, item ${unknown + 1} of which is ${describeJson(list[unknown]!)}`
        : describeJson(value);
    throw new ImportError(`${EXPECTED}; found ${found}`);
  }
  const kind = kinds[0]!;
  const other = kinds.findIndex((k) => k !== kind);
  if (other !== -1) {
    throw new ImportError(
      `the array mixes record kinds: item 1 is ${countedKind(kind, 1)}, item ${other + 1} ${countedKind(kinds[other]!, 1)}; import them from separate files`,
    );
  }
  return convertRecords(records as JsonObject[], kind);
}

/** The kind of record in words, for messages and the plan's first comment. */
export function kindName(kind: RecordKind, count = 1): string {
  const plural = count === 1 ? '' : 's';
  switch (kind) {
    case 'search-document':
      return `ISC account-activity search document${plural}`;
    case 'trigger':
      return `Provisioning Completed trigger payload${plural}`;
    default:
      return `IdentityIQ ProvisioningPlan XML${count === 1 ? '' : ' documents'}`;
  }
}

/** `an ISC account-activity search document`, `2 Provisioning Completed trigger payloads`. */
export function countedKind(kind: RecordKind, count: number): string {
  const what = kindName(kind, count);
  return `${count === 1 ? (/^[AEIOU]/i.test(what) ? 'an' : 'a') : String(count)} ${what}`;
}

/** Recognises and converts the text of one input file. Throws ImportError for anything else. */
export function recognise(input: string): ImportedFile {
  const body = input.replace(/^\uFEFF/, '').trim();
  if (body === '') throw new ImportError(`${EXPECTED}; found an empty file`);
  if (body.startsWith('<')) {
    const root = parseXml(body);
    if (root.tag !== 'ProvisioningPlan') {
      throw new ImportError(`${EXPECTED}; found an XML document whose root element is <${root.tag}>`);
    }
    const plan = iiqPlan(root);
    if (plan.requests.length === 0) {
      throw new ImportError('the ProvisioningPlan has no AccountRequest: there is nothing to plan');
    }
    return { kind: 'iiq-xml', records: 1, plans: [plan], notes: [] };
  }
  return fromJson(parseJson(body));
}
