import * as assert from 'node:assert/strict';
import * as path from 'path';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { LSPErrorCodes } from 'vscode-languageserver-protocol';
import { BENCH_CATALOG, generatePlan } from '../../bench/generate';
import type { DryRunModel } from '../../shared/dryRun';
import { DryRunRequest } from '../../shared/dryRun';
import { LspTestClient } from './lspClient';
import { makeWorkspace, removeWorkspace } from './workspace';

/**
 * ONE plan whose dry run takes seconds (1,000 requests × 3,000 runs): it used to hold the server's
 * thread from start to end, since the work gave way only between plans.
 */
const REQUESTS = 1_000;
const RUNS = 3_000;

type Kind = 'begin' | 'report' | 'end';

suite('language server over stdio: a long dry run of one plan is cut into slices', function () {
  this.timeout(300_000);
  let client: LspTestClient;
  let root: string;
  let uri: string;
  /** The work-done progress received, per token, in order. */
  const progress = new Map<string | number, Kind[]>();
  const created: (string | number)[] = [];

  suiteSetup(async () => {
    root = makeWorkspace({ 'acme.sources.yaml': BENCH_CATALOG });
    client = new LspTestClient();
    client.configuration = { simulation: { runs: 20 } };
    client.connection.onRequest('window/workDoneProgress/create', (params: { token: string | number }) => {
      created.push(params.token);
      return null;
    });
    client.connection.onUnhandledProgress((p: { token: string | number; value: { kind: Kind } }) => {
      progress.set(p.token, [...(progress.get(p.token) ?? []), p.value.kind]);
    });
    await client.initialize(root, { window: { workDoneProgress: true } });
    uri = await client.open(path.join(root, 'big.plan.yaml'), generatePlan(REQUESTS));
    await client.waitFor((p) => p.uri === uri, 120_000);
  });

  suiteTeardown(async () => {
    await client.shutdown();
    removeWorkspace(root);
  });

  /** Resolves once the progress of the next token the server creates has begun. */
  async function begun(before: number): Promise<string | number> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const token = created[before];
      if (token !== undefined && progress.get(token)?.[0] === 'begin') return token;
      assert.ok(Date.now() < deadline, 'no work-done progress began');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function ended(token: string | number): Promise<Kind[]> {
    const deadline = Date.now() + 10_000;
    while (progress.get(token)?.at(-1) !== 'end' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return progress.get(token) ?? [];
  }

  function dryRun(token?: CancellationTokenSource): Promise<DryRunModel | null> {
    const params = { uri, runs: RUNS, seed: 1, scenarios: [] };
    return client.connection.sendRequest(DryRunRequest.type, params, token?.token);
  }

  async function failureCode(request: Promise<unknown>): Promise<unknown> {
    try {
      await request;
      return 'answered with a result';
    } catch (error) {
      return error instanceof ResponseError ? error.code : String(error);
    }
  }

  test('a hover is answered while the dry run works; its progress begins, reports and ends', async () => {
    const before = created.length;
    let finished = false;
    const running = dryRun().finally(() => (finished = true));
    const token = await begun(before);
    const hover = await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 0, character: 2 },
    });
    assert.ok(hover, 'the hover has an answer');
    assert.equal(finished, false, 'the hover was answered only after the dry run');
    const model = await running;
    assert.equal(model?.plans[0]?.simulation.runs, RUNS);
    const kinds = await ended(token);
    assert.equal(kinds[0], 'begin');
    assert.ok(kinds.includes('report'), `no report among ${kinds.join(' ')}`);
    assert.equal(kinds.at(-1), 'end');
    assert.equal(kinds.filter((k) => k === 'end').length, 1);
  });

  test('$/cancelRequest stops it within a slice, and its progress ends', async () => {
    const before = created.length;
    const source = new CancellationTokenSource();
    const running = dryRun(source);
    const token = await begun(before);
    source.cancel();
    assert.equal(await failureCode(running), LSPErrorCodes.RequestCancelled);
    assert.equal((await ended(token)).at(-1), 'end');
  });

  test("cancelling the progress the server created (VS Code: the notification's Cancel) stops it too", async () => {
    const before = created.length;
    const running = dryRun();
    const token = await begun(before);
    await client.connection.sendNotification('window/workDoneProgress/cancel', { token });
    assert.equal(await failureCode(running), LSPErrorCodes.RequestCancelled);
    assert.equal((await ended(token)).at(-1), 'end');
  });
});
