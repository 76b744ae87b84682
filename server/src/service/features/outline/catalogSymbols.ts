import { recogniseCatalog } from '../../catalog/read';
import type { ValueNode } from '../../syntax/ast';
import { getPair, getValue, stringOf, toValue } from '../../syntax/ast';
import type { LazySymbol } from './outlineSymbol';
import { lazy, pairSymbol } from './outlineSymbol';

/** The top-level symbols of a catalog document, whatever its shape (docs/formats.md#catalogs, #exports). */
export function catalogSymbols(root: ValueNode): LazySymbol[] {
  const items = root.kind === 'seq' ? root.items : [];
  switch (recogniseCatalog(root)) {
    case 'source-catalog':
      return sourceCatalogSymbols(root);
    case 'isc-sources':
      return items.map(sourceSymbol);
    case 'isc-service-desk-integrations':
      return items.map(integrationSymbol);
    case 'isc-status-check':
      return [lazy('statusCheck', statusCheckDetail(root), 'status-check', root, undefined)];
    case 'sp-config':
      return spConfigSymbols(root);
    default:
      return [];
  }
}

function sourceCatalogSymbols(root: ValueNode): LazySymbol[] {
  if (root.kind !== 'map') return [];
  const symbols: LazySymbol[] = [];
  for (const pair of root.pairs) {
    const value = pair.value;
    const items = value?.kind === 'seq' ? value.items : undefined;
    if (pair.key.value === 'sources' && items) {
      symbols.push(pairSymbol(pair, 'group', count(items.length, 'source'), () => items.map(sourceSymbol)));
    }
    if (pair.key.value === 'serviceDeskIntegrations' && items) {
      symbols.push(
        pairSymbol(pair, 'group', count(items.length, 'integration'), () => items.map(integrationSymbol)),
      );
    }
    if (pair.key.value === 'statusCheck' && value) {
      symbols.push(pairSymbol(pair, 'status-check', statusCheckDetail(value)));
    }
  }
  return symbols;
}

function spConfigSymbols(root: ValueNode): LazySymbol[] {
  const objects = getValue(root, 'objects');
  const symbols: LazySymbol[] = [];
  for (const entry of objects?.kind === 'seq' ? objects.items : []) {
    const type = stringOf(getValue(getValue(entry, 'self'), 'type'));
    const object = getValue(entry, 'object');
    if (!object || object.kind !== 'map') continue;
    if (type === 'SOURCE') symbols.push(sourceSymbol(object));
    if (type === 'SERVICE_DESK_INTEGRATION') symbols.push(integrationSymbol(object));
  }
  return symbols;
}

/** A source entry: its name, and its type, connection type and features as detail. */
export function sourceSymbol(node: ValueNode): LazySymbol {
  const features = toValue(getValue(node, 'features') ?? null);
  const list = Array.isArray(features) ? features.map(String) : [];
  const shown =
    list.length === 0
      ? 'no features'
      : list.length <= 3
        ? list.join(', ')
        : `${list.slice(0, 3).join(', ')} +${list.length - 3}`;
  const detail = [stringOf(getValue(node, 'type')), stringOf(getValue(node, 'connectionType')), shown]
    .filter(Boolean)
    .join(' · ');
  return entrySymbol(node, 'source', detail);
}

/** An SDIM entry, with its status map and ticket workflow as children. */
export function integrationSymbol(node: ValueNode): LazySymbol {
  const config = getValue(node, 'provisioningConfig');
  const universal =
    toValue(getValue(node, 'universalManager') ?? getValue(config, 'universalManager') ?? null) === true;
  const managed = getValue(node, 'managedSources');
  const refs = getValue(config, 'managedResourceRefs');
  const names =
    managed?.kind === 'seq'
      ? managed.items.map(stringOf)
      : refs?.kind === 'seq'
        ? refs.items.map((ref) => stringOf(getValue(ref, 'name')) ?? stringOf(getValue(ref, 'id')))
        : [];
  const manages = universal
    ? 'universal: takes what no connector provisions'
    : names.length > 0
      ? `manages ${names.filter(Boolean).join(', ')}`
      : undefined;
  const detail = [stringOf(getValue(node, 'type')), manages].filter(Boolean).join(' · ');
  return entrySymbol(node, 'integration', detail, () => integrationChildren(node));
}

function integrationChildren(node: ValueNode): LazySymbol[] {
  if (node.kind !== 'map') return [];
  const children: LazySymbol[] = [];
  const statusMap = getPair(node, 'statusMap');
  const map = statusMap?.value;
  if (statusMap && map?.kind === 'map') {
    children.push(
      pairSymbol(statusMap, 'status-map', count(map.pairs.length, 'status', 'statuses'), () =>
        map.pairs.map((pair) => pairSymbol(pair, 'status', stringOf(pair.value))),
      ),
    );
  }
  const workflow = getPair(node, 'ticketWorkflow');
  const states = workflow?.value;
  if (workflow && states?.kind === 'seq') {
    children.push(
      pairSymbol(workflow, 'workflow', count(states.items.length, 'state'), () =>
        states.items.map(workflowStateSymbol),
      ),
    );
  }
  return children;
}

function workflowStateSymbol(node: ValueNode): LazySymbol {
  const hours = getValue(node, 'hours');
  const p50 = stringOf(getValue(hours, 'p50'));
  const p90 = stringOf(getValue(hours, 'p90'));
  const chance = stringOf(getValue(node, 'failureChance'));
  const detail = [
    p50 !== undefined ? `p50 ${p50} h` : undefined,
    p90 !== undefined ? `p90 ${p90} h` : undefined,
    chance ? `fails ${chance}` : undefined,
  ];
  const status = getValue(node, 'status');
  const shown = detail.filter(Boolean).join(' · ');
  return lazy(stringOf(status) || '(no status)', shown || 'terminal', 'workflow-state', node, status);
}

function entrySymbol(
  node: ValueNode,
  kind: 'source' | 'integration',
  detail: string,
  expand?: () => LazySymbol[],
): LazySymbol {
  const nameNode = getValue(node, 'name');
  const name = stringOf(nameNode) || (kind === 'source' ? '(unnamed source)' : '(unnamed integration)');
  return lazy(name, detail || undefined, kind, node, nameNode, expand);
}

function statusCheckDetail(node: ValueNode): string {
  const interval = stringOf(getValue(node, 'provisioningStatusCheckIntervalMinutes'));
  const days = stringOf(getValue(node, 'provisioningMaxStatusCheckDays'));
  return [interval ? `every ${interval} min` : undefined, days ? `for ${days} days` : undefined]
    .filter(Boolean)
    .join(' · ');
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
