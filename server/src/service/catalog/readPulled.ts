import type { MapNode, PairNode, ValueNode } from '../syntax/ast';
import { getValue, stringOf, toValue } from '../syntax/ast';
import type { AccountAttribute, CatalogContent, CatalogSource } from './types';

/**
 * The two per-source files `isc-plan pull` writes (docs/formats.md#pulled-tenant): a JSON object
 * whose keys are source ids and whose values are ISC's own list responses, unchanged:
 * `account-schemas.json` (List schemas on source, `Schema[]`) and `aggregation-schedules.json`
 * (List schedules on source, `Schedule[]`). Each key becomes a source entry with only its `id`,
 * which merging joins to the source of that id (catalog/merge.ts).
 */

/** Whether every value of a map is a list of objects that all pass `test`, and there is at least one object. */
function everyListItem(root: MapNode, test: (item: MapNode) => boolean): boolean {
  let objects = 0;
  for (const pair of root.pairs) {
    if (pair.value?.kind !== 'seq') return false;
    for (const item of pair.value.items) {
      if (item.kind !== 'map' || !test(item)) return false;
      objects++;
    }
  }
  return objects > 0;
}

/** Schema objects: `attributes` is a list and `nativeObjectType` or `name` says which schema it is. */
export function isSourceSchemasMap(root: MapNode): boolean {
  return everyListItem(
    root,
    (item) =>
      getValue(item, 'attributes')?.kind === 'seq' &&
      (getValue(item, 'nativeObjectType') !== undefined || getValue(item, 'name') !== undefined),
  );
}

/** Schedule objects: a `type` and a `cronExpression`. */
export function isSourceSchedulesMap(root: MapNode): boolean {
  return everyListItem(
    root,
    (item) =>
      stringOf(getValue(item, 'type')) !== undefined &&
      stringOf(getValue(item, 'cronExpression')) !== undefined,
  );
}

function sourceFor(file: string, pair: PairNode): CatalogSource {
  const origin = {
    file,
    start: pair.key.start,
    end: pair.value?.end ?? pair.key.end,
    nameStart: pair.key.start,
    nameEnd: pair.key.end,
  };
  return { name: '', id: String(pair.key.value), features: [], origins: [origin] };
}

function listOf(node: ValueNode | null): MapNode[] {
  return node?.kind === 'seq' ? node.items.filter((item): item is MapNode => item.kind === 'map') : [];
}

/**
 * The account schema among a source's schemas: the one named `account` (ISC's name for it), else
 * the first that is not the `group` schema.
 */
function accountSchema(schemas: MapNode[]): MapNode | undefined {
  const named = (item: MapNode): string => (stringOf(getValue(item, 'name')) ?? '').toLowerCase();
  return schemas.find((item) => named(item) === 'account') ?? schemas.find((item) => named(item) !== 'group');
}

function readAttributeDefinition(node: MapNode): AccountAttribute {
  const attribute: AccountAttribute = {
    name: stringOf(getValue(node, 'name')) ?? '',
    multi: toValue(getValue(node, 'isMulti') ?? null) === true,
    entitlement: toValue(getValue(node, 'isEntitlement') ?? null) === true,
  };
  const type = stringOf(getValue(node, 'type'));
  if (type) attribute.type = type.toLowerCase();
  return attribute;
}

/** Reads `account-schemas.json`: each source's account schema attributes. */
export function readSourceSchemas(file: string, root: MapNode, content: CatalogContent): void {
  for (const pair of root.pairs) {
    const schema = accountSchema(listOf(pair.value));
    if (!schema) continue;
    const source = sourceFor(file, pair);
    source.accountSchema = {
      attributes: listOf(getValue(schema, 'attributes') ?? null).map(readAttributeDefinition),
    };
    content.sources.push(source);
  }
}

/** Reads `aggregation-schedules.json`: each source's `ACCOUNT_AGGREGATION` cron expression. */
export function readSourceSchedules(file: string, root: MapNode, content: CatalogContent): void {
  for (const pair of root.pairs) {
    const schedule = listOf(pair.value).find(
      (item) => stringOf(getValue(item, 'type')) === 'ACCOUNT_AGGREGATION',
    );
    const cron = stringOf(getValue(schedule, 'cronExpression'));
    // Without an account aggregation schedule the source is aggregated on demand or on a file
    // upload: what the model assumes for a source without a schedule.
    if (cron === undefined) continue;
    const source = sourceFor(file, pair);
    source.aggregation = { schedule: cron };
    content.sources.push(source);
  }
}
