import type { ChildProcess } from 'child_process';
import { spawn } from 'child_process';
import * as path from 'path';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import type { InitializationOptions } from '../../shared/protocol';
import { REPO_ROOT } from '../repoPaths';

const SERVER = path.join(REPO_ROOT, 'dist', 'server.js');

/**
 * The LSP handshake of a client with `capabilities` in the trusted workspace folder `root`:
 * `initialize`, then `initialized`; `options` are added to the initialization options. The
 * benchmark's client uses it too.
 */
export async function initializeServer(
  connection: MessageConnection,
  root: string,
  capabilities: Record<string, unknown>,
  options: Partial<InitializationOptions> = {},
): Promise<InitializeResult> {
  const rootUri = URI.file(root).toString();
  const result = await connection.sendRequest<InitializeResult>('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: path.basename(root) }],
    capabilities,
    initializationOptions: { trusted: true, ...options },
  });
  await connection.sendNotification('initialized', {});
  return result;
}

/** A published diagnostics message, in arrival order. */
export interface Published {
  uri: string;
  version: number | undefined;
  diagnostics: Diagnostic[];
}

/**
 * Drives the built language server over stdio exactly as another editor would (Neovim, Emacs...),
 * recording what it publishes.
 */
export class LspTestClient {
  readonly published: Published[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  private readonly process: ChildProcess;
  readonly connection: MessageConnection;
  private readonly waiters: (() => void)[] = [];
  configuration: Record<string, unknown> = {};
  stderr = '';

  constructor() {
    this.process = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.connection = createMessageConnection(
      new StreamMessageReader(this.process.stdout!),
      new StreamMessageWriter(this.process.stdin!),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push({ uri: params.uri, version: params.version, diagnostics: params.diagnostics });
      this.wake();
    });
    this.connection.onNotification((method, params) => {
      this.notifications.push({ method, params });
      this.wake();
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map(() => this.configuration),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  async initialize(
    root: string,
    capabilities: Record<string, unknown> = {},
    options: Partial<InitializationOptions> = {},
  ): Promise<InitializeResult> {
    return initializeServer(
      this.connection,
      root,
      {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        ...capabilities,
      },
      options,
    );
  }

  async open(file: string, text: string, languageId = 'isc-plan-yaml', version = 1): Promise<string> {
    const uri = URI.file(file).toString();
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version, text },
    });
    return uri;
  }

  async change(uri: string, version: number, changes: unknown[]): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Waits until a published message satisfies `predicate` (polling on each message, with a timeout). */
  async waitFor(
    predicate: (p: Published) => boolean,
    timeoutMs = 10_000,
    what = 'diagnostics',
  ): Promise<Published> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.published.find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `timed out waiting for ${what}; published: ${JSON.stringify(this.published.map((p) => [p.uri, p.version, p.diagnostics.map((d) => d.code)]))}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The diagnostics last published for a URI. */
  latest(uri: string): Published | undefined {
    return [...this.published].reverse().find((p) => p.uri === uri);
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  async shutdown(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    this.process.kill();
  }

  /** Writes bytes to the server's stdin as they are: junk that no well-behaved client sends (the fuzzer). */
  async writeRaw(bytes: string | Buffer): Promise<void> {
    await new Promise<void>((resolve, reject) =>
      this.process.stdin!.write(bytes, (error) => (error ? reject(error) : resolve())),
    );
  }

  /** Ends the server's process at once (a case that left it busy or broken). */
  kill(): void {
    this.connection.dispose();
    this.process.kill('SIGKILL');
  }

  /** Calls `listener` with the server's exit code when its process ends. */
  onExit(listener: (code: number | null) => void): void {
    this.process.once('exit', listener);
  }

  get alive(): boolean {
    return this.process.exitCode === null && !this.process.killed;
  }
}
