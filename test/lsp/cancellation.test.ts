import * as assert from 'node:assert/strict';
import * as path from 'path';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { LSPErrorCodes } from 'vscode-languageserver-protocol';
import { BENCH_CATALOG, generatePlan } from '../../bench/generate';
import type { DryRunParams } from '../../shared/dryRun';
import { DryRunReportRequest, DryRunRequest } from '../../shared/dryRun';
import { LspTestClient } from './lspClient';
import { makeWorkspace, removeWorkspace } from './workspace';

/**
 * A dry run of several seconds (some 6 s on a quiet machine): 80 plans of 10 requests at 30,000
 * runs, a fraction of a second each. Few requests and many runs keep the file, and so its
 * validation, small.
 */
const SLOW_PLANS = 80;
const SLOW: Omit<DryRunParams, 'uri'> = { runs: 30_000, seed: 1, scenarios: [] };
/** Well below the whole run; well above one plan's simulation (0.1-0.5 s), for a busy machine. */
const PROMPT_MS = 3_000;

function slowFile(): string {
  return Array.from({ length: SLOW_PLANS }, () => generatePlan(10)).join('---\n');
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits for a request expected to fail; returns its error code and how long it took from `since`. */
async function failure(
  request: Promise<unknown>,
  since: () => number,
): Promise<{ code: unknown; ms: number }> {
  try {
    await request;
  } catch (error) {
    return { code: error instanceof ResponseError ? error.code : String(error), ms: Date.now() - since() };
  }
  return { code: 'answered with a result', ms: Date.now() - since() };
}

suite('language server over stdio: cancelling a dry run', () => {
  let client: LspTestClient;
  let root: string;
  let slow: string;
  let small: string;

  suiteSetup(async () => {
    root = makeWorkspace({ 'acme.sources.yaml': BENCH_CATALOG });
    client = new LspTestClient();
    // The editor's own predictions (code lens, hover) stay cheap; the dry runs below ask for their runs.
    client.configuration = { simulation: { runs: 20 } };
    await client.initialize(root);
    slow = await client.open(path.join(root, 'slow.plan.yaml'), slowFile());
    small = await client.open(path.join(root, 'small.plan.yaml'), generatePlan(3));
    await client.waitFor((p) => p.uri === slow, 60_000);
    await client.waitFor((p) => p.uri === small, 60_000);
  });

  suiteTeardown(async () => {
    await client.shutdown();
    removeWorkspace(root);
  });

  /** A small dry run answers at once: the server is not still busy with the stopped one. */
  async function answersAtOnce(): Promise<void> {
    const started = Date.now();
    const model = await client.connection.sendRequest(DryRunRequest.type, {
      uri: small,
      runs: 100,
      seed: 1,
      scenarios: [],
    });
    assert.equal(model?.plans.length, 1);
    const ms = Date.now() - started;
    assert.ok(ms < PROMPT_MS, `the next dry run took ${ms} ms: the stopped one still ran`);
  }

  test('$/cancelRequest stops a dry run between plans: RequestCancelled at once, and the server goes on', async () => {
    const source = new CancellationTokenSource();
    const request = client.connection.sendRequest(DryRunRequest.type, { uri: slow, ...SLOW }, source.token);
    await delay(500);
    const cancelledAt = Date.now();
    source.cancel();
    const { code, ms } = await failure(request, () => cancelledAt);
    assert.equal(code, LSPErrorCodes.RequestCancelled);
    assert.ok(ms < PROMPT_MS, `answered ${ms} ms after the cancellation`);
    await answersAtOnce();
  });

  test('the report export stops the same way', async () => {
    const source = new CancellationTokenSource();
    const params = { uri: slow, ...SLOW, format: 'markdown' as const };
    const request = client.connection.sendRequest(DryRunReportRequest.type, params, source.token);
    await delay(500);
    const cancelledAt = Date.now();
    source.cancel();
    const { code, ms } = await failure(request, () => cancelledAt);
    assert.equal(code, LSPErrorCodes.RequestCancelled);
    assert.ok(ms < PROMPT_MS, `answered ${ms} ms after the cancellation`);
    await answersAtOnce();
  });

  test('an edit during a dry run stops it with ContentModified (its offsets would not match the text)', async () => {
    const request = client.connection.sendRequest(DryRunRequest.type, { uri: slow, ...SLOW });
    await delay(500);
    const changedAt = Date.now();
    await client.change(slow, 2, [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '# edited\n' },
    ]);
    const { code, ms } = await failure(request, () => changedAt);
    assert.equal(code, LSPErrorCodes.ContentModified);
    assert.ok(ms < PROMPT_MS, `answered ${ms} ms after the edit`);
    await client.waitFor((p) => p.uri === slow && p.version === 2, 60_000);
    await answersAtOnce();
  });
});

suite('language server over stdio: cancelling references and rename', () => {
  /** Plans on disk naming Salesforce: some seconds of reading and parsing for a workspace-wide search. */
  const PLANS_ON_DISK = 1_500;
  let client: LspTestClient;
  let root: string;
  let catalog: string;
  let position: { line: number; character: number };

  suiteSetup(async () => {
    const files: Record<string, string> = { 'acme.sources.yaml': BENCH_CATALOG };
    for (let i = 0; i < PLANS_ON_DISK; i++) {
      files[`plans/p${i}.plan.yaml`] = generatePlan(20).replace('catalog: acme', 'catalog: ../acme');
    }
    root = makeWorkspace(files);
    client = new LspTestClient();
    await client.initialize(root);
    catalog = await client.open(path.join(root, 'acme.sources.yaml'), BENCH_CATALOG);
    await client.waitFor((p) => p.uri === catalog, 60_000);
    const line = BENCH_CATALOG.split('\n').findIndex((l) => l.includes('- name: Salesforce'));
    position = { line, character: '  - name: Sa'.length };
  });

  suiteTeardown(async () => {
    await client.shutdown();
    removeWorkspace(root);
  });

  /** Sends a request, cancels it after half a second, and checks the answer is a prompt RequestCancelled. */
  async function cancelled(method: string, params: object): Promise<void> {
    const source = new CancellationTokenSource();
    const request = client.connection.sendRequest(method, params, source.token);
    await delay(500);
    const cancelledAt = Date.now();
    source.cancel();
    const { code, ms } = await failure(request, () => cancelledAt);
    assert.equal(code, LSPErrorCodes.RequestCancelled, method);
    assert.ok(ms < PROMPT_MS, `${method} answered ${ms} ms after the cancellation`);
  }

  test('references and rename stop between files once cancelled, and the server goes on', async () => {
    const textDocument = { uri: catalog };
    await cancelled('textDocument/references', {
      textDocument,
      position,
      context: { includeDeclaration: true },
    });
    await cancelled('textDocument/rename', { textDocument, position, newName: 'SF' });
    const started = Date.now();
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument, position });
    assert.ok(hover);
    assert.ok(Date.now() - started < PROMPT_MS, 'the hover waited for a stopped search');
  });
});
