/** Shared by the completion tests: complete at a marked cursor in a plan or catalog beside the test catalog. */
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { completionAt } from '../../../../../server/src/service/features/completion/completion';
import type {
  CompletionAnswer,
  CompletionEntry,
} from '../../../../../server/src/service/features/completion/completionTypes';
import { CATALOG, ROOT, serviceFor } from '../../../helpers';

export const OPERATIONS = ['Create', 'Modify', 'Delete', 'Enable', 'Disable', 'Lock', 'Unlock'];
export const CATALOG_SOURCES = [
  'Active Directory',
  'Payroll',
  'Orphan Files',
  'File Share',
  'HR Portal',
  'Mainframe',
];
export const REQUEST_KEYS = [
  'source',
  'operation',
  'nativeIdentity',
  'attributeRequests',
  'permissionRequests',
  'channel',
  'manual',
  'ticketing',
  'comments',
];
export const REQUEST_SNIPPETS = [
  'New account request (Modify)',
  'New account request (Create)',
  'New account request (Disable)',
];
export const SOURCE_KEYS = [
  'name',
  'id',
  'type',
  'connector',
  'connectionType',
  'features',
  'owner',
  'description',
  'accountSchema',
  'aggregation',
  'connectorAttributes',
  'timing',
];

export interface Completed {
  answer: CompletionAnswer;
  text: string;
  offset: number;
  labels: string[];
  item: (label: string) => CompletionEntry;
}

/** Completes at the `|` of `marked`, the file `name` lying beside the test catalog. */
export function complete(
  marked: string,
  name = 'jane.plan.yaml',
  files: Record<string, string> = { 'acme.sources.yaml': CATALOG },
): Completed {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'the text marks the cursor with |');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const service = serviceFor({ ...files, [name]: text });
  const state = service.open(path.join(ROOT, name), text)!;
  const answer = completionAt({
    text,
    offset,
    format: state.type.format,
    role: state.type.role,
    doc: service.documentAt(state, offset),
    catalogOf: (doc) => service.catalogsOf(state, doc).catalog,
  });
  const item = (label: string): CompletionEntry => {
    const found = answer.items.find((i) => i.label === label);
    assert.ok(found, `no item ${label} among ${answer.items.map((i) => i.label).join(', ')}`);
    return found;
  };
  return { answer, text, offset, labels: answer.items.map((i) => i.label), item };
}
