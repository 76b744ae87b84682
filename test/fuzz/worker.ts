import { CATALOG } from '../unit/helpers';
import { TempFolder } from '../unit/cli/cliHelpers';
import { LspTestClient } from '../lsp/lspClient';
import { generateCase, selectFamilies } from './families';
import type { CaseContext, SharedServer } from './fuzzCase';
import { BUDGET } from './fuzzCase';
import { ask, NoAnswer, PROBE_TEXT, probeFile, within } from './lspSupport';

/**
 * The fuzzer's worker: a child process that generates and runs cases one at a time, as its parent
 * (pass.ts) asks. It runs the CLI in its own process, so a case that hangs or exhausts memory takes
 * the worker down, never the pass: the parent kills it after the case's budget and starts another.
 */

/** Parent → worker: run case `index` of the pass with `seed` over the named families. */
export interface RunMessage {
  seed: number;
  index: number;
  families: string[];
  keep: boolean;
}

/** Worker → parent: a case started (with its budget), or ended. */
export type WorkerMessage =
  | { type: 'start'; index: number; family: string; describe: string; budgetMs: number }
  | { type: 'done'; index: number; failure: string | undefined; ms: number; kept: string[] };

let shared: SharedServer | undefined;
let sharedFolder: TempFolder | undefined;

async function startServer(): Promise<SharedServer> {
  const folder = new TempFolder({ 'acme.sources.yaml': CATALOG });
  sharedFolder = folder;
  const client = new LspTestClient();
  await within(client.initialize(folder.root), BUDGET.process, 'initialize');
  const probeUri = await client.open(probeFile(folder.root), PROBE_TEXT);
  const outline = await ask(
    client,
    'textDocument/documentSymbol',
    { textDocument: { uri: probeUri } },
    BUDGET.process,
  );
  if ('error' in outline) throw new Error(`the probe's outline failed at start: ${outline.error.message}`);
  client.onExit(() => {
    if (shared?.client === client) shared = undefined;
  });
  return { client, root: folder.root, probeUri, probeOutline: JSON.stringify(outline.result) };
}

function discardServer(): void {
  shared?.client.kill();
  shared = undefined;
  sharedFolder?.remove();
  sharedFolder = undefined;
}

/** Runs one case and tells the parent how it went. */
async function runCase(message: RunMessage): Promise<void> {
  const { family, fuzzCase } = generateCase(selectFamilies(message.families), message.seed, message.index);
  send({
    type: 'start',
    index: message.index,
    family: family.name,
    describe: fuzzCase.describe,
    budgetMs: fuzzCase.budgetMs,
  });
  const folders: TempFolder[] = [];
  const ctx: CaseContext = {
    folder(files = {}) {
      const folder = new TempFolder(files);
      folders.push(folder);
      return folder;
    },
    async server() {
      if (!shared || !shared.client.alive) {
        discardServer();
        shared = await startServer();
      }
      return shared;
    },
    discardServer,
    caseId: message.index,
    keep: message.keep,
  };
  const started = Date.now();
  let failure: string | undefined;
  try {
    failure = await fuzzCase.run(ctx);
  } catch (error) {
    const stack = String((error as Error).stack ?? error);
    failure =
      error instanceof NoAnswer
        ? error.message
        : `the case threw: ${stack.split('\n').slice(0, 3).join(' | ')}`;
    // A server that did not answer may still be busy with the case: the next case gets a new one.
    discardServer();
  }
  const ms = Date.now() - started;
  if (shared) {
    shared.client.published.length = 0;
    shared.client.notifications.length = 0;
    shared.client.stderr = shared.client.stderr.slice(-2_000);
  }
  if (!message.keep) for (const folder of folders) folder.remove();
  send({
    type: 'done',
    index: message.index,
    failure,
    ms,
    kept: message.keep ? folders.map((f) => f.root) : [],
  });
}

function send(message: WorkerMessage): void {
  process.send!(message);
}

let queue = Promise.resolve();
process.on('message', (message: RunMessage) => {
  queue = queue.then(() => runCase(message));
});
process.on('disconnect', () => {
  discardServer();
  process.exit(0);
});
