import * as assert from 'node:assert/strict';
import * as path from 'path';
import type {
  CompletionItem,
  CompletionList,
  InitializeResult,
  Position,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { CATALOG } from '../unit/helpers';
import { LspTestClient } from './lspClient';
import { makeWorkspace, removeWorkspace } from './workspace';

const PLAN = `kind: ProvisioningPlan
identity: { name: jane.doe }
accountRequests:
  - source: Payroll
    operation: Mo
`;

const OPERATIONS = ['Create', 'Modify', 'Delete', 'Enable', 'Disable', 'Lock', 'Unlock'];

suite('language server over stdio: completion', () => {
  let client: LspTestClient;
  let root: string;
  let initialized: InitializeResult;

  setup(async () => {
    root = makeWorkspace({ 'tenant/acme.sources.yaml': CATALOG });
    client = new LspTestClient();
    initialized = await client.initialize(root);
  });

  teardown(async () => {
    await client.shutdown();
    removeWorkspace(root);
  });

  const complete = (uri: string, position: Position): Promise<CompletionList | null> =>
    client.connection.sendRequest<CompletionList | null>('textDocument/completion', {
      textDocument: { uri },
      position,
    });

  test('the server offers completion, triggered by space, quotes and "["', () => {
    assert.deepEqual(initialized.capabilities.completionProvider, {
      triggerCharacters: [' ', '"', "'", '['],
      resolveProvider: false,
    });
  });

  test('a partial operation: the seven operations, each replacing what is typed', async () => {
    const uri = await client.open(path.join(root, 'tenant/jane.plan.yaml'), PLAN);
    const list = await complete(uri, { line: 4, character: 17 });
    assert.equal(list?.isIncomplete, false);
    assert.deepEqual(
      list?.items.map((i) => i.label),
      OPERATIONS,
    );
    const modify = list.items[1]!;
    assert.equal(modify.kind, 20);
    assert.equal(modify.insertTextFormat, 1);
    assert.equal(modify.sortText, '0001');
    assert.deepEqual(modify.textEdit, {
      range: { start: { line: 4, character: 15 }, end: { line: 4, character: 17 } },
      newText: 'Modify',
    });
    assert.equal((modify.documentation as { kind: string }).kind, 'markdown');
  });

  test('source names from the catalog beside the plan, with the channel for the operation', async () => {
    const text = PLAN.replace('source: Payroll', 'source: ').replace('operation: Mo', 'operation: Enable');
    const uri = await client.open(path.join(root, 'tenant/jane.plan.yaml'), text);
    const list = await complete(uri, { line: 3, character: 12 });
    assert.deepEqual(
      list?.items.map((i) => [i.label, i.detail]),
      [
        ['Active Directory', 'Enable → connector'],
        ['Payroll', 'Enable → manual task for payroll.admin'],
        ['Orphan Files', 'Enable → manual task (no owner)'],
        ['File Share', 'Enable → manual task for files.admin'],
        ['HR Portal', 'Enable → ticket via ServiceNow SDIM'],
        ['Mainframe', 'Enable → manual task for mf.ops'],
      ],
    );
    assert.equal(list.items[0]!.kind, 18);
  });

  test('completion answers from the text after an edit the server has not validated yet', async () => {
    const uri = await client.open(path.join(root, 'tenant/jane.plan.yaml'), PLAN);
    await client.change(uri, 2, [
      { range: { start: { line: 4, character: 4 }, end: { line: 4, character: 17 } }, text: 'channel: ' },
    ]);
    const list = await complete(uri, { line: 4, character: 13 });
    assert.deepEqual(
      list?.items.map((i) => i.label),
      ['connector', 'manual', 'ticketing', 'none'],
    );
  });

  test('an empty plan: the plan snippet, inserted as is with its own indentation', async () => {
    const uri = await client.open(path.join(root, 'tenant/new.plan.yaml'), '');
    const list = await complete(uri, { line: 0, character: 0 });
    const snippet = list!.items[0]!;
    assert.equal(snippet.label, 'New provisioning plan');
    assert.equal(snippet.kind, 15);
    assert.equal(snippet.insertTextFormat, 2);
    assert.equal(snippet.insertTextMode, 1);
    assert.ok(
      (snippet.textEdit as TextEdit).newText.startsWith(
        'kind: ProvisioningPlan\nname: ${1:Jane joins Finance}\nidentity:\n  name: ${2:jane.doe}\n',
      ),
    );
    const kind = list!.items.find((i) => i.label === 'kind');
    assert.deepEqual(kind, {
      label: 'kind',
      kind: 10,
      detail: 'Document kind',
      documentation: kind!.documentation,
      sortText: '10000',
      textEdit: {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        newText: 'kind: ProvisioningPlan',
      },
      insertTextFormat: 1,
    } satisfies CompletionItem);
    const operation = await complete(
      await client.open(
        path.join(root, 'tenant/two.plan.yaml'),
        'kind: ProvisioningPlan\naccountRequests:\n  - source: Payroll\n    \n',
      ),
      { line: 3, character: 4 },
    );
    assert.deepEqual(operation?.items.find((i) => i.label === 'operation')?.command, {
      title: 'Suggest',
      command: 'editor.action.triggerSuggest',
    });
  });

  test('a JSON plan: quoted keys with a comma before them when the previous value lacks one', async () => {
    const text =
      '{\n  "kind": "ProvisioningPlan",\n  "accountRequests": [\n    {\n      "source": "Payroll"\n      \n    }\n  ]\n}\n';
    const uri = await client.open(path.join(root, 'tenant/jane.plan.json'), text, 'json');
    const list = await complete(uri, { line: 5, character: 6 });
    assert.deepEqual(
      list?.items.map((i) => i.label),
      [
        'operation',
        'nativeIdentity',
        'attributeRequests',
        'permissionRequests',
        'channel',
        'manual',
        'ticketing',
        'comments',
      ],
    );
    const operation = list.items[0]!;
    assert.deepEqual(operation.textEdit, {
      range: { start: { line: 5, character: 6 }, end: { line: 5, character: 6 } },
      newText: '"operation": "$1"',
    });
    assert.deepEqual(operation.additionalTextEdits, [
      { range: { start: { line: 4, character: 25 }, end: { line: 4, character: 25 } }, newText: ',' },
    ]);
    assert.equal(operation.insertTextFormat, 2);
  });

  test('a catalog: SDIM managed sources are the catalog sources', async () => {
    const text = `${CATALOG}  - name: Second SDIM\n    managedSources: [\n`;
    const uri = await client.open(path.join(root, 'tenant/acme.sources.yaml'), text);
    const line = text.split('\n').length - 2;
    const list = await complete(uri, { line, character: 21 });
    assert.deepEqual(
      list?.items.map((i) => i.label),
      ['Active Directory', 'Payroll', 'Orphan Files', 'File Share', 'HR Portal', 'Mainframe'],
    );
  });

  test('other files get no completion', async () => {
    const uri = await client.open(path.join(root, 'notes.yaml'), 'a: ', 'yaml');
    assert.equal(await complete(uri, { line: 0, character: 3 }), null);
  });
});
