/**
 * Provisioning Completed trigger payloads (`idn:post-provisioning`, docs/isc-behaviour.md#trigger-shape):
 * `accountRequests[{source{id,name}, accountId, accountOperation, attributeRequests[{attributeName,
 * attributeValue, operation}], provisioningResult, provisioningTarget, ticketId}]`. The trigger
 * carries one attribute request per value (`isc-plan simulate --format trigger` splits a list value
 * the same way), so consecutive requests of one attribute and operation are merged back into one
 * request with a list value: a plan simulated and imported back has the requests it started with.
 * The payload's `sources` (one comma-separated string) only repeats the requests' source names and
 * is not needed.
 */

import type { ImportedAttribute, ImportedPlan, ImportedRequest, Json, JsonObject } from './importedPlan';
import type { ScalarValue } from '../text/yamlText';
import { asArray, asObject, listComments, recordedComment, text } from './importedPlan';
import type { JsonRequestFields } from './jsonRequest';
import { jsonAccountRequest, jsonRecordPlan } from './jsonRequest';

/** Whether one account request looks like the trigger's (`accountOperation`, `attributeName`...). */
export function isTriggerAccountRequest(request: JsonObject): boolean {
  if ('accountOperation' in request || 'provisioningResult' in request) return true;
  return (asArray(request.attributeRequests) ?? []).some((a) => asObject(a)?.attributeName !== undefined);
}

/** Whether `next` continues `last`: same attribute and operation, both with a single value. */
function continues(
  last: ImportedAttribute | undefined,
  next: ImportedAttribute,
): last is ImportedAttribute & { value: ScalarValue | ScalarValue[] } {
  return (
    last !== undefined &&
    last.name === next.name &&
    last.operation === next.operation &&
    last.value !== undefined &&
    next.value !== undefined &&
    !Array.isArray(next.value) &&
    next.comments.length === 0
  );
}

/** Merges runs of one attribute and operation into one request with a list value, in order. */
export function mergeRuns(attributes: readonly ImportedAttribute[]): ImportedAttribute[] {
  const merged: ImportedAttribute[] = [];
  // The lists this merge made, which it may extend in place (linear time, never an input's array).
  const own = new WeakSet<ScalarValue[]>();
  for (const attribute of attributes) {
    const last = merged[merged.length - 1];
    if (continues(last, attribute)) {
      if (Array.isArray(last.value) && own.has(last.value)) {
        last.value.push(attribute.value as ScalarValue);
      } else {
        const values = Array.isArray(last.value) ? [...last.value] : [last.value];
        values.push(attribute.value as ScalarValue);
        own.add(values);
        last.value = values;
      }
    } else {
      merged.push({ ...attribute });
    }
  }
  return merged;
}

const FIELDS: JsonRequestFields = {
  operation: 'accountOperation',
  attribute: { name: 'attributeName', operation: 'operation', value: 'attributeValue' },
};

function accountRequest(request: JsonObject): ImportedRequest {
  const recorded = recordedComment([
    ['provisioningResult', text(request.provisioningResult)],
    ['provisioningTarget', text(request.provisioningTarget)],
    ['ticketId', text(request.ticketId)],
  ]);
  const converted = jsonAccountRequest(request, FIELDS, recorded);
  return { ...converted, attributeRequests: mergeRuns(converted.attributeRequests) };
}

/** One Provisioning Completed trigger payload as a plan. */
export function triggerPlan(payload: JsonObject): ImportedPlan {
  const action = text(payload.action);
  const comments = [
    ...(action ? [`ISC trigger action: ${action}`] : []),
    ...listComments('ISC recorded errors', asArray(payload.errors)),
    ...listComments('ISC recorded warnings', asArray(payload.warnings)),
  ];
  const requests = asArray(payload.accountRequests) ?? [];
  const kept = requests.filter((request, k) => !splitPart(request, requests.slice(0, k)));
  if (kept.length < requests.length) {
    comments.push(
      'ISC listed split-off permission requests as their own account requests; they are part of the request before them here',
    );
  }
  return jsonRecordPlan(
    { ...payload, accountRequests: kept },
    action ?? 'Provisioning',
    comments,
    accountRequest,
  );
}

/**
 * An entry without attribute requests for an account and operation an earlier entry already has:
 * the permission requests ISC split off (NO_PERMISSIONS_PROVISIONING), which the trigger cannot carry.
 */
function splitPart(request: Json, before: readonly Json[]): boolean {
  const entry = asObject(request);
  if (!entry || (asArray(entry.attributeRequests)?.length ?? 0) > 0) return false;
  const key = (e: JsonObject): string =>
    [text(asObject(e.source)?.name), text(e.accountId), text(e.accountOperation)].join('\u0000');
  return before.some((other) => {
    const earlier = asObject(other);
    return earlier !== undefined && key(earlier) === key(entry);
  });
}
