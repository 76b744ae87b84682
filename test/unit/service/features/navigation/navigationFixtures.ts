import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { WorkspaceFiles } from '../../../../../server/src/service/features/navigation/workspaceFiles';
import type { FileState } from '../../../../../server/src/service/planService';
import { PlanService } from '../../../../../server/src/service/planService';
import type { Range } from '../../../helpers';
import { memoryHost, ROOT } from '../../../helpers';

/** A catalog with sources, an SDIM managing one of them, and flow and block entries. */
export const ACME = `kind: SourceCatalog
sources:
  - name: Active Directory
    id: 2c9180855d191c59015d291ceb051111
    connectionType: direct
    features: [PROVISIONING, ENABLE, UNLOCK, PASSWORD]
    owner: { name: ad.admin }
  - name: HR Portal
    features: [PROVISIONING]
  - { name: Payroll, connectionType: file, features: [] }
serviceDeskIntegrations:
  - name: ServiceNow SDIM
    type: ServiceNowSDIM
    managedSources: [HR Portal]
    statusMap: { requested: Queued, closed_complete: Committed }
    ticketWorkflow:
      - { status: requested, hours: { p50: 1, p90: 8 } }
      - { status: closed_complete }
`;

/** A plan naming each source of ACME, one of them by id. */
export const JANE = `kind: ProvisioningPlan
name: Jane joins Finance
identity: { name: jane.doe }
accountRequests:
  - source: Active Directory
    operation: Modify
    nativeIdentity: CN=Jane
    attributeRequests:
      - name: memberOf
        operation: Add
        value: [CN=Finance, CN=Staff]
    permissionRequests:
      - { target: '\\\\files01\\finance', rights: [Read, Write], operation: Add }
  - source: HR Portal
    operation: Create
    ticketing: { integration: ServiceNow SDIM }
  - source: 2c9180855d191c59015d291ceb051111
    operation: Enable
    nativeIdentity: CN=Jane
`;

/** A JSON plan naming Active Directory. */
export const JOE = `{
  "kind": "ProvisioningPlan",
  "identity": { "name": "joe" },
  "accountRequests": [
    { "source": "Active Directory", "operation": "Disable", "nativeIdentity": "CN=Joe" }
  ]
}
`;

/** A workspace in memory: a service and the navigation view over the same files. */
export interface TestWorkspace {
  ws: WorkspaceFiles;
  service: PlanService;
  files: Record<string, string>;
  /** Opens a file in the service (as an editor would), with `text` or its text on "disk". */
  open(name: string, text?: string): FileState;
  /** The absolute path of a workspace file. */
  at(name: string): string;
}

export function testWorkspace(files: Record<string, string>): TestWorkspace {
  const host = memoryHost(files);
  const service = new PlanService(host, { root: ROOT });
  const ws = new WorkspaceFiles(service, host, () => [ROOT]);
  const at = (name: string): string => path.join(ROOT, name);
  return {
    ws,
    service,
    files,
    at,
    open(name, text) {
      const content = text ?? files[name];
      if (content === undefined) throw new Error(`no file ${name}`);
      const state = service.open(at(name), content);
      if (!state) throw new Error(`${name} is not a plan or catalog`);
      return state;
    },
  };
}

/** The offset of the `occurrence`-th `needle` in `text`, plus `delta`. */
export function offsetOf(text: string, needle: string, occurrence = 1, delta = 0): number {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index === -1) throw new Error(`"${needle}" occurs fewer than ${occurrence} times`);
  }
  return index + delta;
}

/** LSP range of offsets in a text. */
export function rangeAt(text: string, start: number, end: number): Range {
  const doc = TextDocument.create('file:///t', 'yaml', 0, text);
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

/** A located range as tests compare it: the file relative to the workspace root, and the LSP range. */
export interface Place {
  file: string;
  range: Range;
}

/** Converts offsets of a workspace file to a place. */
export function placeOf(files: Record<string, string>, file: string, start: number, end: number): Place {
  const name = path.relative(ROOT, file).split(path.sep).join('/');
  const text = files[name];
  if (text === undefined) throw new Error(`no file ${name}`);
  return { file: name, range: rangeAt(text, start, end) };
}
