/**
 * ISC search documents of the `accountactivities` index (docs/isc-behaviour.md#spelling-search-documents): one account activity
 * with `accountRequests[{source, accountId, op, attributeRequests[{name, op, value}], result,
 * provisioningTarget}]`. Only `accountRequests` become requests: they are what ISC provisioned.
 * `originalRequests` (what was asked before ISC planned it), approvals and expansion items are
 * history, kept as comments so that nothing the activity says is lost.
 */

import type { ImportedPlan, ImportedRequest, JsonObject } from './importedPlan';
import { asArray, asObject, compactJson, listComments, recordedComment, text } from './importedPlan';
import type { JsonRequestFields } from './jsonRequest';
import { jsonAccountRequest, jsonRecordPlan } from './jsonRequest';

/** Keys only an account-activity search document has (the trigger has none of them). */
export const SEARCH_DOCUMENT_KEYS = [
  'originalRequests',
  'approvals',
  'expansionItems',
  'stage',
  'synced',
  'created',
  'modified',
] as const;

/** Whether one account request looks like a search document's (`op`, attribute `name`/`op`). */
export function isSearchAccountRequest(request: JsonObject): boolean {
  if ('op' in request || 'result' in request) return true;
  const attributes = asArray(request.attributeRequests) ?? [];
  return attributes.some((a) => asObject(a)?.name !== undefined && asObject(a)?.op !== undefined);
}

/** What ISC recorded for one account request: result status, ticket, target and errors. */
function recorded(request: JsonObject): string[] {
  const result = asObject(request.result);
  const target = asObject(request.provisioningTarget);
  const lines = recordedComment([
    ['result.status', text(result?.status)],
    ['ticketId', text(result?.ticketId)],
    ['provisioningTarget', text(target?.name) ?? text(target?.id)],
  ]);
  for (const error of asArray(result?.errors) ?? []) {
    lines.push(`ISC recorded error: ${typeof error === 'string' ? error : compactJson(error)}`);
  }
  return lines;
}

const FIELDS: JsonRequestFields = {
  operation: 'op',
  attribute: { name: 'name', operation: 'op', value: 'value' },
};

function accountRequest(request: JsonObject): ImportedRequest {
  return jsonAccountRequest(request, FIELDS, recorded(request));
}

/** The activity's own facts (id, action, stage, status, times), errors and history as comment lines. */
function activityComments(doc: JsonObject): string[] {
  const facts = [
    ['action', text(doc.action)],
    ['stage', text(doc.stage)],
    ['status', text(doc.status)],
    ['created', text(doc.created)],
    ['modified', text(doc.modified)],
  ].filter((fact): fact is [string, string] => fact[1] !== undefined);
  const id = text(doc.id);
  const lines: string[] = [];
  if (id || facts.length > 0) {
    lines.push(
      `ISC account activity${id ? ` ${id}` : ''}${facts.length > 0 ? `: ${facts.map(([k, v]) => `${k} ${v}`).join(', ')}` : ''}`,
    );
  }
  lines.push(
    ...listComments('ISC recorded errors', asArray(doc.errors)),
    ...listComments('ISC recorded warnings', asArray(doc.warnings)),
    ...listComments(
      'originalRequests (as requested, before ISC planned them)',
      asArray(doc.originalRequests),
      'none',
    ),
    ...listComments('approvals', asArray(doc.approvals), 'none'),
    ...listComments('expansionItems', asArray(doc.expansionItems), 'none'),
  );
  return lines;
}

/** One account-activity search document as a plan. */
export function searchDocumentPlan(doc: JsonObject): ImportedPlan {
  const action = text(doc.action) ?? 'Account activity';
  return jsonRecordPlan(doc, action, activityComments(doc), accountRequest);
}
