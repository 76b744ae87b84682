/**
 * ISC's JSON records (the search document and the trigger payload) as plans. Both have the same
 * parts, the account requests under different names (`op` / `accountOperation`, attribute `name` /
 * `attributeName`...); each format names its fields and this module reads them.
 */

import type { ImportedAttribute, ImportedPlan, ImportedRequest, JsonObject } from './importedPlan';
import { asArray, asObject, attributeValueOf, compactJson, identityOf, objects, text } from './importedPlan';
import { accountOperation, attributeOperation } from './operations';

/** Where one format keeps the parts of an account request and of its attribute requests. */
export interface JsonRequestFields {
  /** The account operation's key. */
  operation: string;
  /** The keys of an attribute request's name, operation and value. */
  attribute: { name: string; operation: string; value: string };
}

/** An attribute request; undefined without a name; `value` is absent when the record's is null or missing. */
function attributeRequest(
  entry: JsonObject,
  fields: JsonRequestFields['attribute'],
): ImportedAttribute | undefined {
  const name = text(entry[fields.name]);
  if (!name) return undefined;
  const mapped = attributeOperation(text(entry[fields.operation]));
  const value = attributeValueOf(entry[fields.value]);
  return {
    name,
    operation: mapped.operation,
    ...(value !== undefined && value !== null ? { value } : {}),
    comments: mapped.comments,
  };
}

/**
 * One account request of a record: source (name, else id), the mapped operation, `accountId` and
 * the attribute requests in their order. `recorded` (what ISC recorded about it) comes first among
 * the comments; an attribute request without a name is left out with a comment that shows it.
 */
export function jsonAccountRequest(
  request: JsonObject,
  fields: JsonRequestFields,
  recorded: readonly string[],
): ImportedRequest {
  const source = asObject(request.source);
  const mapped = accountOperation(text(request[fields.operation]));
  const comments = [...recorded, ...mapped.comments];
  const attributeRequests: ImportedAttribute[] = [];
  for (const entry of asArray(request.attributeRequests) ?? []) {
    const object = asObject(entry);
    const converted = object ? attributeRequest(object, fields.attribute) : undefined;
    if (converted) attributeRequests.push(converted);
    else {
      const named = fields.attribute.name === 'name' ? 'a name' : `an ${fields.attribute.name}`;
      comments.push(`An attribute request without ${named} is left out: ${compactJson(entry)}`);
    }
  }
  const nativeIdentity = text(request.accountId);
  return {
    source: text(source?.name) ?? text(source?.id),
    operation: mapped.operation,
    ...(nativeIdentity ? { nativeIdentity } : {}),
    attributeRequests,
    permissionRequests: [],
    comments,
  };
}

/**
 * A record as a plan: named after `action` and the recipient (else the tracking number), with the
 * recipient, requester and tracking number, the record's `comments` (a recipient without a name is
 * kept as the first of them) and its account requests, each converted by `accountRequest`.
 */
export function jsonRecordPlan(
  record: JsonObject,
  action: string,
  comments: string[],
  accountRequest: (request: JsonObject) => ImportedRequest,
): ImportedPlan {
  const identity = identityOf(record.recipient);
  const requester = identityOf(record.requester);
  const trackingId = text(record.trackingNumber);
  const name = identity ? `${action} for ${identity.name}` : trackingId ? `${action} ${trackingId}` : action;
  const recipient = record.recipient;
  if (!identity && recipient !== undefined && recipient !== null) {
    comments.unshift(`recipient without a name: ${compactJson(recipient)}`);
  }
  return {
    name,
    ...(trackingId ? { trackingId } : {}),
    ...(identity ? { identity } : {}),
    ...(requester ? { requester } : {}),
    comments,
    requests: objects(record.accountRequests).map(accountRequest),
  };
}
