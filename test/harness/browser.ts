/**
 * Opens the code-server workbench in headless Chromium (through playwright-core) so that VS Code runs an
 * extension's mocha suite in its extension host, and reports the suite's exit code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

/** Options for {@link runSuiteInBrowser}. */
export interface BrowserRunOptions {
  /** `http://127.0.0.1:PORT` of a running code-server started with `--vscode-option enable-smoke-test-driver`. */
  readonly origin: string;
  readonly workspacePath: string;
  readonly extensionDevelopmentPath: string;
  /** The compiled test index (a folder with index.js, or a file path without `.js`). */
  readonly extensionTestsPath: string;
  /** Scratch folder: Chromium's profile, XDG folders and the workbench logs go below it. */
  readonly workDir: string;
  /** Overall limit for the suite (default: ISC_PLAN_TEST_TIMEOUT_MS or 10 minutes). */
  readonly timeoutMs?: number;
  /** Where the extension host's console lines go (default: stdout). */
  readonly log?: (line: string) => void;
}

/** Chromium flags from the recipe: no sandbox (root), no GPU, and no traffic except to the page's origin. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Launches headless Chromium (`ISC_PLAN_CHROMIUM` or /usr/bin/chromium) with {@link chromiumArgs}, its
 * XDG config and cache folders under `<workDir>/chromium/` so nothing lands in the home folder.
 */
export async function launchChromium(workDir: string): Promise<Browser> {
  const xdg = (name: string): string => {
    const dir = path.join(workDir, 'chromium', name);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  };
  return chromium.launch({
    executablePath: process.env.ISC_PLAN_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs,
    env: { ...process.env, XDG_CONFIG_HOME: xdg('config'), XDG_CACHE_HOME: xdg('cache') },
    timeout: 60_000,
  });
}

/**
 * The workbench URL that opens `workspacePath` and runs the tests: the extension and the test index are
 * named in the `payload` as `vscode-remote://HOST:PORT<abs path>` (honoured only with the smoke-test driver on).
 */
export function workbenchUrl(
  origin: string,
  workspacePath: string,
  extensionDevelopmentPath: string,
  extensionTestsPath: string,
): string {
  const authority = new URL(origin).host;
  const remote = (p: string): string => `vscode-remote://${authority}${path.resolve(p)}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
    ['extensionTestsPath', remote(extensionTestsPath)],
  ];
  return `${origin}/?folder=${encodeURIComponent(path.resolve(workspacePath))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

function defaultTimeout(): number {
  const fromEnv = Number(process.env.ISC_PLAN_TEST_TIMEOUT_MS);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 10 * 60_000;
}

/**
 * Workbench chatter that reaches `codeAutomationLog` alongside the extension host's console: connection set-up,
 * the unreachable extension gallery, shutdown cancellations. Hidden unless ISC_PLAN_TEST_VERBOSE=1; every line
 * is still written to `<workDir>/automation.log`.
 */
const workbenchNoise = [
  /^(Resolving|Resolved) connection token /,
  /^Creating a socket \(renderer-/,
  /^\[(reconnection-grace-time|Service Worker|AccountPolicyGate|AgentHost:[^\]]*)\] /,
  /^Updating additional builtin extensions cache\n/,
  /^Ignoring fetching additional builtin extensions from gallery as it is disabled\.\n/,
  /^\[warn\] Creation of workbench contribution '[^']*' took \d+ms\.\n/,
  /^\[error\] getaddrinfo ENOTFOUND open-vsx\.org/,
  /^\[error\] Timed out waiting for authentication provider '[^']*' to register\./,
  /^\[error\] Canceled(: Canceled)*\n/,
];

/** True for a workbench line that says nothing about the extension under test (see `workbenchNoise`). */
export function isWorkbenchNoise(line: string): boolean {
  return workbenchNoise.some((pattern) => pattern.test(line.endsWith('\n') ? line : line + '\n'));
}

/** Formats one `codeAutomationLog(type, args)` call as a line. */
function formatLogCall(type: unknown, args: unknown): string {
  const parts = Array.isArray(args) ? (args as unknown[]) : [args];
  const text = format(...parts);
  return type === 'error' || type === 'warn' ? `[${String(type)}] ${text}` : text;
}

/** Saves the workbench logs that VS Code hands to `codeAutomationExit` (relativePath + contents) under `dir`. */
function saveWorkbenchLogs(dir: string, logs: unknown): void {
  if (!Array.isArray(logs)) return;
  for (const entry of logs as { relativePath?: unknown; contents?: unknown }[]) {
    if (typeof entry.relativePath !== 'string' || typeof entry.contents !== 'string') continue;
    const file = path.join(dir, entry.relativePath.replace(/\.\.(\/|\\)/g, ''));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, entry.contents);
  }
}

/**
 * Runs the suite named by `extensionTestsPath` inside the workbench served at `origin`, in headless Chromium.
 * Resolves with the suite's exit code (0 = passed) as VS Code reports it through `codeAutomationExit`;
 * rejects when Chromium cannot start, the page cannot load, or the overall timeout passes.
 */
export async function runSuiteInBrowser(options: BrowserRunOptions): Promise<number> {
  const log = options.log ?? ((line: string) => process.stdout.write(line + '\n'));
  const timeoutMs = options.timeoutMs ?? defaultTimeout();
  const browser = await launchChromium(options.workDir);
  const verbose = process.env.ISC_PLAN_TEST_VERBOSE === '1';
  const forward = (line: string): void => {
    fs.appendFileSync(path.join(options.workDir, 'automation.log'), line + '\n');
    if (verbose || !isWorkbenchNoise(line)) log(line);
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    const page = await browser.newPage();
    const exitCode = new Promise<number>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the suite did not finish within ${timeoutMs} ms`)),
        timeoutMs,
      );
      page.on('crash', () => reject(new Error('the workbench page crashed')));
      page.on('pageerror', (error) => forward(`[pageerror] ${error.message}`));
      // Both functions must exist before the workbench loads: it looks them up once.
      void page
        .exposeFunction('codeAutomationExit', (code: unknown, logs: unknown) => {
          saveWorkbenchLogs(path.join(options.workDir, 'workbench-logs'), logs);
          resolve(typeof code === 'number' ? code : 1);
        })
        .then(() =>
          page.exposeFunction('codeAutomationLog', (type: unknown, args: unknown) =>
            forward(formatLogCall(type, args)),
          ),
        )
        .then(() =>
          page.goto(
            workbenchUrl(
              options.origin,
              options.workspacePath,
              options.extensionDevelopmentPath,
              options.extensionTestsPath,
            ),
          ),
        )
        .catch(reject);
    });
    return await exitCode;
  } finally {
    if (timer) clearTimeout(timer);
    await browser.close().catch(() => undefined);
  }
}
