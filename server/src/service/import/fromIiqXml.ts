/**
 * IdentityIQ `ProvisioningPlan` XML (docs/isc-behaviour.md#plan-keys): `<AccountRequest application op
 * nativeIdentity>` with `<AttributeRequest name op value>` (or a nested `<Value>`) and
 * `<PermissionRequest target rights op>`. Plan and request `<Attributes><Map>` entries,
 * `<ProvisioningTargets>` and anything else IdentityIQ adds are kept as comments.
 */

import type {
  AttributeValue,
  ImportedAttribute,
  ImportedIdentity,
  ImportedPermission,
  ImportedPlan,
  ImportedRequest,
} from './importedPlan';
import { appendAll } from './importedPlan';
import { accountOperation, attributeOperation } from './operations';
import type { XmlElement } from './xmlTree';
import { childNamed, childrenNamed, outline } from './xmlTree';

/** IdentityIQ's own application: requests on it change the identity itself, not an account on a source. */
const IIQ_APPLICATION = 'IIQ';

/** Elements that hold scalar values inside `<Value>` / `<List>`. */
const SCALAR_TAGS = new Set(['String', 'Integer', 'Long', 'Boolean', 'Date']);

/** A `<Value>` (or lowercase `<value>` in map entries): one scalar, or a `<List>` of them. */
function valueOf(element: XmlElement): AttributeValue | undefined {
  const list = childNamed(element, 'List');
  if (list) return list.children.filter((child) => SCALAR_TAGS.has(child.tag)).map((child) => child.text);
  const scalar = element.children.find((child) => SCALAR_TAGS.has(child.tag));
  if (scalar) return scalar.text;
  return element.text.trim() === '' ? undefined : element.text;
}

/** The value of a request or map entry: the `value` attribute, else a nested `<Value>`/`<value>`. */
function requestValue(element: XmlElement): AttributeValue | undefined {
  const attribute = element.attributes.get('value');
  if (attribute !== undefined) return attribute;
  const nested = childNamed(element, 'Value') ?? childNamed(element, 'value');
  return nested ? valueOf(nested) : undefined;
}

/** `<Attributes><Map><entry key value/>...` as `key=value` texts, in order. */
function mapEntries(owner: XmlElement): { key: string; value: AttributeValue | undefined }[] {
  const map = childNamed(childNamed(owner, 'Attributes'), 'Map');
  return childrenNamed(map, 'entry').map((entry) => ({
    key: entry.attributes.get('key') ?? '',
    value: requestValue(entry),
  }));
}

function entryText({ key, value }: { key: string; value: AttributeValue | undefined }): string {
  if (value === undefined) return `${key} (empty)`;
  return `${key}=${Array.isArray(value) ? `[${value.join(', ')}]` : String(value)}`;
}

/** Attributes beyond the ones we map, and child elements we do not read, as comment lines. */
function extras(element: XmlElement, mapped: readonly string[], read: readonly string[]): string[] {
  const attributes = [...element.attributes]
    .filter(([name]) => !mapped.includes(name))
    .map(([name, value]) => `${name}=${value}`);
  const lines = attributes.length > 0 ? [attributes.join(', ')] : [];
  const entries = mapEntries(element);
  if (entries.length > 0) lines.push(`IdentityIQ attributes: ${entries.map(entryText).join(', ')}`);
  for (const child of element.children) {
    if (!read.includes(child.tag) && child.tag !== 'Attributes') appendAll(lines, outline(child));
  }
  return lines;
}

/** `<ProvisioningResult status>` and its messages: what IdentityIQ recorded. */
function recorded(element: XmlElement): string[] {
  const result = childNamed(element, 'ProvisioningResult');
  if (!result) return [];
  const status = result.attributes.get('status');
  return [
    `IdentityIQ recorded: ProvisioningResult${status ? ` ${status}` : ''}`,
    ...result.children.flatMap((child) => outline(child, 1)),
  ];
}

function attributeRequest(element: XmlElement): ImportedAttribute {
  const mapped = attributeOperation(element.attributes.get('op'));
  const value = requestValue(element);
  return {
    name: element.attributes.get('name') ?? '',
    operation: mapped.operation,
    ...(value !== undefined ? { value } : {}),
    comments: [
      ...recorded(element),
      ...mapped.comments,
      ...extras(element, ['name', 'op', 'value'], ['Value', 'ProvisioningResult']),
    ],
  };
}

function permissionRequest(element: XmlElement): ImportedPermission {
  const mapped = attributeOperation(element.attributes.get('op'));
  // IdentityIQ keeps rights as one comma-separated string (PermissionRequest.getRights()).
  const rights = (element.attributes.get('rights') ?? '')
    .split(',')
    .map((right) => right.trim())
    .filter((right) => right.length > 0);
  return {
    target: element.attributes.get('target') ?? '',
    rights,
    operation: mapped.operation,
    comments: [
      ...recorded(element),
      ...mapped.comments,
      ...extras(element, ['target', 'rights', 'op'], ['ProvisioningResult']),
    ],
  };
}

