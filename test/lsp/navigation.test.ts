import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import type {
  DocumentSymbol,
  FoldingRange,
  InitializeResult,
  Location,
  Range,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { rangeOf } from '../unit/helpers';
import { ACME, JANE, JOE } from '../unit/service/features/navigation/navigationFixtures';
import { LspTestClient } from './lspClient';
import { makeWorkspace, removeWorkspace, writeFile } from './workspace';
import { REPO_ROOT } from '../repoPaths';

const KIM = `kind: ProvisioningPlan
identity: { name: kim }
catalog: ../acme.sources.yaml
accountRequests:
  - source: Active Directory
    operation: Unlock
    nativeIdentity: CN=Kim
`;

/** The position just inside the `occurrence`-th `needle` of `text`. */
function inside(text: string, needle: string, occurrence = 1): { line: number; character: number } {
  const { start } = rangeOf(text, needle, occurrence);
  return { line: start.line, character: start.character + 1 };
}

suite('language server over stdio: outline, folding, definition, references, rename', () => {
  let client: LspTestClient;
  let root: string;
  let init: InitializeResult;
  const uri = (name: string): string => URI.file(path.join(root, name)).toString();
  const at = (name: string, range: Range): Location => ({ uri: uri(name), range });

  setup(async () => {
    root = makeWorkspace({
      'tenant/acme.sources.yaml': ACME,
      'tenant/jane.plan.yaml': JANE,
      'tenant/joe.plan.json': JOE,
      'tenant/team/kim.plan.yaml': KIM,
      'node_modules/pkg/skipped.plan.yaml': KIM.replace('../acme', '../../tenant/acme'),
      '.history/old.plan.yaml': KIM.replace('../acme', '../tenant/acme'),
    });
    client = new LspTestClient();
    init = await client.initialize(root);
  });

  teardown(async () => {
    await client.shutdown();
    removeWorkspace(root);
  });

  test('capabilities', () => {
    const c = init.capabilities;
    assert.equal(c.definitionProvider, true);
    assert.equal(c.referencesProvider, true);
    assert.deepEqual(c.renameProvider, { prepareProvider: true });
    assert.equal(c.foldingRangeProvider, true);
    assert.ok(c.documentSymbolProvider);
  });

  test('go to definition: from a request into a catalog on disk, from a managed source, from catalog:', async () => {
    const jane = await client.open(path.join(root, 'tenant/jane.plan.yaml'), JANE);
    const found = await client.connection.sendRequest<Location[]>('textDocument/definition', {
      textDocument: { uri: jane },
      position: inside(JANE, 'Active Directory'),
    });
    assert.deepEqual(found, [at('tenant/acme.sources.yaml', rangeOf(ACME, 'Active Directory'))]);
    const kim = await client.open(path.join(root, 'tenant/team/kim.plan.yaml'), KIM);
    const file = await client.connection.sendRequest<Location[]>('textDocument/definition', {
      textDocument: { uri: kim },
      position: inside(KIM, 'acme.sources'),
    });
    assert.deepEqual(file, [
      at('tenant/acme.sources.yaml', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }),
    ]);
    const none = await client.connection.sendRequest<Location[] | null>('textDocument/definition', {
      textDocument: { uri: kim },
      position: inside(KIM, 'Unlock'),
    });
    assert.equal(none, null);
    const catalog = await client.open(path.join(root, 'tenant/acme.sources.yaml'), ACME);
    const managed = await client.connection.sendRequest<Location[]>('textDocument/definition', {
      textDocument: { uri: catalog },
      position: inside(ACME, 'HR Portal', 2),
    });
    assert.deepEqual(managed, [at('tenant/acme.sources.yaml', rangeOf(ACME, 'HR Portal'))]);
  });

  test('find references: two plans on disk and one open (with unsaved text), not node_modules or hidden folders', async () => {
    const edited = JANE.replace(
      '  - source: HR Portal',
      '  - source: Active Directory\n    operation: Lock\n    nativeIdentity: CN=Jane\n  - source: HR Portal',
    );
    const jane = await client.open(path.join(root, 'tenant/jane.plan.yaml'), edited);
    const params = {
      textDocument: { uri: jane },
      position: inside(edited, 'Active Directory', 2),
      context: { includeDeclaration: true },
    };
    const found = await client.connection.sendRequest<Location[]>('textDocument/references', params);
    assert.deepEqual(found, [
      at('tenant/acme.sources.yaml', rangeOf(ACME, 'Active Directory')),
      at('tenant/jane.plan.yaml', rangeOf(edited, 'Active Directory')),
      at('tenant/jane.plan.yaml', rangeOf(edited, 'Active Directory', 2)),
      at('tenant/jane.plan.yaml', rangeOf(edited, '2c9180855d191c59015d291ceb051111')),
      at('tenant/joe.plan.json', rangeOf(JOE, '"Active Directory"')),
      at('tenant/team/kim.plan.yaml', rangeOf(KIM, 'Active Directory')),
    ]);
    const withoutDeclaration = await client.connection.sendRequest<Location[]>('textDocument/references', {
      ...params,
      context: { includeDeclaration: false },
    });
    assert.deepEqual(withoutDeclaration, found.slice(1));
  });

  test('a plan file created on disk is found after the file event', async () => {
    const catalog = await client.open(path.join(root, 'tenant/acme.sources.yaml'), ACME);
    const params = {
      textDocument: { uri: catalog },
      position: inside(ACME, 'HR Portal'),
      context: { includeDeclaration: false },
    };
    const before = await client.connection.sendRequest<Location[]>('textDocument/references', params);
    assert.deepEqual(before, [
      at('tenant/acme.sources.yaml', rangeOf(ACME, 'HR Portal', 2)),
      at('tenant/jane.plan.yaml', rangeOf(JANE, 'HR Portal')),
    ]);
    const added =
      'kind: ProvisioningPlan\nidentity: { name: lee }\naccountRequests:\n  - { source: HR Portal, operation: Create }\n';
    const file = writeFile(
      root,
      'tenant/new/lee.plan.yaml',
      added.replace('identity', 'catalog: ../acme.sources.yaml\nidentity'),
    );
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: URI.file(file).toString(), type: 1 }],
    });
    const after = await client.connection.sendRequest<Location[]>('textDocument/references', params);
    assert.equal(after.length, 3);
    assert.equal(after[2]!.uri, uri('tenant/new/lee.plan.yaml'));
  });

  test('rename: the exact WorkspaceEdit across the catalog and plans on disk; refusals as errors', async () => {
    const catalog = await client.open(path.join(root, 'tenant/acme.sources.yaml'), ACME);
    const position = inside(ACME, 'Active Directory');
    const prepared = await client.connection.sendRequest('textDocument/prepareRename', {
      textDocument: { uri: catalog },
      position,
    });
    assert.deepEqual(prepared, { range: rangeOf(ACME, 'Active Directory'), placeholder: 'Active Directory' });
    const edit = await client.connection.sendRequest<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: catalog },
      position,
      newName: 'AD: Acme',
    });
    assert.deepEqual(edit, {
      changes: {
        [uri('tenant/acme.sources.yaml')]: [
          { range: rangeOf(ACME, 'Active Directory'), newText: "'AD: Acme'" },
        ],
        [uri('tenant/jane.plan.yaml')]: [{ range: rangeOf(JANE, 'Active Directory'), newText: "'AD: Acme'" }],
        [uri('tenant/joe.plan.json')]: [{ range: rangeOf(JOE, '"Active Directory"'), newText: '"AD: Acme"' }],
        [uri('tenant/team/kim.plan.yaml')]: [
          { range: rangeOf(KIM, 'Active Directory'), newText: "'AD: Acme'" },
        ],
      },
    });
    await assert.rejects(
      client.connection.sendRequest('textDocument/rename', {
        textDocument: { uri: catalog },
        position,
        newName: 'Payroll',
      }),
      (error: Error) => /already named "Payroll"/.test(error.message),
    );
    const jane = await client.open(path.join(root, 'tenant/jane.plan.yaml'), JANE);
    await assert.rejects(
      client.connection.sendRequest('textDocument/prepareRename', {
        textDocument: { uri: jane },
        position: inside(JANE, '2c9180855d191c59015d291ceb051111'),
      }),
      (error: Error) => /is the source's id/.test(error.message),
    );
    const onKey = await client.connection.sendRequest('textDocument/prepareRename', {
      textDocument: { uri: jane },
      position: inside(JANE, 'operation'),
    });
    assert.equal(onKey, null);
  });

  test('outline and folding of a plan', async () => {
    const jane = await client.open(path.join(root, 'tenant/jane.plan.yaml'), JANE);
    const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri: jane },
    });
    assert.equal(symbols.length, 1);
    const plan = symbols[0]!;
    assert.deepEqual(
      { name: plan.name, detail: plan.detail, kind: plan.kind },
      { name: 'Jane joins Finance', detail: '3 requests', kind: 2 },
    );
    assert.deepEqual(plan.selectionRange, rangeOf(JANE, 'Jane joins Finance'));
    assert.deepEqual(
      plan.children!.map((c) => [c.name, c.detail, c.kind]),
      [
        ['Active Directory · Modify', 'CN=Jane · connector', 12],
        ['HR Portal · Create', 'ticketing', 11],
        ['2c9180855d191c59015d291ceb051111 · Enable', 'CN=Jane · connector', 12],
      ],
    );
    assert.deepEqual(plan.children![0]!.selectionRange, rangeOf(JANE, 'Active Directory'));
    assert.deepEqual(
      plan.children![0]!.children!.map((c) => [c.name, c.kind]),
      [
        ['memberOf', 7],
        ['\\\\files01\\finance', 20],
      ],
    );
    const folds = await client.connection.sendRequest<FoldingRange[]>('textDocument/foldingRange', {
      textDocument: { uri: jane },
    });
    assert.deepEqual(
      folds.map((f) => [f.startLine, f.endLine]),
      [
        [3, 18],
        [4, 12],
        [7, 10],
        [8, 10],
        [11, 12],
        [13, 15],
        [16, 18],
      ],
    );
  });

  test('every sample: an outline whose selections lie inside their ranges, and ordered folds', async () => {
    const samples = path.join(REPO_ROOT, 'samples');
    const files = fs
      .readdirSync(samples, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(plan|sources)\.(ya?ml|json)$/.test(f));
    assert.ok(files.length > 5);
    const contains = (outer: Range, inner: Range): boolean =>
      !before(inner.start, outer.start) && !before(outer.end, inner.end);
    for (const name of files) {
      const file = path.join(samples, name);
      const doc = await client.open(file, fs.readFileSync(file, 'utf8'));
      const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', {
        textDocument: { uri: doc },
      });
      const walk = (list: DocumentSymbol[]): void => {
        for (const symbol of list) {
          assert.ok(
            symbol.name.length > 0 && contains(symbol.range, symbol.selectionRange),
            `${name}: ${symbol.name}`,
          );
          walk(symbol.children ?? []);
        }
      };
      assert.ok(symbols.length > 0, name);
      walk(symbols);
      const folds = await client.connection.sendRequest<FoldingRange[]>('textDocument/foldingRange', {
        textDocument: { uri: doc },
      });
      assert.ok(
        folds.length > 0 &&
          folds.every(
            (f, i) => f.endLine > f.startLine && (i === 0 || f.startLine > folds[i - 1]!.startLine),
          ),
        name,
      );
    }
  });
});

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
