/**
 * The scenario steps: what an ISC admin does with the packaged extension, one named check each. Every step
 * brings the workbench into the state it needs itself (opening its file through Quick Open), so a failing step
 * does not take the following ones with it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from './checks';
import type { CheckRunner } from './checks';
import type { ThemeKind, Workbench } from './workbench';
import { normalizeSpaces, viewport, waitTimeoutMs } from './workbench';

/** What the steps of one pass (one color theme) work with. */
export interface StepContext {
  readonly wb: Workbench;
  readonly theme: ThemeKind;
  /** The scratch copy of `samples/` the workbench has open. */
  readonly workspace: string;
  /** Folder the screenshots go to (`test/e2e/screenshots/`). */
  readonly screenshotDir: string;
}

/** The flagship plan and the plan full of naming mistakes, relative to the workspace. */
export const janePlan = 'plans/jane-joins-finance.plan.yaml';
export const mistakesPlan = 'mistakes/unknown-names.plan.yaml';

/** The language name VS Code shows for plan files (the first alias in package.json). */
export const planLanguageName = 'ISC Provisioning Plan (YAML)';

/** The title of the dry-run command in the palette and its view's title prefix. */
export const dryRunCommand = 'ISC Plan: Dry Run of Current Plan';

/** Parts of the messages of the diagnostics of {@link mistakesPlan} (one per request). */
export const expectedProblems = [
  'No loaded catalog has a source named "Active Directroy"',
  '"Modfy" is not a valid value',
  'No loaded catalog has a service desk integration named "ServiceNow SDM"',
  'no attribute "departmnet"',
  'No loaded catalog has a source named "Travel Booking"',
];

/** The screenshots one pass writes, without the `-<theme>.png` ending. */
export const screenshotNames = [
  'problems',
  'hover',
  'dry-run',
  'scenario',
  'perspectives',
  'events',
] as const;

/** One of {@link screenshotNames}. */
export type ScreenshotName = (typeof screenshotNames)[number];

/** Path of the screenshot `name` in the context's theme. */
export function screenshotPath(ctx: StepContext, name: ScreenshotName): string {
  return path.join(ctx.screenshotDir, `${name}-${ctx.theme}.png`);
}

