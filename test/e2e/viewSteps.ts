/**
 * Steps on the dry-run view beyond opening it: keyboard use (the perspective tabs with the arrow keys, a request
 * row with Enter to reveal its request in the editor) and its return after "Developer: Reload Window".
 */
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { expect } from './checks';
import { checkReadability, describeEdge, edgeOf, isVisibleEdge } from './readability';
import type { ScenarioStep, StepContext } from './steps';
import { dryRunCommand, dryRunRows, janePlan, lineOf, planSources, waitUntil } from './steps';
import { normalizeSpaces } from './workbench';

/** The title of the dry-run view's tab for the flagship plan. */
export const dryRunTab = `Dry run: ${path.posix.basename(janePlan)}`;

/** The request the keyboard step reveals: its row names this source, its line in the plan holds `- source: …`. */
const payroll = { source: 'Payroll', line: '- source: Payroll' } as const;

/** Waits until the view shows a model (not busy, a summary, one row per request of the plan). */
async function waitForModel(ctx: StepContext): Promise<void> {
  const view = ctx.wb.webview();
  await view.locator('#app:not([aria-busy="true"]) [data-testid="summary"]').waitFor();
  await dryRunRows(ctx, planSources(ctx, janePlan).length);
}

/** Opens the dry run of the flagship plan unless its tab is already showing; resolves when it shows a model. */
export async function ensureDryRun(ctx: StepContext): Promise<void> {
  const { wb } = ctx;
  if (!(await wb.shownTab(dryRunTab).isVisible())) {
    await wb.quickOpen(janePlan);
    if (!(await wb.runCommand(dryRunCommand))) {
      throw new Error(
        `"${dryRunCommand}" is not in the command palette: the extension does not contribute it`,
      );
    }
    await wb.shownTab(dryRunTab).waitFor();
  }
  await waitForModel(ctx);
  await wb.dismissNotifications();
}

/** Marks the view's rendered content; a re-render (a new model) replaces it and so drops the mark. */
async function markRender(view: FrameLocator): Promise<string> {
  const mark = `m${Date.now()}`;
  await view
    .locator('.dry-run')
    .first()
    .evaluate((root, value) => root.setAttribute('data-e2e-render', value), mark);
  return mark;
}

/**
 * Runs a keyboard sequence on the view and checks the view was not drawn anew meanwhile: the workbench opens
 * and closes `tenant/acme.sources.yaml` around such steps, the server re-checks the plans that use it, and
 * the extension must not redraw a view whose model did not change (a redraw would move the user's place).
 * The one change allowed is the submission time moving on to the next quarter hour.
 */
async function withoutRedraw(ctx: StepContext, what: string, body: () => Promise<void>): Promise<void> {
  const view = ctx.wb.webview();
  await waitForModel(ctx);
  const submitted = async (): Promise<string> => view.locator('header.title p').first().innerText();
  const before = await submitted();
  const mark = await markRender(view);
  await body();
  const kept = (await view.locator(`[data-e2e-render="${mark}"]`).count()) === 1;
  expect(
    kept || (await submitted()) !== before,
    `the view was drawn anew during ${what}, though neither the plan, its catalog nor the submission time changed`,
  );
}

/** The `data-testid` of the element that has the keyboard focus inside the view ('' when none has one). */
async function focusedTestId(view: FrameLocator): Promise<string> {
  return view.locator('body').evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
}

/** Presses `key` and waits until `tab` is the only selected perspective tab, has the focus, and shows its text. */
async function pressToTab(ctx: StepContext, key: string, tab: string): Promise<string> {
  const view = ctx.wb.webview();
  await ctx.wb.page.keyboard.press(key);
  let state = '';
  await waitUntil(
    async () => {
      const selected = await view
        .locator('[role="tab"][aria-selected="true"]')
        .evaluateAll((tabs) => tabs.map((t) => t.getAttribute('data-testid')));
      const focused = await focusedTestId(view);
      state = `selected ${JSON.stringify(selected)}, focus on "${focused}"`;
      return selected.length === 1 && selected[0] === `tab-${tab}` && focused === `tab-${tab}`;
    },
    () => `${key} did not select and focus tab-${tab}: ${state}`,
    10_000,
  );
  return normalizeSpaces(await view.getByTestId('perspective').innerText()).trim();
}

/** User → ArrowRight → Admin → ArrowRight → Auditor → ArrowLeft → Admin; each tab shows its own perspective. */
async function perspectivesByKeyboard(ctx: StepContext): Promise<void> {
  const view = ctx.wb.webview();
  await view.getByTestId('tab-user').click();
  await waitUntil(
    async () => (await focusedTestId(view)) === 'tab-user',
    () => 'tab-user does not have the focus after a click',
    10_000,
  );
  const user = normalizeSpaces(await view.getByTestId('perspective').innerText()).trim();
  const admin = await pressToTab(ctx, 'ArrowRight', 'admin');
  expect(admin !== user, `ArrowRight to Admin did not change the perspective text: "${admin.slice(0, 120)}"`);
  const auditor = await pressToTab(ctx, 'ArrowRight', 'auditor');
  expect(
    auditor !== admin && auditor !== user,
    `the Auditor perspective repeats another one: "${auditor.slice(0, 120)}"`,
  );
  const back = await pressToTab(ctx, 'ArrowLeft', 'admin');
  expect(back === admin, `ArrowLeft back to Admin shows another text: "${back.slice(0, 120)}"`);
}