function accountRequest(element: XmlElement, identity: ImportedIdentity | undefined): ImportedRequest {
  const application = element.attributes.get('application');
  const mapped = accountOperation(element.attributes.get('op'));
  const comments = [...recorded(element), ...mapped.comments];
  let nativeIdentity = element.attributes.get('nativeIdentity');
  if (application === IIQ_APPLICATION) {
    comments.push(
      'Application IIQ is IdentityIQ itself: this request changes the identity (its roles or attributes), not an account on a target system.',
    );
    if (!nativeIdentity && identity) nativeIdentity = identity.name;
  }
  appendAll(
    comments,
    extras(
      element,
      ['application', 'op', 'nativeIdentity'],
      ['AttributeRequest', 'PermissionRequest', 'ProvisioningResult'],
    ),
  );
  return {
    source: application,
    operation: mapped.operation,
    ...(nativeIdentity ? { nativeIdentity } : {}),
    attributeRequests: childrenNamed(element, 'AttributeRequest').map(attributeRequest),
    permissionRequests: childrenNamed(element, 'PermissionRequest').map(permissionRequest),
    comments,
  };
}

/** The first `<Reference name id>` under `<tag>`: IdentityIQ's way of naming an identity. */
function reference(plan: XmlElement, tag: string): ImportedIdentity | undefined {
  const ref = childNamed(childNamed(plan, tag), 'Reference');
  const name = ref?.attributes.get('name');
  if (!ref || !name) return undefined;
  const id = ref.attributes.get('id');
  return id ? { name, id } : { name };
}

function planIdentities(
  plan: XmlElement,
  entries: ReturnType<typeof mapEntries>,
): { identity?: ImportedIdentity; requester?: ImportedIdentity } {
  const native = plan.attributes.get('nativeIdentity');
  const identity = reference(plan, 'Identity') ?? (native ? { name: native } : undefined);
  const requesterEntry = entries.find(
    (entry) => entry.key === 'requester' && typeof entry.value === 'string' && entry.value !== '',
  );
  const requester =
    reference(plan, 'Requesters') ?? (requesterEntry ? { name: requesterEntry.value as string } : undefined);
  return { ...(identity ? { identity } : {}), ...(requester ? { requester } : {}) };
}

/** The plan's own comments: its attributes, targets, results and whatever else it holds. */
function planComments(plan: XmlElement, entries: ReturnType<typeof mapEntries>): string[] {
  const lines = recorded(plan);
  const attributes = [...plan.attributes]
    .filter(([name]) => name !== 'trackingId' && name !== 'nativeIdentity')
    .map(([name, value]) => `${name}=${value}`);
  if (attributes.length > 0) lines.push(`IdentityIQ plan: ${attributes.join(', ')}`);
  if (entries.length > 0) lines.push(`IdentityIQ plan attributes: ${entries.map(entryText).join(', ')}`);
  const targets = childNamed(plan, 'ProvisioningTargets');
  if (targets) {
    lines.push(
      'IdentityIQ ProvisioningTargets (the accounts chosen for role assignments):',
      ...targets.children.flatMap((child) => outline(child, 1)),
    );
  }
  const read = [
    'AccountRequest',
    'Attributes',
    'ProvisioningTargets',
    'ProvisioningResult',
    'Identity',
    'Requesters',
  ];
  for (const child of plan.children) {
    if (!read.includes(child.tag)) {
      lines.push(`IdentityIQ ${child.tag} (not an account request, left out):`, ...outline(child, 1));
    }
  }
  return lines;
}

/** An IdentityIQ `<ProvisioningPlan>` element as a plan. */
export function iiqPlan(plan: XmlElement): ImportedPlan {
  const entries = mapEntries(plan);
  const { identity, requester } = planIdentities(plan, entries);
  const trackingId = plan.attributes.get('trackingId');
  const requestId = entries.find((entry) => entry.key === 'identityRequestId')?.value;
  const what =
    typeof requestId === 'string' && requestId !== '' ? `IdentityIQ request ${requestId}` : 'IdentityIQ plan';
  return {
    name: identity ? `${what} for ${identity.name}` : what,
    ...(trackingId ? { trackingId } : {}),
    ...(identity ? { identity } : {}),
    ...(requester ? { requester } : {}),
    comments: planComments(plan, entries),
    requests: childrenNamed(plan, 'AccountRequest').map((element) => accountRequest(element, identity)),
  };
}
