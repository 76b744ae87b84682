import * as assert from 'node:assert/strict';
import * as path from 'path';
import { ErrorCodes, ResponseError } from 'vscode-jsonrpc/node';
import type { Hover } from 'vscode-languageserver-protocol';
import { DryRunRequest } from '../../shared/dryRun';
import { CATALOG } from '../unit/helpers';
import { LspTestClient } from './lspClient';
import { makeWorkspace, removeWorkspace } from './workspace';

const PLAN = `kind: ProvisioningPlan
identity: { name: jane.doe }
accountRequests:
  - source: Payroll
    operation: Create
`;

/** True for the error LSP prescribes for a request after `shutdown`. */
function invalidRequest(error: unknown): boolean {
  return error instanceof ResponseError && error.code === ErrorCodes.InvalidRequest;
}

suite('language server over stdio: lifecycle', () => {
  let client: LspTestClient;
  let root: string;

  setup(async () => {
    root = makeWorkspace({ 'acme.sources.yaml': CATALOG });
    client = new LspTestClient();
    await client.initialize(root);
  });

  teardown(async () => {
    await client.shutdown();
    removeWorkspace(root);
  });

  test('after shutdown, requests are refused with InvalidRequest, and exit ends the server', async () => {
    const uri = await client.open(path.join(root, 'jane.plan.yaml'), PLAN);
    await client.waitFor((p) => p.uri === uri);
    const hover = { textDocument: { uri }, position: { line: 3, character: 14 } };
    assert.ok(await client.connection.sendRequest<Hover | null>('textDocument/hover', hover));
    assert.equal(await client.connection.sendRequest('shutdown'), null);
    await assert.rejects(client.connection.sendRequest('textDocument/hover', hover), invalidRequest);
    await assert.rejects(
      client.connection.sendRequest(DryRunRequest.type, { uri, runs: 10, seed: 1, scenarios: [] }),
      invalidRequest,
    );
    const exited = new Promise<number | null>((resolve) => client.onExit(resolve));
    await client.connection.sendNotification('exit');
    assert.equal(await exited, 0, 'exit after shutdown ends the server with code 0');
  });
});
