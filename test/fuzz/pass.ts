import type { ChildProcess } from 'child_process';
import { fork } from 'child_process';
import * as path from 'path';
import type { RunMessage, WorkerMessage } from './worker';

/**
 * A pass of the fuzzer: cases 0..n-1 of a seed, run one at a time by a worker process that the
 * pass replaces whenever a case outlives its budget (a hang) or the worker dies (a crash).
 */

export interface PassOptions {
  seed: number;
  /** How many cases, from `first` on. */
  cases: number;
  first?: number;
  /** Only these families (all when empty). */
  families?: string[];
  /** Keep each case's files and print where (for a replay). */
  keep?: boolean;
  /** Called after each case. */
  onCase?: (result: CaseResult) => void;
}

export interface CaseResult {
  index: number;
  family: string;
  describe: string;
  failure: string | undefined;
  ms: number;
  kept: string[];
}

export interface PassResult {
  seed: number;
  cases: number;
  failures: CaseResult[];
  /** Cases per family. */
  perFamily: Record<string, number>;
  ms: number;
}

/** Time allowed past a case's own budget before the worker is killed (its own clean-up). */
const GRACE_MS = 3_000;
/** Time for a new worker to start and generate a case before it announces it. */
const START_MS = 30_000;
/** The worker's V8 heap: a case that needs more has grown without a limit. */
const WORKER_HEAP_MB = 2_048;

class Worker {
  private readonly child: ChildProcess;
  private listener: ((message: WorkerMessage) => void) | undefined;
  private exitListener: ((reason: string) => void) | undefined;
  stderr = '';

  constructor() {
    this.child = fork(path.join(__dirname, 'worker.js'), [], {
      execArgv: [`--max-old-space-size=${WORKER_HEAP_MB}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // Its own process group: killing the group ends the CLIs and servers a case started too.
      detached: true,
    });
    this.child.stderr!.on(
      'data',
      (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-2_000)),
    );
    this.child.on('message', (message: WorkerMessage) => this.listener?.(message));
    this.child.on('exit', (code, signal) =>
      this.exitListener?.(
        `the worker died (${signal ?? `exit ${code}`}): ${this.stderr.trim().split('\n').slice(-3).join(' | ')}`,
      ),
    );
  }

  /** Runs one case; a hang or a crash becomes the case's failure. */
  run(message: RunMessage): Promise<{ result: CaseResult; healthy: boolean }> {
    return new Promise((resolve) => {
      const result: CaseResult = {
        index: message.index,
        family: '?',
        describe: '?',
        failure: undefined,
        ms: 0,
        kept: [],
      };
      const started = Date.now();
      let timer = setTimeout(() => finish('no case started (generation hangs)', false), START_MS);
      const finish = (failure: string | undefined, healthy: boolean): void => {
        clearTimeout(timer);
        this.listener = undefined;
        this.exitListener = undefined;
        resolve({
          result: { ...result, failure: failure ?? result.failure, ms: result.ms || Date.now() - started },
          healthy,
        });
      };
      this.listener = (reply) => {
        if (reply.type === 'start') {
          Object.assign(result, { family: reply.family, describe: reply.describe });
          clearTimeout(timer);
          const limit = reply.budgetMs + GRACE_MS;
          timer = setTimeout(
            () => finish(`no end within ${reply.budgetMs} ms (hang or super-linear work)`, false),
            limit,
          );
        } else {
          Object.assign(result, { failure: reply.failure, ms: reply.ms, kept: reply.kept });
          finish(undefined, true);
        }
      };
      this.exitListener = (reason) => finish(reason, false);
      this.child.send(message);
    });
  }

  kill(): void {
    try {
      process.kill(-this.child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Runs a pass and returns what it found. */
export async function runPass(options: PassOptions): Promise<PassResult> {
  const started = Date.now();
  const failures: CaseResult[] = [];
  const perFamily: Record<string, number> = {};
  let worker: Worker | undefined;
  const first = options.first ?? 0;
  try {
    for (let index = first; index < first + options.cases; index++) {
      worker ??= new Worker();
      const { result, healthy } = await worker.run({
        seed: options.seed,
        index,
        families: options.families ?? [],
        keep: options.keep ?? false,
      });
      if (!healthy) {
        worker.kill();
        worker = undefined;
      }
      perFamily[result.family] = (perFamily[result.family] ?? 0) + 1;
      if (result.failure) failures.push(result);
      options.onCase?.(result);
    }
  } finally {
    worker?.kill();
  }
  return { seed: options.seed, cases: options.cases, failures, perFamily, ms: Date.now() - started };
}

/** The command that replays case `index` alone (the schedule depends on the families selected). */
export function replayCommand(seed: number, index: number, families: readonly string[] = []): string {
  return `npm run fuzz -- --seed ${seed} --case ${index}${families.map((f) => ` --family ${f}`).join('')}`;
}
