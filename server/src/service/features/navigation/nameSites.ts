import type { CatalogShape } from '../../catalog/types';
import type { CatalogDocument } from '../../document/catalogDocument';
import type { PlanDocument } from '../../document/planDocument';
import type { ParsedDocument } from '../../document/sourceFile';
import type { ScalarNode, ValueNode } from '../../syntax/ast';
import { getValue, nodeAt, stringOf } from '../../syntax/ast';
import type { EntryKind } from './catalogEntries';

/** A name at the cursor that navigation understands. */
export type Site =
  /** A request's `source:` value. */
  | { type: 'request-source'; doc: PlanDocument; node: ScalarNode; value: string }
  /** A request's `ticketing.integration` value. */
  | { type: 'integration'; doc: PlanDocument; node: ScalarNode; value: string }
  /** A path of a plan's `catalog:` key. */
  | { type: 'catalog-ref'; doc: PlanDocument; node: ScalarNode; value: string }
  /** The `name` of a catalog entry, or of a plan's inline source. */
  | { type: 'entry'; kind: EntryKind; doc: PlanDocument | CatalogDocument; node: ScalarNode; value: string }
  /** A source an SDIM manages (`managedSources` item, or an export's `managedResourceRefs` name or id). */
  | { type: 'managed'; doc: CatalogDocument; node: ScalarNode; value: string };

/** A path pattern: keys, and `#` for any index of a sequence. */
type Pattern = readonly (string | number)[];

const ANY = '#';

/** Where SDIMs name the sources they manage, per catalog shape. */
const MANAGED: Partial<Record<CatalogShape, readonly Pattern[]>> = {
  'source-catalog': [['serviceDeskIntegrations', ANY, 'managedSources', ANY]],
  'isc-service-desk-integrations': [
    [ANY, 'provisioningConfig', 'managedResourceRefs', ANY, 'name'],
    [ANY, 'provisioningConfig', 'managedResourceRefs', ANY, 'id'],
    [ANY, 'managedSources', ANY],
  ],
  'sp-config': [
    ['objects', ANY, 'object', 'provisioningConfig', 'managedResourceRefs', ANY, 'name'],
    ['objects', ANY, 'object', 'provisioningConfig', 'managedResourceRefs', ANY, 'id'],
  ],
};

/** Where entries keep their names, per catalog shape and kind. */
const NAMES: Partial<Record<CatalogShape, readonly [Pattern, EntryKind | 'by-self-type'][]>> = {
  'source-catalog': [
    [['sources', ANY, 'name'], 'source'],
    [['serviceDeskIntegrations', ANY, 'name'], 'integration'],
  ],
  'isc-sources': [[[ANY, 'name'], 'source']],
  'isc-service-desk-integrations': [[[ANY, 'name'], 'integration']],
  'sp-config': [[['objects', ANY, 'object', 'name'], 'by-self-type']],
};

/** The name at an offset of a document, when it is one navigation follows. */
export function siteAt(doc: ParsedDocument, offset: number): Site | undefined {
  const root = doc.syntax.root;
  const hit = nodeAt(root, offset);
  if (!hit || hit.onKey || hit.node.kind !== 'scalar') return undefined;
  const node = hit.node;
  const value = stringOf(node);
  if (value === undefined || value === '') return undefined;
  const path = hit.path;
  if (doc.kind === 'plan') {
    if (matches(path, ['accountRequests', ANY, 'source'])) {
      return { type: 'request-source', doc, node, value };
    }
    if (matches(path, ['accountRequests', ANY, 'ticketing', 'integration'])) {
      return { type: 'integration', doc, node, value };
    }
    if (matches(path, ['catalog']) || matches(path, ['catalog', ANY])) {
      return { type: 'catalog-ref', doc, node, value };
    }
    if (matches(path, ['sources', ANY, 'name'])) return { type: 'entry', kind: 'source', doc, node, value };
    return undefined;
  }
  if (doc.kind !== 'catalog' || !doc.content) return undefined;
  const shape = doc.content.shape;
  for (const [pattern, kind] of NAMES[shape] ?? []) {
    if (!matches(path, pattern)) continue;
    const resolved = kind === 'by-self-type' ? spConfigKind(root, path[1]) : kind;
    return resolved ? { type: 'entry', kind: resolved, doc, node, value } : undefined;
  }
  if ((MANAGED[shape] ?? []).some((pattern) => matches(path, pattern))) {
    return { type: 'managed', doc, node, value };
  }
  return undefined;
}

/** Every place a catalog document names a source that one of its SDIMs manages. */
export function managedNodes(doc: CatalogDocument): { node: ScalarNode; value: string }[] {
  const found: { node: ScalarNode; value: string }[] = [];
  if (!doc.content) return found;
  for (const pattern of MANAGED[doc.content.shape] ?? []) {
    collect(doc.syntax.root, pattern, 0, (node) => {
      const value = stringOf(node);
      if (node.kind === 'scalar' && value) found.push({ node, value });
    });
  }
  return found;
}

function matches(path: readonly (string | number)[], pattern: Pattern): boolean {
  if (path.length !== pattern.length) return false;
  return pattern.every((segment, i) => (segment === ANY ? typeof path[i] === 'number' : path[i] === segment));
}

function collect(
  node: ValueNode | null | undefined,
  pattern: Pattern,
  depth: number,
  visit: (node: ValueNode) => void,
): void {
  if (!node) return;
  if (depth === pattern.length) {
    visit(node);
    return;
  }
  const segment = pattern[depth]!;
  if (segment === ANY) {
    if (node.kind === 'seq') for (const item of node.items) collect(item, pattern, depth + 1, visit);
  } else {
    collect(getValue(node, String(segment)), pattern, depth + 1, visit);
  }
}

function spConfigKind(root: ValueNode | null, index: string | number | undefined): EntryKind | undefined {
  const objects = getValue(root, 'objects');
  const entry = objects?.kind === 'seq' && typeof index === 'number' ? objects.items[index] : undefined;
  const type = stringOf(getValue(getValue(entry, 'self'), 'type'));
  return type === 'SOURCE' ? 'source' : type === 'SERVICE_DESK_INTEGRATION' ? 'integration' : undefined;
}