/** Polls `probe` until it returns true; throws `what` after `timeoutMs`. */
export async function waitUntil(
  probe: () => Promise<boolean>,
  what: () => string,
  timeoutMs = waitTimeoutMs,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** 1-based number of the first line of a workspace file that contains `text`. */
export function lineOf(ctx: StepContext, file: string, text: string): number {
  const lines = fs.readFileSync(path.join(ctx.workspace, file), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`${file} has no line with "${text}"`);
  return index + 1;
}

/** Hides the panel (Problems, Output…) when it is showing, so the editor gets the whole height. */
async function hidePanel(wb: Workbench): Promise<void> {
  const panel = wb.page.locator('.part.panel');
  if (await panel.isVisible()) {
    await wb.page.keyboard.press('Control+J');
    await panel.waitFor({ state: 'hidden' });
  }
}

/** Step 1: Quick Open shows the flagship plan, and the status bar says it is an ISC plan. */
async function openPlan(ctx: StepContext): Promise<void> {
  const { wb } = ctx;
  await wb.quickOpen(janePlan);
  await wb.page
    .locator('.editor-group-container.active .monaco-editor .view-line')
    .filter({ hasText: 'Jane Doe joins Acme' })
    .first()
    .waitFor();
  const indicator = wb.languageIndicator();
  await indicator.filter({ hasText: planLanguageName }).waitFor();
}

/** Step 2: the Problems panel lists the mistakes of unknown-names, and the editor underlines them. */
async function showProblems(ctx: StepContext): Promise<void> {
  const { wb } = ctx;
  await wb.quickOpen(mistakesPlan);
  await wb.openProblems(`**/${path.posix.basename(mistakesPlan)}`);
  let texts: string[] = [];
  await waitUntil(
    async () => {
      texts = await wb.problemTexts();
      return expectedProblems.every((message) => texts.some((row) => row.includes(message)));
    },
    () =>
      `missing in the Problems panel: ${expectedProblems.filter((m) => !texts.some((r) => r.includes(m))).join(' | ')}\nrows: ${texts.join('\n      ')}`,
  );
  // Bring requests 1-3 into view: their errors are what the screenshot shows.
  await wb.goToLine(lineOf(ctx, mistakesPlan, 'operation: Modfy'));
  await waitUntil(
    async () => (await wb.squiggles('error').count()) >= 2,
    () => 'fewer than 2 error squiggles in the editor',
  );
  await wb.page.mouse.move(640, 5);
  await wb.dismissNotifications();
  await wb.screenshot(screenshotPath(ctx, 'problems'));
}

/** Step 3: hovering the Payroll source tells the channel (a manual work item) and who gets it. */
async function hoverSource(ctx: StepContext): Promise<void> {
  const { wb } = ctx;
  await wb.quickOpen(janePlan);
  await hidePanel(wb);
  await wb.dismissNotifications();
  await wb.goToLine(lineOf(ctx, janePlan, 'source: Payroll'));
  const text = await wb.hoverWord('source: Payroll', 'Payroll', /Channel: manual work item/);
  expect(text.includes('payroll.admin'), `the hover does not name payroll.admin:\n${text}`);
  await wb.screenshot(screenshotPath(ctx, 'hover'));
  await wb.page.mouse.move(640, 5);
}

/** The sources of the plan's account requests, in order (the `  - source: X` lines of a workspace file). */
export function planSources(ctx: StepContext, file: string): string[] {
  const text = fs.readFileSync(path.join(ctx.workspace, file), 'utf8');
  return [...text.matchAll(/^ {2}- source: (.+?)\s*$/gm)].map((m) => m[1]!);
}

/**
 * The `data-channel` and text of every request row, once the dry run shows at least `count` of them (one per
 * request; a request whose permission requests split off to a work item may add a row for that part).
 */
export async function dryRunRows(
  ctx: StepContext,
  count: number,
): Promise<{ channel: string; text: string }[]> {
  const rows = ctx.wb.webview().getByTestId('request-row');
  let seen = 0;
  await waitUntil(
    async () => (seen = await rows.count()) >= count,
    () => `the dry run shows ${seen} request rows for ${count} requests`,
  );
  const result: { channel: string; text: string }[] = [];
  for (let i = 0; i < seen; i++) {
    const row = rows.nth(i);
    const channel = (await row.getAttribute('data-channel')) ?? '';
    result.push({ channel, text: normalizeSpaces(await row.innerText()) });
  }
  return result;
}

/** Checks the request rows: every source of the plan, all three channels, Payroll as a manual Create. */
async function checkRequestRows(ctx: StepContext): Promise<void> {
  const sources = planSources(ctx, janePlan);
  const rows = await dryRunRows(ctx, sources.length);
  for (const source of sources) {
    expect(
      rows.some((r) => r.text.includes(source)),
      `no request row names ${source}`,
    );
  }
  const channels = new Set(rows.map((r) => r.channel));
  for (const channel of ['connector', 'manual', 'ticketing']) {
    expect(
      channels.has(channel),
      `no request row has data-channel="${channel}": ${[...channels].join(', ')}`,
    );
  }
  const payroll = rows.find((r) => r.text.includes('Payroll'));
  expect(payroll?.channel === 'manual', `the Payroll row is not manual: ${JSON.stringify(payroll)}`);
  expect(payroll.text.includes('Create'), `the Payroll row does not name its operation: ${payroll.text}`);
}

/** Waits until the timeline of the representative run has events, one of them with ISC's `COMMITED`. */
async function checkTimeline(ctx: StepContext): Promise<void> {
  const events = ctx.wb.webview().getByTestId('event');
  let texts: string[] = [];
  await waitUntil(
    async () => (texts = await events.allInnerTexts()).some((e) => e.includes('COMMITED')),
    () => `no timeline event says COMMITED (${texts.length} events):\n${texts.slice(0, 10).join('\n')}`,
  );
}

/** Clicks the perspective tabs in turn; each must show a text of its own. */
async function checkPerspectives(ctx: StepContext): Promise<void> {
  const view = ctx.wb.webview();
  const seen: string[] = [];
  for (const who of ['user', 'auditor', 'admin']) {
    await view.getByTestId(`tab-${who}`).click();
    let text = '';
    await waitUntil(
      async () => {
        text = normalizeSpaces(await view.getByTestId('perspective').innerText()).trim();
        return text.length > 0 && !seen.includes(text);
      },
      () => `the ${who} perspective is empty or the same as another one: "${text.slice(0, 200)}"`,
    );
    seen.push(text);
  }
}

/** Step 4: the dry-run view of the flagship plan, with its summary, requests, timeline and perspectives. */
async function dryRun(ctx: StepContext): Promise<void> {
  const { wb } = ctx;
  await wb.quickOpen(janePlan);
  await wb.page.mouse.move(640, 5);
  if (!(await wb.runCommand(dryRunCommand))) {
    throw new Error(`"${dryRunCommand}" is not in the command palette: the extension does not contribute it`);
  }
  await wb.shownTab(`Dry run: ${path.posix.basename(janePlan)}`).waitFor();
  const summary = normalizeSpaces(await wb.webview().getByTestId('summary').innerText()).trim();
  expect(/manual/i.test(summary), `the summary does not count the channels: "${summary}"`);
  await checkRequestRows(ctx);
  await checkTimeline(ctx);
  await checkPerspectives(ctx);
  await showDryRunTop(ctx);
  await wb.dismissNotifications();
  await wb.screenshot(screenshotPath(ctx, 'dry-run'));
}

/** Gives the dry-run view more room (hides the side bar, Ctrl+B) and scrolls back to its summary. */
async function showDryRunTop(ctx: StepContext): Promise<void> {
  const { page } = ctx.wb;
  const frame = page.locator('iframe.webview.ready');
  const sidebar = page.locator('.part.sidebar');
  if (await sidebar.isVisible()) {
    const before = (await frame.boundingBox())?.width ?? 0;
    await page.keyboard.press('Control+B');
    await sidebar.waitFor({ state: 'hidden' });
    await waitUntil(
      async () => ((await frame.boundingBox())?.width ?? 0) > before,
      () => 'the dry-run view did not grow when the side bar closed',
    );
  }
  await ctx.wb.webview().getByTestId('summary').scrollIntoViewIfNeeded();
}

/** Step 5: the screenshots of this pass exist and are PNG images of the window's size. */
function checkScreenshots(ctx: StepContext, names: readonly ScreenshotName[]): Promise<void> {
  for (const name of names) {
    const file = screenshotPath(ctx, name);
    expect(fs.existsSync(file), `${file} was not written`);
    const png = fs.readFileSync(file);
    expect(png.subarray(1, 4).toString('latin1') === 'PNG', `${file} is not a PNG`);
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    const wanted = `${viewport.width}x${viewport.height}`;
    expect(`${width}x${height}` === wanted, `${file} is ${width}x${height}, not ${wanted}`);
  }
  return Promise.resolve();
}

/** One step of a pass: a named check, and the screenshot it writes when it passes. */
export interface ScenarioStep {
  readonly name: string;
  readonly shot?: ScreenshotName;
  readonly run: (ctx: StepContext) => Promise<void>;
}

/** The steps of this file, by what they show. */
export const coreSteps = {
  openPlan: { name: 'Quick Open shows the plan; the status bar says ISC plan', run: openPlan },
  problems: { name: 'Problems panel and squiggles for unknown-names', shot: 'problems', run: showProblems },
  hover: { name: 'hover on source: Payroll names the manual channel', shot: 'hover', run: hoverSource },
  dryRun: { name: 'dry-run view from the command palette', shot: 'dry-run', run: dryRun },
} as const satisfies Record<string, ScenarioStep>;

/**
 * Runs `steps` in the context's theme, each as a named, numbered check, then checks the screenshots the passing
 * ones wrote.
 */
export async function runScenario(
  runner: CheckRunner,
  ctx: StepContext,
  steps: readonly ScenarioStep[] = Object.values(coreSteps),
): Promise<void> {
  const tag = `[${ctx.theme}]`;
  const written: ScreenshotName[] = [];
  let n = 0;
  for (const step of steps) {
    if ((await runner.check(`${tag} ${++n} ${step.name}`, () => step.run(ctx))) === 'PASS' && step.shot) {
      written.push(step.shot);
    }
  }
  await runner.check(`${tag} ${n + 1} screenshots of this theme (${written.join(', ') || 'none'})`, () =>
    checkScreenshots(ctx, written),
  );
}
