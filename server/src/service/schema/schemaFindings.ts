import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Finding, FixData } from '../findings/finding';
import { finding } from '../findings/finding';
import type { MapNode, PlainValue, ValueNode } from '../syntax/ast';
import { nodeAtPath } from '../syntax/ast';
import { closest } from '../text/closest';
import { firstSentence } from '../text/sentence';
import type { JsonSchema } from './schemas';
import type { CommaSplit } from './flowCommas';
import { commaSplits } from './flowCommas';
import { shapeHint } from './shapeHint';

/**
 * Runs a compiled validator on a value and turns its errors into `schema` findings placed as
 * docs/rules.md#schema says: a missing key on the parent key (or the first key of the object), an
 * unknown key on that key, a wrong type or value on the value. With the YAML `text` the nodes
 * point into, unknown keys that are the rest of a value cut by a comma inside `{ }` give one
 * finding for the value instead (flowCommas.ts).
 */
export function schemaFindings(
  validate: ValidateFunction,
  value: PlainValue,
  root: ValueNode,
  text?: string,
): Finding[] {
  if (validate(value)) return [];
  const errors = oneErrorPerCause(pruneBranches(validate.errors ?? []));
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const splits = errors.some((e) => e.keyword === 'additionalProperties') ? commaSplits(root, text) : [];
  const used = new Set<CommaSplit>();
  for (const error of errors) {
    const f = errorFinding(error, root, text);
    if (!f) continue;
    const split =
      error.keyword === 'additionalProperties'
        ? splits.find((s) => s.strays.some((p) => p.key.start === f.start))
        : undefined;
    if (split) {
      if (!used.has(split)) findings.push(split.finding);
      used.add(split);
      continue;
    }
    const key = `${f.start}:${f.end}:${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(f);
  }
  return findings;
}

/** Keeps one error per failed anyOf/oneOf instead of one per branch. */
function pruneBranches(errors: readonly ErrorObject[]): ErrorObject[] {
  const unions = errors
    .filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    .map((e) => `${e.schemaPath}/`);
  return errors.filter(
    (e) => !unions.some((prefix) => e.schemaPath.startsWith(prefix)) && e.keyword !== 'if',
  );
}

/**
 * One cause, one finding (docs/rules.md#one-cause): a value of the wrong type is not also reported as not
 * one of the enum values, and a misspelt required key is reported on the misspelt key only (its
 * message suggests the right name), not also as missing.
 */
function oneErrorPerCause(errors: readonly ErrorObject[]): ErrorObject[] {
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const misspelt = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'additionalProperties') continue;
    const known = Object.keys((e.parentSchema?.properties as object | undefined) ?? {});
    const suggestion = closest((e.params as { additionalProperty: string }).additionalProperty, known);
    if (suggestion) misspelt.add(`${e.instancePath}/${suggestion}`);
  }
  return errors.filter((e) => {
    if (e.keyword !== 'type' && wrongType.has(e.instancePath)) return false;
    return !(
      e.keyword === 'required' &&
      misspelt.has(`${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}`)
    );
  });
}

function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function errorFinding(
  error: ErrorObject,
  root: ValueNode,
  yamlText: string | undefined,
): Finding | undefined {
  const path = splitPointer(error.instancePath);
  const hit = nodeAtPath(root, path);
  if (!hit) return undefined;
  const where = hit.node;
  const label = labelOf(path, error.parentSchema);
  switch (error.keyword) {
    case 'required':
      return missingKey(error, where, hit.pair?.key, label);
    case 'additionalProperties':
      return unknownKey(error, where, label);
    case 'enum':
      return enumValue(error, where ?? hit.pair?.key, label);
    default: {
      // A key without a value (`key:` in YAML) is reported on the key.
      const empty =
        where === null || (where.kind === 'scalar' && where.value === null && where.start === where.end);
      const node = (empty ? hit.pair?.key : undefined) ?? where;
      if (!node) return undefined;
      const last = path[path.length - 1];
      const key = last !== undefined && !/^\d+$/.test(last) ? last : undefined;
      const hint = error.keyword === 'type' ? shapeHint(error.parentSchema, key, error.data) : undefined;
      const fix = hint?.wrap && yamlText !== undefined ? wrapFix(node, yamlText, hint.wrap) : undefined;
      return finding('schema', node.start, node.end, describe(error, label, empty) + (hint?.text ?? ''), fix);
    }
  }
}

/**
 * The quick fix of a "Did you mean" shape hint: what was written, wrapped (`bob` → `{ name: bob }`), kept as
 * written (its quotes too). Only for a value on one line in flow style: a block mapping cannot be wrapped in place.
 */
function wrapFix(
  node: ValueNode,
  text: string,
  wrap: { before: string; after: string },
): FixData[] | undefined {
  const written = text.slice(node.start, node.end);
  const inFlow = node.kind === 'scalar' ? !'|>'.includes(written[0] ?? '|') : written.startsWith('{');
  if (!inFlow || written.includes('\n')) return undefined;
  const replacement = `${wrap.before}${written}${wrap.after}`;
  return [
    { kind: 'rewrite', title: `Write ${replacement}`, start: node.start, end: node.end, text: replacement },
  ];
}

function labelOf(path: readonly string[], schema: JsonSchema | undefined): string {
  const last = path[path.length - 1];
  if (last !== undefined && !/^\d+$/.test(last)) return `"${last}"`;
  const title = typeof schema?.title === 'string' ? schema.title : undefined;
  if (title) return title.toLowerCase().startsWith('the ') ? title : `the ${title.toLowerCase()}`;
  return last === undefined ? 'the document' : `item ${Number(last) + 1}`;
}

/** The description's first sentence, whole, or nothing when that sentence is too long for a message. */
function descriptionHint(schema: JsonSchema | undefined): string {
  const text = typeof schema?.description === 'string' ? schema.description.split('\n')[0]! : '';
  const sentence = firstSentence(text.trim());
  return sentence.length > 0 && sentence.length < 200 ? ` ${sentence}` : '';
}

function missingKey(
  error: ErrorObject,
  where: ValueNode | null,
  parentKey: ValueNode | undefined,
  label: string,
): Finding | undefined {
  const missing = (error.params as { missingProperty: string }).missingProperty;
  const properties = error.parentSchema?.properties as Record<string, JsonSchema> | undefined;
  const hint = descriptionHint(properties?.[missing]);
  const anchor = parentKey ?? (where?.kind === 'map' ? where.pairs[0]?.key : undefined) ?? where;
  if (!anchor) return undefined;
  const message = `${capitalise(label)} is missing the required key "${missing}".${hint}`;
  const fixes: FixData[] = [];
  if (where?.kind === 'map' && where.pairs.length > 0) fixes.push(insertKeyFix(where, missing));
  return finding('schema', anchor.start, anchor.end, message, fixes);
}

function insertKeyFix(map: MapNode, key: string): FixData {
  const last = map.pairs[map.pairs.length - 1]!;
  const after = last.value ? last.value.end : last.key.end;
  return {
    kind: 'insert-key',
    title: `Add "${key}"`,
    after,
    anchor: map.pairs[0]!.key.start,
    key,
    value: '',
  };
}

function unknownKey(error: ErrorObject, where: ValueNode | null, label: string): Finding | undefined {
  const extra = (error.params as { additionalProperty: string }).additionalProperty;
  if (where?.kind !== 'map') return undefined;
  const pair = [...where.pairs].reverse().find((p) => String(p.key.value) === extra);
  if (!pair) return undefined;
  const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
  const suggestion = closest(extra, known);
  const did = suggestion ? ` Did you mean "${suggestion}"?` : '';
  const list = known.length > 0 && known.length <= 16 ? ` Known keys: ${known.join(', ')}.` : '';
  const fixes: FixData[] = suggestion
    ? [
        {
          kind: 'replace',
          title: `Rename to "${suggestion}"`,
          start: pair.key.start,
          end: pair.key.end,
          text: suggestion,
        },
      ]
    : [];
  return finding(
    'schema',
    pair.key.start,
    pair.key.end,
    `"${extra}" is not a key of ${label}.${did}${list}`,
    fixes,
  );
}

function enumValue(
  error: ErrorObject,
  node: ValueNode | null | undefined,
  label: string,
): Finding | undefined {
  if (!node) return undefined;
  const allowed = ((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
  const actual = node.kind === 'scalar' ? String(node.value) : '';
  const suggestion = node.kind === 'scalar' ? closest(actual, allowed) : undefined;
  const did = suggestion ? ` Did you mean "${suggestion}"?` : '';
  const list = allowed.length <= 12 ? ` Allowed: ${allowed.join(', ')}.` : '';
  const fixes: FixData[] = suggestion
    ? [
        {
          kind: 'replace',
          title: `Change to "${suggestion}"`,
          start: node.start,
          end: node.end,
          text: suggestion,
        },
      ]
    : [];
  return finding(
    'schema',
    node.start,
    node.end,
    `${actual === '' ? 'This' : `"${actual}"`} is not a valid value for ${label}.${did}${list}`,
    fixes,
  );
}

function describe(error: ErrorObject, label: string, empty: boolean): string {
  const params = error.params as Record<string, unknown>;
  const Label = capitalise(label);
  switch (error.keyword) {
    case 'type':
      return empty
        ? `${Label} has no value; it must be ${article(String(params.type))}.`
        : `${Label} must be ${article(String(params.type))}, not ${article(typeName(error.data))}.`;
    case 'const':
      return `${Label} must be "${String(params.allowedValue)}".`;
    case 'minItems':
      return `${Label} needs at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}.`;
    case 'maxItems':
      return `${Label} has more than ${String(params.limit)} items, beyond isc-plan's limit.`;
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      return `${Label} must be ${String(params.comparison)} ${String(params.limit)}.`;
    case 'maxLength':
      return `${Label} is longer than ${String(params.limit)} characters.`;
    case 'minLength':
      return `${Label} must not be empty.`;
    case 'pattern':
      return `${Label} does not have the expected form${patternHint(error)}.`;
    case 'anyOf':
    case 'oneOf':
      return `${Label} does not have an accepted shape${descriptionHint(error.parentSchema)}`;
    default:
      return `${Label} ${error.message ?? 'is not valid'}.`;
  }
}

function patternHint(error: ErrorObject): string {
  const pattern = String((error.params as { pattern: string }).pattern);
  if (pattern.includes(':[0-5]')) return ' (HH:MM, 24-hour clock)';
  return ` (${pattern})`;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  return typeof value;
}

function article(type: string): string {
  const words = type.split(',').map((t) => (t === 'object' ? 'mapping' : t === 'array' ? 'list' : t));
  const text =
    words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}` : words[0]!;
  return /^[aeiou]/.test(text) ? `an ${text}` : `a ${text}`;
}

function capitalise(text: string): string {
  return text.length > 0 && text[0] !== '"' ? text[0]!.toUpperCase() + text.slice(1) : text;
}
