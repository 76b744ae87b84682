/**
 * End-to-end test of the PACKAGED extension: installs `isc-plan.vsix` into a fresh code-server (the real VS Code
 * workbench), opens it in headless Chromium and does what an ISC admin does — Quick Open a plan, read the
 * Problems panel, hover a source, open the dry run, use it by keyboard, reload the window — once in the light and
 * once in the dark theme, then the dry-run view alone in high contrast — taking the screenshots the README shows
 * (test/e2e/screenshots/, copied to docs/images/ by scripts/update-readme-screenshots.mjs).
 *
 *   npm run package && node out/test/e2e/run.js
 *
 * Environment:
 *   ISC_PLAN_VSIX=<path>            the package to test (default: isc-plan.vsix at the repository root)
 *   ISC_PLAN_E2E_TIMEOUT_MS=<ms>    overall limit (default 6 minutes)
 *   ISC_PLAN_E2E_THEMES=light,dark,high-contrast  the themes to run in (default all three)
 *   ISC_PLAN_KEEP_TEST_WORK=1       keep `.test-work/e2e-<n>/` after a passing run (a failing run always keeps it)
 *
 * Exit status: 0 when every check passed, 1 when one failed (or the run was aborted), 2 when the run could not start.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../harness/browser';
import {
  findCodeServer,
  findRepoRoot,
  installExtension,
  startCodeServer,
  tail,
  writeUserSettings,
} from '../harness/codeServer';
import type { RunningCodeServer } from '../harness/codeServer';
import { CheckRunner } from './checks';
import { runScenario } from './steps';
import { scenarioFor } from './passes';
import { Workbench, themes } from './workbench';
import type { ThemeKind } from './workbench';

const log = (line: string): void => console.log(line);

/** Seconds since `started`, e.g. `12.3 s`. */
function since(started: number): string {
  return `${((Date.now() - started) / 1000).toFixed(1)} s`;
}

/** Settings of the e2e profile: the color theme, and nothing that pops up over the editor. */
function e2eSettings(theme: ThemeKind): Record<string, unknown> {
  return {
    'workbench.colorTheme': themes[theme],
    'workbench.tips.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.showReleaseNotes': false,
    'editor.hover.delay': 100,
    'editor.hover.sticky': true,
  };
}

/** The .vsix to test; throws with how to build it when it is missing. */
export function resolveVsix(repo: string, env: NodeJS.ProcessEnv = process.env): string {
  const vsix = path.resolve(repo, env.ISC_PLAN_VSIX ?? 'isc-plan.vsix');
  if (!fs.existsSync(vsix)) {
    throw new Error(`${vsix} does not exist: build the package first with \`npm run package\``);
  }
  return vsix;
}

/** The themes to run in, from ISC_PLAN_E2E_THEMES (default light, dark, then high contrast). */
export function pickThemes(env: NodeJS.ProcessEnv = process.env): ThemeKind[] {
  const wanted = (env.ISC_PLAN_E2E_THEMES ?? Object.keys(themes).join(',')).split(',').map((t) => t.trim());
  const unknown = wanted.filter((t) => !(t in themes));
  if (unknown.length > 0) throw new Error(`ISC_PLAN_E2E_THEMES: unknown theme ${unknown.join(', ')}`);
  return wanted as ThemeKind[];
}

