import * as assert from 'node:assert/strict';
import * as path from 'path';
import type { CodeLens, InitializeResult } from 'vscode-languageserver-protocol';
import { MessageType } from 'vscode-languageserver-protocol';
import { PREDICT_COMMAND } from '../../shared/protocol';
import { CATALOG } from '../unit/helpers';
import { LspTestClient } from './lspClient';
import { makeWorkspace, removeWorkspace } from './workspace';

const PLAN = `kind: ProvisioningPlan
identity: { name: jane.doe }
accountRequests:
  - source: Active Directory
    operation: Modify
    nativeIdentity: CN=Jane
  - source: Payroll
    operation: Create
  - source: HR Portal
    operation: Modify
    nativeIdentity: jane
`;

/** A client other than VS Code (no `clientCommands`): its code lenses run the server's command. */
suite('language server over stdio: code lenses in other editors run the server command', () => {
  let client: LspTestClient;
  let root: string;
  let uri: string;
  let initialized: InitializeResult;

  suiteSetup(async () => {
    root = makeWorkspace({ 'acme.sources.yaml': CATALOG });
    client = new LspTestClient();
    client.configuration = { simulation: { runs: 200, seed: 1, submittedAt: '2026-11-25T09:00:00Z' } };
    initialized = await client.initialize(root);
    uri = await client.open(path.join(root, 'jane.plan.yaml'), PLAN);
    await client.waitFor((p) => p.uri === uri);
  });

  suiteTeardown(async () => {
    await client.shutdown();
    removeWorkspace(root);
  });

  const lenses = (): Promise<CodeLens[]> =>
    client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });

  const execute = (args: unknown[]): Promise<string | null> =>
    client.connection.sendRequest<string | null>('workspace/executeCommand', {
      command: PREDICT_COMMAND,
      arguments: args,
    });

  test('the server advertises its command, and every lens carries it', async () => {
    assert.deepEqual(initialized.capabilities.executeCommandProvider, { commands: ['isc-plan.predict'] });
    const found = await lenses();
    assert.deepEqual(
      found.map((l) => [l.range.start.line, l.command?.command, l.command?.arguments]),
      [
        [0, 'isc-plan.predict', [uri, 0]],
        [3, 'isc-plan.predict', [uri, 0, 0]],
        [6, 'isc-plan.predict', [uri, 0, 1]],
        [8, 'isc-plan.predict', [uri, 0, 2]],
      ],
    );
  });

  test("a request's lens returns that request's prediction and shows it as a message", async () => {
    const payroll = (await lenses())[2]!;
    const text = await execute(payroll.command!.arguments!);
    assert.ok(text, 'the command returns the prediction');
    const lines = text.split('\n');
    assert.equal(lines[0], 'jane.plan.yaml');
    assert.match(lines[1]!, /^submitted 2026-11-25 10:00 \+01:00 Europe\/Berlin · 200 runs · seed 1$/);
    assert.ok(text.includes('Payroll · Create → manual → payroll.admin'), text);
    assert.ok(text.includes('~1 d (p90 13 d)'), text);
    assert.ok(!text.includes('Active Directory ·') && !text.includes('HR Portal ·'), text);
    const shown = client.notifications.filter((n) => n.method === 'window/showMessage');
    assert.deepEqual(shown.at(-1)?.params, { type: MessageType.Info, message: text });
  });

  test("the plan's lens returns its account activity and every request", async () => {
    const plan = (await lenses())[0]!;
    const text = await execute(plan.command!.arguments!);
    assert.ok(text, 'the command returns the prediction');
    const activity = plan.command!.title;
    assert.ok(text.includes(activity), `${activity}\n---\n${text}`);
    for (const source of ['Active Directory', 'Payroll', 'HR Portal']) {
      assert.ok(text.includes(`${source} ·`), text);
    }
  });

  test('arguments that name no plan of an open document return null', async () => {
    assert.equal(await execute([uri, 5]), null);
    assert.equal(await execute([uri, 0, 9]), null);
    assert.equal(await execute(['file:///nowhere.plan.yaml', 0]), null);
  });
});
