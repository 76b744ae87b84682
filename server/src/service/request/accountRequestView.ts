import type { MapNode, PlainValue, ScalarNode, ValueNode } from '../syntax/ast';
import { getPair, toValue } from '../syntax/ast';

/** A string field of a request together with the node it was read from. */
export interface Field {
  value: string;
  node: ScalarNode;
}

export interface AttributeRequestView {
  node: MapNode;
  name?: Field;
  operation?: Field;
  value: PlainValue;
  valueNode: ValueNode | null;
  /** True when the request has a `value` key at all. */
  hasValue: boolean;
}

export interface PermissionRequestView {
  node: ValueNode;
  target?: Field;
  operation?: Field;
}

/** The fields of one account request that rules, channels and predictions read. */
export interface AccountRequestView {
  node: MapNode;
  source?: Field;
  operation?: Field;
  nativeIdentity?: Field;
  channel?: Field;
  attributeRequests: AttributeRequestView[];
  permissionRequests: PermissionRequestView[];
  /** The `permissionRequests` key, when present. */
  permissionKey?: ScalarNode;
  manual?: { key: ScalarNode; node: ValueNode | null };
  ticketing?: { key: ScalarNode; node: ValueNode | null; integration?: Field };
}

/** A scalar field as a string, when the key holds a non-empty scalar. */
export function fieldOf(map: MapNode, key: string): Field | undefined {
  const value = getPair(map, key)?.value;
  if (!value || value.kind !== 'scalar' || value.value === null) return undefined;
  const text = String(value.value);
  return text === '' ? undefined : { value: text, node: value };
}

/** Reads a request node. Nodes of the wrong shape are skipped: the schema reports them. */
export function viewAccountRequest(node: MapNode): AccountRequestView {
  const view: AccountRequestView = { node, attributeRequests: [], permissionRequests: [] };
  const source = fieldOf(node, 'source');
  if (source) view.source = source;
  const operation = fieldOf(node, 'operation');
  if (operation) view.operation = operation;
  const nativeIdentity = fieldOf(node, 'nativeIdentity');
  if (nativeIdentity) view.nativeIdentity = nativeIdentity;
  const channel = fieldOf(node, 'channel');
  if (channel) view.channel = channel;
  const attributes = getPair(node, 'attributeRequests')?.value;
  if (attributes?.kind === 'seq') {
    for (const item of attributes.items) {
      if (item.kind === 'map') view.attributeRequests.push(viewAttributeRequest(item));
    }
  }
  const permissionPair = getPair(node, 'permissionRequests');
  if (permissionPair) {
    view.permissionKey = permissionPair.key;
    if (permissionPair.value?.kind === 'seq') {
      for (const item of permissionPair.value.items) {
        view.permissionRequests.push(viewPermissionRequest(item));
      }
    }
  }
  const manual = getPair(node, 'manual');
  if (manual) view.manual = { key: manual.key, node: manual.value };
  const ticketing = getPair(node, 'ticketing');
  if (ticketing) {
    view.ticketing = { key: ticketing.key, node: ticketing.value };
    const integration = ticketing.value?.kind === 'map' ? fieldOf(ticketing.value, 'integration') : undefined;
    if (integration) view.ticketing.integration = integration;
  }
  return view;
}

function viewAttributeRequest(node: MapNode): AttributeRequestView {
  const valuePair = getPair(node, 'value');
  const view: AttributeRequestView = {
    node,
    value: valuePair ? toValue(valuePair.value) : null,
    valueNode: valuePair?.value ?? null,
    hasValue: valuePair !== undefined,
  };
  const name = fieldOf(node, 'name');
  if (name) view.name = name;
  const operation = fieldOf(node, 'operation');
  if (operation) view.operation = operation;
  return view;
}

function viewPermissionRequest(node: ValueNode): PermissionRequestView {
  const view: PermissionRequestView = { node };
  if (node.kind === 'map') {
    const target = fieldOf(node, 'target');
    if (target) view.target = target;
    const operation = fieldOf(node, 'operation');
    if (operation) view.operation = operation;
  }
  return view;
}

/** True when a Modify sets or changes the account's password (docs/prediction-model.md#channel-decision). */
export function changesPassword(view: AccountRequestView): boolean {
  return view.attributeRequests.some(
    (attribute) =>
      attribute.name?.value.toLowerCase() === 'password' && attribute.operation?.value !== 'Remove',
  );
}