/** A fresh scratch folder `.test-work/e2e-<n>/` (the next free n). */
function newWorkDir(repo: string): string {
  const root = path.join(repo, '.test-work');
  fs.mkdirSync(root, { recursive: true });
  for (let n = 1; ; n++) {
    const dir = path.join(root, `e2e-${n}`);
    try {
      fs.mkdirSync(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Everything one run works with. */
interface Run {
  readonly workDir: string;
  readonly workspace: string;
  readonly screenshotDir: string;
  readonly runner: CheckRunner;
  /** The workbench of the pass that is running, for failure screenshots. */
  current?: Workbench;
}

/** Runs the scenario in each theme, in a fresh browser context each, against the running server. */
async function runPasses(run: Run, server: RunningCodeServer, browser: Browser): Promise<void> {
  for (const theme of pickThemes()) {
    if (run.runner.isAborted) return;
    writeUserSettings(run.workDir, { 'workbench.colorTheme': themes[theme] });
    const started = Date.now();
    let wb: Workbench;
    try {
      wb = await Workbench.open(browser, server.origin, run.workspace, theme);
    } catch (error) {
      run.runner.fail(`[${theme}] the workbench loads with the ${themes[theme]} theme`, error);
      continue;
    }
    log(`[e2e] workbench (${theme}) ready in ${since(started)}`);
    run.current = wb;
    try {
      const ctx = { wb, theme, workspace: run.workspace, screenshotDir: run.screenshotDir };
      await runScenario(run.runner, ctx, scenarioFor(theme));
    } finally {
      run.current = undefined;
      await wb.close();
    }
  }
}

/** Saves a screenshot of the workbench after a failed check into the run folder. */
async function failureShot(run: Run, name: string): Promise<void> {
  if (!run.current) return;
  const file = path.join(run.workDir, `failure-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
  await run.current.screenshot(file);
  log(`        screenshot of the failure: ${path.relative(process.cwd(), file)}`);
}

/** Rejects after `ms` milliseconds; `cancel` stops the timer. */
function deadline(ms: number): { promise: Promise<never>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the end-to-end run did not finish within ${ms} ms`)), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/** Starts code-server with the package installed and runs the passes; always stops the server and Chromium. */
async function runWithServer(run: Run, vsix: string): Promise<void> {
  let started = Date.now();
  installExtension(vsix, run.workDir);
  log(`[e2e] installed ${path.basename(vsix)} in ${since(started)}`);
  started = Date.now();
  const server = await startCodeServer({ workDir: run.workDir, workspacePath: run.workspace });
  log(`[e2e] code-server ready at ${server.origin} in ${since(started)}`);
  let browser: Browser | undefined;
  const limitMs = Number(process.env.ISC_PLAN_E2E_TIMEOUT_MS) || 6 * 60_000;
  const limit = deadline(limitMs);
  try {
    browser = await launchChromium(run.workDir);
    await Promise.race([runPasses(run, server, browser), limit.promise]);
  } catch (error) {
    run.runner.abort('the scenario finishes', error);
    await failureShot(run, 'the scenario finishes').catch(() => undefined);
    log(`--- ${server.logFile} ---\n${tail(server.logFile)}`);
  } finally {
    limit.cancel();
    await browser?.close().catch(() => undefined);
    await server.stop();
  }
}

/** Runs the end-to-end scenario; resolves with the exit status. */
async function main(): Promise<number> {
  const started = Date.now();
  const repo = findRepoRoot();
  const vsix = resolveVsix(repo);
  if (!findCodeServer(repo)) {
    throw new Error('code-server is not installed: run `node scripts/install-test-editor.mjs` first');
  }
  const workDir = newWorkDir(repo);
  const run: Run = {
    workDir,
    workspace: path.join(workDir, 'workspace'),
    screenshotDir: path.join(repo, 'test', 'e2e', 'screenshots'),
    runner: new CheckRunner((name) => failureShot(run, name)),
  };
  fs.cpSync(path.join(repo, 'samples'), run.workspace, { recursive: true });
  fs.mkdirSync(run.screenshotDir, { recursive: true });
  // No stale picture of an earlier run may end up in docs/images/.
  for (const name of fs.readdirSync(run.screenshotDir).filter((n) => n.endsWith('.png'))) {
    fs.rmSync(path.join(run.screenshotDir, name));
  }
  writeUserSettings(workDir, e2eSettings('light'));
  log(
    `[e2e] ${path.relative(repo, vsix)} in code-server ${findCodeServer(repo)?.codeServerVersion} + headless Chromium; run folder ${path.relative(repo, workDir)}`,
  );
  await runWithServer(run, vsix);
  const failed = run.runner.failed;
  log(
    `[e2e] ${run.runner.summary()}; screenshots in ${path.relative(process.cwd(), run.screenshotDir)}; total ${since(started)}`,
  );
  if (!failed && process.env.ISC_PLAN_KEEP_TEST_WORK !== '1') {
    fs.rmSync(workDir, { recursive: true, force: true });
  } else {
    log(`[e2e] run files kept in ${path.relative(process.cwd(), workDir)}`);
  }
  return failed ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`[e2e] could not run: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 2;
    },
  );
}
