import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toDiagnostics } from '../../server/src/cli/output';
import { EXAMPLE_CATALOG_START, EXAMPLE_PAYROLL_SOURCE } from '../../client/src/templates';
import type { ServiceOptions } from '../../server/src/service/planService';
import { PlanService } from '../../server/src/service/planService';
import type { ServiceHost } from '../../server/src/service/workspace/serviceHost';

/** Findings as diagnostics with LSP ranges: the CLI's conversion, which the tests assert through. */
export { toDiagnostics };

/** The workspace root of in-memory test files. */
export const ROOT = path.resolve('/ws');

/** A host over an in-memory file tree: keys are paths relative to ROOT. */
export function memoryHost(files: Record<string, string>): ServiceHost {
  const absolute = new Map(Object.entries(files).map(([name, text]) => [path.join(ROOT, name), text]));
  return {
    readFile: (file) => absolute.get(file),
    listFiles: (folder) => {
      const names = [...absolute.keys()]
        .filter((file) => path.dirname(file) === folder)
        .map((file) => path.basename(file));
      return names.length > 0 ? names : undefined;
    },
    findFiles: (root, pattern) =>
      [...absolute.keys()].filter(
        (file) => isFoundUnder(root, file) && path.basename(file).search(pattern) !== -1,
      ),
  };
}

/** Whether a workspace walk from `root` reaches `file` (it skips node_modules and hidden folders). */
function isFoundUnder(root: string, file: string): boolean {
  const relative = path.relative(root, path.dirname(file));
  if (relative.startsWith('..') || path.isAbsolute(relative)) return false;
  return !relative.split(path.sep).some((folder) => folder === 'node_modules' || folder.startsWith('.'));
}

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A finding as a test asserts it: LSP range (zero-based, UTF-16). */
export interface Diagnostic {
  code: string;
  severity: string;
  message: string;
  range: Range;
}

/** A service over in-memory files, rooted at ROOT. */
export function serviceFor(
  files: Record<string, string>,
  options: Partial<ServiceOptions> = {},
): PlanService {
  return new PlanService(memoryHost(files), { root: ROOT, ...options });
}

/** Validates `target` among `files` and returns its diagnostics with positions. */
export function diagnose(
  files: Record<string, string>,
  target: string,
  options: Partial<ServiceOptions> = {},
): Diagnostic[] {
  const service = serviceFor(files, options);
  const file = path.join(ROOT, target);
  const text = files[target];
  if (text === undefined) throw new Error(`no test file ${target}`);
  service.open(file, text);
  return toDiagnostics(text, service.findings(file));
}

/** The LSP range of the `occurrence`-th (1-based) appearance of `needle` in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 1): Range {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index === -1) throw new Error(`"${needle}" occurs fewer than ${occurrence} times`);
  }
  const doc = TextDocument.create('file:///test', 'yaml', 0, text);
  return { start: doc.positionAt(index), end: doc.positionAt(index + needle.length) };
}

/** Each diagnostic as its code and `line:character-line:character`. */
export function brief(found: readonly Diagnostic[]): [string, string][] {
  return found.map((d) => [
    d.code,
    `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`,
  ]);
}

/** The same text with CRLF line endings. */
export function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** Only the diagnostics of one code. */
export function withCode(diagnostics: readonly Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

/** The example tenant's Active Directory account schema (it continues the Active Directory entry). */
export const AD_ACCOUNT_SCHEMA = `    accountSchema:
      attributes:
        - { name: memberOf, type: string, multi: true, entitlement: true }
        - { name: department, type: string }
        - { name: password, type: string }
`;

/** A small catalog used across tests (one source per channel situation), on the templates' example tenant. */
export const CATALOG = `${EXAMPLE_CATALOG_START}${AD_ACCOUNT_SCHEMA}${EXAMPLE_PAYROLL_SOURCE}  - name: Orphan Files
    connectionType: file
    features: []
  - name: File Share
    connectionType: direct
    features: [PROVISIONING, NO_PERMISSIONS_PROVISIONING]
    owner: { name: files.admin }
  - name: HR Portal
    features: [PROVISIONING]
    owner: { name: hr.admin }
  - name: Mainframe
    features: [PROVISIONING, NO_AGGREGATION]
    owner: { name: mf.ops }
serviceDeskIntegrations:
  - name: ServiceNow SDIM
    type: ServiceNowSDIM
    managedSources: [HR Portal]
    statusMap: { requested: Queued, closed_complete: Committed, closed_cancelled: Failed }
`;