/**
 * From the selected tab, Shift+Tab backwards through the request rows until the Payroll row has the focus (at
 * most 12 presses), then checks it shows a focus indicator (`:focus-visible` with an outline).
 */
async function focusPayrollRowByKeyboard(ctx: StepContext): Promise<void> {
  const view = ctx.wb.webview();
  const isPayroll = (): Promise<boolean> =>
    view.locator('body').evaluate((_, source) => {
      const active = document.activeElement;
      const cell = active?.querySelector('.source');
      return active?.getAttribute('data-testid') === 'request-row' && cell?.textContent === source;
    }, payroll.source);
  // A click gives the webview the keyboard (a script's focus() would leave the keys with the editor).
  await view.locator('[role="tab"][aria-selected="true"]').click();
  for (let presses = 0; !(await isPayroll()); presses++) {
    expect(presses < 12, `12 × Shift+Tab from the perspective tabs did not reach the ${payroll.source} row`);
    await ctx.wb.page.keyboard.press('Shift+Tab');
  }
  const ring = await edgeOf(view.locator('body'), '[data-testid="request-row"]:focus-visible', 'outline');
  expect(
    isVisibleEdge(ring),
    `the focused ${payroll.source} row shows no focus indicator: ${describeEdge(ring)}`,
  );
}

/** Moves the plan editor's cursor to line 1 (so a reveal is seen to move it); the view keeps showing beside. */
async function cursorToTop(ctx: StepContext): Promise<void> {
  const { wb } = ctx;
  if (!(await wb.runCommand('View: Focus First Editor Group'))) {
    throw new Error('"View: Focus First Editor Group" is not in the command palette');
  }
  await wb.activeTab(path.posix.basename(janePlan)).waitFor();
  await wb.goToLine(1);
  await waitUntil(
    async () => (await wb.cursorPosition())?.line === 1,
    () => 'the status bar does not show the cursor on line 1 of the plan',
    10_000,
  );
}

/** Enter on the focused row: the plan's editor becomes active with its cursor on `line`. */
async function enterReveals(ctx: StepContext, line: number): Promise<void> {
  const { wb } = ctx;
  await wb.page.keyboard.press('Enter');
  let seen: { line: number; column: number } | undefined;
  await waitUntil(
    async () => (seen = await wb.cursorPosition())?.line === line,
    () =>
      `Enter on the ${payroll.source} row did not move the cursor to line ${line}: ${JSON.stringify(seen)}`,
    10_000,
  );
  await wb.activeTab(path.posix.basename(janePlan)).waitFor({ timeout: 5000 });
}

/**
 * Step: the view by keyboard alone — arrow keys switch the perspective tabs; Shift+Tab reaches the Payroll
 * request's row with a visible focus; Enter puts the editor's cursor on `- source: Payroll`.
 */
export async function keyboardUse(ctx: StepContext): Promise<void> {
  await ensureDryRun(ctx);
  const line = lineOf(ctx, janePlan, payroll.line);
  await withoutRedraw(ctx, 'the arrow keys on the perspective tabs', () => perspectivesByKeyboard(ctx));
  await withoutRedraw(ctx, 'Shift+Tab and Enter on the Payroll row', async () => {
    await cursorToTop(ctx);
    await focusPayrollRowByKeyboard(ctx);
    await enterReveals(ctx, line);
  });
  const dirty = ctx.wb.page.locator('.tab.dirty').filter({ hasText: path.posix.basename(janePlan) });
  expect(
    (await dirty.count()) === 0,
    'keys meant for the view reached the plan editor: it has unsaved changes',
  );
}

/**
 * Step: "Developer: Reload Window" with the view open — the new window brings the view's tab back, and its
 * webview (a new one, fed by the new extension host) shows the summary and a row for every request again.
 */
export async function returnAfterReload(ctx: StepContext): Promise<void> {
  const { wb } = ctx;
  await ensureDryRun(ctx);
  await wb.reloadWindow();
  await wb.shownTab(dryRunTab).waitFor();
  await waitForModel(ctx);
  const summary = normalizeSpaces(await wb.webview().getByTestId('summary').innerText()).trim();
  expect(/manual/i.test(summary), `after the reload the summary does not count the channels: "${summary}"`);
  const rows = await dryRunRows(ctx, planSources(ctx, janePlan).length);
  const row = rows.find((r) => r.text.includes(payroll.source));
  expect(
    row?.channel === 'manual',
    `after the reload the ${payroll.source} row is not manual: ${JSON.stringify(row)}`,
  );
  await wb.dismissNotifications();
}

/** The view's steps, as checks of a pass. */
export const viewSteps = {
  readability: {
    name: 'dry-run view is readable (text contrast; borders in high contrast)',
    run: checkReadability,
  },
  keyboard: { name: 'dry-run view by keyboard: arrow keys on the tabs, Enter on a row', run: keyboardUse },
  reload: { name: 'dry-run view comes back after Developer: Reload Window', run: returnAfterReload },
} as const satisfies Record<string, ScenarioStep>;
