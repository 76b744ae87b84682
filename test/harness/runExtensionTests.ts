/**
 * One entry point that runs an extension's mocha suite (the `@vscode/test-electron` shape: an index exporting
 * `run(): Promise<void>`) inside a real VS Code: desktop VS Code through `@vscode/test-electron`, or the same
 * VS Code served by code-server and shown in headless Chromium where desktop VS Code cannot be had.
 *
 * Environment:
 *   ISC_PLAN_TEST_EDITOR=desktop|code-server  pick the editor (default: see {@link pickEditor})
 *   ISC_PLAN_VSCODE_EXECUTABLE=<path>         desktop VS Code to use (otherwise test-electron downloads one)
 *   ISC_PLAN_TEST_TIMEOUT_MS=<ms>             overall limit of a code-server run (default 10 minutes)
 *   ISC_PLAN_KEEP_TEST_WORK=1                 keep `.test-work/<run>/` after a passing code-server run
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import type { TestOptions } from '@vscode/test-electron';
import { runSuiteInBrowser } from './browser';
import { findCodeServer, findRepoRoot, startCodeServer, tail } from './codeServer';

/** What {@link runExtensionTests} needs. */
export interface RunExtensionTestsOptions {
  /** Folder of the extension under test (holds its package.json). */
  extensionDevelopmentPath: string;
  /** Compiled test index: a folder with index.js, or the file path without `.js`. */
  extensionTestsPath: string;
  /** Folder the editor opens. */
  workspacePath: string;
  /** Environment variables for the extension host (and so for the tests). */
  env?: Record<string, string>;
  /** Extra editor arguments: desktop VS Code arguments, or code-server arguments on code-server. */
  launchArgs?: string[];
}

/** The two kinds of editor the suite can run in. */
export type TestEditor = 'desktop' | 'code-server';

/**
 * Which editor to use: `ISC_PLAN_TEST_EDITOR` when set; otherwise desktop when `ISC_PLAN_VSCODE_EXECUTABLE`
 * names one, code-server when it is installed (`scripts/install-test-editor.mjs`), else desktop (test-electron
 * then downloads VS Code).
 */
export function pickEditor(
  env: NodeJS.ProcessEnv = process.env,
  codeServerInstalled = (): boolean => findCodeServer() !== undefined,
): TestEditor {
  const wanted = env.ISC_PLAN_TEST_EDITOR?.trim();
  if (wanted === 'desktop' || wanted === 'code-server') return wanted;
  if (wanted) throw new Error(`ISC_PLAN_TEST_EDITOR must be "desktop" or "code-server", not "${wanted}"`);
  if (env.ISC_PLAN_VSCODE_EXECUTABLE) return 'desktop';
  return codeServerInstalled() ? 'code-server' : 'desktop';
}

/**
 * The options handed to `@vscode/test-electron`'s `runTests` for desktop VS Code: absolute paths, the workspace
 * first, `--disable-extensions`, then the caller's `launchArgs`; the executable from `ISC_PLAN_VSCODE_EXECUTABLE`
 * when set (test-electron downloads VS Code only when it is not).
 */
export function desktopTestOptions(
  options: RunExtensionTestsOptions,
  env: NodeJS.ProcessEnv = process.env,
): TestOptions {
  const executable = env.ISC_PLAN_VSCODE_EXECUTABLE;
  return {
    ...(executable ? { vscodeExecutablePath: path.resolve(executable) } : {}),
    extensionDevelopmentPath: path.resolve(options.extensionDevelopmentPath),
    extensionTestsPath: path.resolve(options.extensionTestsPath),
    launchArgs: [path.resolve(options.workspacePath), '--disable-extensions', ...(options.launchArgs ?? [])],
    extensionTestsEnv: { ...options.env },
  };
}

/** Runs the suite in desktop VS Code; a failing suite gives its non-zero exit code instead of a rejection. */
async function runOnDesktop(options: RunExtensionTestsOptions): Promise<number> {
  try {
    return await runTests(desktopTestOptions(options));
  } catch (error) {
    if (error instanceof TestRunFailedError) return error.code ?? 1;
    throw error;
  }
}

/** A fresh scratch folder `.test-work/run-<time>-<random>/` for one code-server run. */
function newWorkDir(): string {
  const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const root = path.join(findRepoRoot(), '.test-work');
  fs.mkdirSync(root, { recursive: true });
  return fs.mkdtempSync(path.join(root, `run-${stamp}-`));
}

/** Runs the suite in code-server + headless Chromium; keeps the scratch folder when the run fails. */
async function runOnCodeServer(options: RunExtensionTestsOptions): Promise<number> {
  if (!findCodeServer()) {
    throw new Error('code-server is not installed: run `node scripts/install-test-editor.mjs` first');
  }
  const workDir = newWorkDir();
  const started = Date.now();
  const server = await startCodeServer({
    workDir,
    workspacePath: path.resolve(options.workspacePath),
    ...(options.env ? { env: options.env } : {}),
    ...(options.launchArgs ? { args: options.launchArgs } : {}),
  });
  console.log(
    `[isc-plan test] code-server ready at ${server.origin} in ${((Date.now() - started) / 1000).toFixed(1)}s`,
  );
  let code: number | undefined;
  try {
    code = await runSuiteInBrowser({
      origin: server.origin,
      workspacePath: options.workspacePath,
      extensionDevelopmentPath: options.extensionDevelopmentPath,
      extensionTestsPath: options.extensionTestsPath,
      workDir,
    });
    return code;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n--- ${server.logFile} ---\n${tail(server.logFile)}`, { cause: error });
  } finally {
    await server.stop();
    if (code === 0 && process.env.ISC_PLAN_KEEP_TEST_WORK !== '1') {
      fs.rmSync(workDir, { recursive: true, force: true });
    } else {
      console.log(`[isc-plan test] run files kept in ${path.relative(process.cwd(), workDir) || workDir}`);
    }
  }
}

/**
 * Runs an extension's mocha suite inside a real VS Code, the editor picked by {@link pickEditor}.
 * Resolves with the suite's exit code (0 = all passed); rejects only when the editor itself cannot run
 * (not installed, failed to start, timed out).
 */
export async function runExtensionTests(options: RunExtensionTestsOptions): Promise<number> {
  return pickEditor() === 'desktop' ? runOnDesktop(options) : runOnCodeServer(options);
}
