/**
 * A generic LSP client over stdio for the benchmark: starts any language server (ours or
 * yaml-language-server) as a child process, answers `workspace/configuration` per section, records
 * each `publishDiagnostics` with its arrival time, and reads the server's memory from /proc.
 * Without network: the server runs in its own empty network namespace (`unshare -n`) when possible.
 */
import type { ChildProcess } from 'child_process';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { initializeServer } from '../test/lsp/lspClient';

/** One `publishDiagnostics`, with when it arrived (performance.now()). */
export interface Arrival {
  uri: string;
  version: number | undefined;
  diagnostics: Diagnostic[];
  at: number;
}

/** Memory of a process from /proc/<pid>/status, in MB. */
export interface Memory {
  rssMb: number;
  hwmMb: number;
}

let isolation: boolean | undefined;

/** Servers still running: killed when the benchmark exits, however it exits. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** True when `unshare -n` works here (root, or user namespaces): servers then have no network at all. */
export function networkIsolation(): boolean {
  isolation ??= spawnSync('unshare', ['-n', 'true'], { timeout: 5000 }).status === 0;
  return isolation;
}

/** Reads VmRSS and VmHWM of a process; undefined when it is gone or /proc is missing. */
export function memoryOf(pid: number | undefined): Memory | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string): number =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** CPU time (user + system, ms) a process has used, from /proc/<pid>/stat (10 ms ticks); undefined when gone. */
export function cpuMsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** A language server child process and the connection to it. */
export class LspSession {
  readonly arrivals: Arrival[] = [];
  readonly connection: MessageConnection;
  readonly isolated: boolean;
  /** The sections of each `workspace/configuration` request, for checking that settings arrived. */
  readonly configurationRequests: string[] = [];
  stderr = '';
  private readonly child: ChildProcess;
  private readonly waiters: (() => void)[] = [];

  /** `args` start with the script: the server runs as `node <args>` (in an empty network namespace when possible). */
  constructor(
    args: string[],
    private readonly settings: Record<string, unknown>,
  ) {
    this.isolated = networkIsolation();
    const [command, commandArgs] = this.isolated
      ? ['unshare', ['-n', process.execPath, ...args]]
      : [process.execPath, args];
    this.child = spawn(command, commandArgs, { stdio: ['pipe', 'pipe', 'pipe'] });
    running.add(this.child);
    this.child.on('exit', () => running.delete(this.child));
    this.child.stderr!.on(
      'data',
      (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4000)),
    );
    this.child.on('error', (error) => (this.stderr += String(error)));
    this.connection = createMessageConnection(
      new StreamMessageReader(this.child.stdout!),
      new StreamMessageWriter(this.child.stdin!),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.arrivals.push({
        uri: params.uri,
        version: params.version,
        diagnostics: params.diagnostics,
        at: performance.now(),
      });
      this.wake();
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
      this.configurationRequests.push(params.items.map((item) => item.section ?? '').join(','));
      return params.items.map((item) =>
        item.section !== undefined ? (this.settings[item.section] ?? {}) : this.settings,
      );
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification(() => undefined);
    this.connection.onError(() => undefined);
    this.connection.listen();
  }

  /** The server's process id (the same process after `unshare`, which execs node). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  memory(): Memory | undefined {
    return memoryOf(this.pid);
  }

  /** CPU time the server has used so far (ms; NaN when unknown). */
  cpuMs(): number {
    return cpuMsOf(this.pid) ?? NaN;
  }

  /** `extra`: capabilities added to the editor-like ones below (e.g. `window.workDoneProgress`). */
  async initialize(root: string, extra: Record<string, unknown> = {}): Promise<InitializeResult> {
    const result = await initializeServer(this.connection, root, {
      ...extra,
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: true },
        workspaceFolders: true,
      },
      textDocument: {
        publishDiagnostics: { versionSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: true } },
      },
    });
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: this.settings });
    return result;
  }

  /** Waits for the first arrival at index >= `from` that satisfies `predicate`; rejects after `timeoutMs`. */
  async waitFor(from: number, predicate: (a: Arrival) => boolean, timeoutMs: number): Promise<Arrival> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = this.arrivals.slice(from).find(predicate);
      if (found) return found;
      const left = deadline - performance.now();
      if (left <= 0 || !this.alive) {
        throw new Error(
          this.alive
            ? `no diagnostics within ${timeoutMs} ms`
            : `the server exited: ${this.stderr.slice(-400)}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 1000));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Asks the server to shut down and waits up to `graceMs` for it to exit (a CPU profile is written then), then kills it. */
  async dispose(graceMs = 2000): Promise<void> {
    if (this.alive) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      void (async (): Promise<void> => {
        await this.connection.sendRequest('shutdown');
        await this.connection.sendNotification('exit');
      })().catch(() => undefined);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, graceMs))]);
    }
    this.connection.dispose();
    if (this.alive) this.child.kill('SIGKILL');
  }
}
