/**
 * The bounded-work part of the benchmark, on the 10,000-request plan over stdio, one fresh server:
 * the cold open (the first after start) and warm opens, a comment line inserted in the middle of
 * the plan and removed again, sent as ranged changes and as whole texts, and a dry run during which
 * a client keeps asking for hovers: the longest wait for one of them answered before the dry run's
 * answer is the longest time the dry run held the server's thread (plus one hover), as an editor
 * sees it.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import type { Position } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { DryRunRequest } from '../shared/dryRun';
import type { ServerSpec } from './lspBench';
import { PlanLayout } from './lspBench';
import { LspSession } from './lspSession';
import { messageOf, withTimeout } from './stats';

export interface BoundedResult {
  /** The first open after the server started (JIT, schema compilation), then the later opens. */
  coldOpenMs?: number;
  warmOpenMs: number[];
  /** `yaml`'s parseDocument of the same text: the first in a fresh Node process, then warm ones. */
  coldFloorMs?: number;
  warmFloorMs: number[];
  rangedEditMs: number[];
  fullTextEditMs: number[];
  dryRun?: { runs: number; totalMs: number; hovers: number; longestHoverMs: number; progress: string[] };
  errors: string[];
}

const TIMEOUT_MS = 180_000;

/** Times `parseDocument` of a file in a fresh process: the first (cold) parse, then `warm` more. */
export function coldFloor(repo: string, file: string, warm: number): { cold: number; warm: number[] } {
  const script = `const fs=require('fs');const {parseDocument,LineCounter}=require(${JSON.stringify(path.join(repo, 'node_modules', 'yaml'))});
const text=fs.readFileSync(${JSON.stringify(file)},'utf8');const ms=[];
for(let i=0;i<=${warm};i++){const t=performance.now();parseDocument(text,{lineCounter:new LineCounter()});ms.push(performance.now()-t);}
console.log(JSON.stringify(ms));`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: TIMEOUT_MS });
  const ms = JSON.parse(run.stdout) as number[];
  return { cold: ms[0]!, warm: ms.slice(1) };
}

class BoundedScenario {
  readonly result: BoundedResult = {
    warmOpenMs: [],
    warmFloorMs: [],
    rangedEditMs: [],
    fullTextEditMs: [],
    errors: [],
  };
  private version = 0;
  private text: string;
  private readonly uri: string;
  private readonly layout: PlanLayout;

  constructor(
    private readonly spec: ServerSpec,
    private readonly session: LspSession,
    file: string,
    text: string,
    private readonly requests: number,
  ) {
    this.uri = URI.file(file).toString();
    this.text = text;
    this.layout = new PlanLayout(text);
  }

  private async diagnostics(send: () => Promise<void>): Promise<number> {
    const version = this.version;
    const from = this.session.arrivals.length;
    const started = performance.now();
    await send();
    const arrival = await this.session.waitFor(
      from,
      (a) => a.uri === this.uri && a.version === version,
      TIMEOUT_MS,
    );
    return arrival.at - started;
  }

  async opens(count: number): Promise<void> {
    for (let n = 0; n < count; n++) {
      if (n > 0) {
        await this.session.connection.sendNotification('textDocument/didClose', {
          textDocument: { uri: this.uri },
        });
      }
      const version = ++this.version;
      const textDocument = { uri: this.uri, languageId: this.spec.languageId, version, text: this.text };
      const ms = await this.diagnostics(() =>
        this.session.connection.sendNotification('textDocument/didOpen', { textDocument }),
      );
      if (n === 0) this.result.coldOpenMs = ms;
      else this.result.warmOpenMs.push(ms);
    }
  }

  /** A comment line inserted before the middle request's operation, then removed; `whole`: sent as the whole text. */
  async edits(count: number, whole: boolean): Promise<void> {
    const line = this.layout.operation(Math.floor(this.requests / 2)).line;
    const comment = '    # checked with the owner\n';
    const lineStart = this.text.split('\n').slice(0, line).join('\n').length + 1;
    for (let n = 0; n < count; n++) {
      const insert = n % 2 === 0;
      const range = insert
        ? { start: { line, character: 0 }, end: { line, character: 0 } }
        : { start: { line, character: 0 }, end: { line: line + 1, character: 0 } };
      this.text = insert
        ? this.text.slice(0, lineStart) + comment + this.text.slice(lineStart)
        : this.text.slice(0, lineStart) + this.text.slice(lineStart + comment.length);
      const change = whole ? { text: this.text } : { range, text: insert ? comment : '' };
      const version = ++this.version;
      const ms = await this.diagnostics(() =>
        this.session.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri: this.uri, version },
          contentChanges: [change],
        }),
      );
      (whole ? this.result.fullTextEditMs : this.result.rangedEditMs).push(ms);
    }
  }

  /** A dry run of the plan while hovers are asked one after the other until it answers. */
  async dryRunWithHovers(runs: number, progress: string[]): Promise<void> {
    let done = false;
    const started = performance.now();
    const dryRun = this.session.connection
      .sendRequest(DryRunRequest.type, { uri: this.uri, runs, seed: 1, scenarios: [] })
      .finally(() => (done = true));
    let longest = 0;
    let hovers = 0;
    // The `kind` key: a hover that needs no prediction (one on a request would compute the plan's).
    const position: Position = { line: 0, character: 2 };
    while (!done) {
      const asked = performance.now();
      await this.session.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: this.uri },
        position,
      });
      // A hover still waiting when the dry run answers also waited for that answer to be written and
      // read (megabytes of JSON): not work that held the thread in slices.
      if (done) break;
      longest = Math.max(longest, performance.now() - asked);
      hovers++;
    }
    await withTimeout(dryRun, TIMEOUT_MS, 'dry run');
    this.result.dryRun = {
      runs,
      totalMs: performance.now() - started,
      hovers,
      longestHoverMs: longest,
      progress,
    };
  }
}

/** Runs the bounded-work scenario on one fresh server. */
export async function benchBounded(
  repo: string,
  spec: ServerSpec,
  file: string,
  text: string,
  requests: number,
  options: { opens: number; edits: number; dryRunRuns: number },
): Promise<BoundedResult> {
  const floor = coldFloor(repo, file, 3);
  const session = new LspSession(spec.args, spec.settings);
  const progress: string[] = [];
  session.connection.onUnhandledProgress((p: { value: { kind?: string } }) =>
    progress.push(p.value.kind ?? '?'),
  );
  const scenario = new BoundedScenario(spec, session, file, text, requests);
  scenario.result.coldFloorMs = floor.cold;
  scenario.result.warmFloorMs = floor.warm;
  try {
    await withTimeout(
      session.initialize(path.dirname(file), { window: { workDoneProgress: true } }),
      30_000,
      'initialize',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await scenario.opens(options.opens);
    await scenario.edits(options.edits, false);
    await scenario.edits(options.edits, true);
    await scenario.dryRunWithHovers(options.dryRunRuns, progress);
  } catch (error) {
    scenario.result.errors.push(messageOf(error));
  } finally {
    await session.dispose(spec.args.includes('--cpu-prof') ? 30_000 : 2000);
  }
  return scenario.result;
}
