/**
 * Steps that show what the dry-run view says beyond its table, for the README: a what-if scenario beside the
 * baseline, the User / Admin / Auditor answers at a chosen moment, and the representative run's events in
 * ISC's words. Each step checks what it shows, then takes its screenshot with that part at the top.
 */
import type { Locator } from 'playwright-core';
import { expect } from './checks';
import type { ScenarioStep, StepContext } from './steps';
import { dryRunRows, janePlan, planSources, screenshotPath, waitUntil } from './steps';
import { ensureDryRun } from './viewSteps';
import { normalizeSpaces } from './workbench';

/** The scenario and moment the steps enter in the view's form (the README's example uses the same). */
const outage = 'outage:Active Directory:8';
const momentHours = '24';

/** Scrolls `part` to the top of the view, so that a screenshot shows it and what follows. */
async function showAtTop(ctx: StepContext, part: Locator): Promise<void> {
  await part.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await ctx.wb.dismissNotifications();
}

/** Types the outage and the moment into the form, runs it, and waits for one scenario row per request. */
async function whatIfOutage(ctx: StepContext): Promise<void> {
  await ensureDryRun(ctx);
  const view = ctx.wb.webview();
  await view.locator('#scenario').fill(outage);
  await view.locator('#moment').fill(momentHours);
  await view.getByRole('button', { name: 'Run' }).click();
  const rows = view.getByTestId('scenario-row');
  const requests = planSources(ctx, janePlan).length;
  await waitUntil(
    async () => (await rows.count()) === requests,
    () => `the view does not show ${requests} scenario rows for "${outage}"`,
  );
  await dryRunRows(ctx, requests);
  const caption = normalizeSpaces(await view.locator('.scenarios caption').first().innerText()).trim();
  expect(caption.includes(outage), `the scenario table is not titled with "${outage}": "${caption}"`);
  const first = normalizeSpaces(await rows.first().innerText());
  const [baseline, delayed] = first.split('→').map((part) => part.trim());
  expect(
    baseline !== undefined && delayed !== undefined && !delayed.startsWith(baseline.split(/\s/).pop() ?? ''),
    `request #1 on Active Directory is not committed later under an 8-hour outage: "${first}"`,
  );
  await showAtTop(ctx, view.locator('.scenarios'));
  await ctx.wb.screenshot(screenshotPath(ctx, 'scenario'));
}

/** The perspectives answer at the moment entered: the Admin tab names an item state in ISC's words. */
async function perspectivesAtMoment(ctx: StepContext): Promise<void> {
  const view = ctx.wb.webview();
  await view.getByTestId('tab-admin').click();
  let text = '';
  await waitUntil(
    async () =>
      /COMMITED|PENDING|FINISHED|FAILED/.test((text = await view.getByTestId('perspective').innerText())),
    () => `the Admin perspective names no item state: "${text.slice(0, 200)}"`,
  );
  await showAtTop(ctx, view.locator('section.perspectives').first());
  await ctx.wb.screenshot(screenshotPath(ctx, 'perspectives'));
}

/** The representative run's events, in ISC's words, at the top of the view. */
async function eventsInIscWords(ctx: StepContext): Promise<void> {
  const events = ctx.wb.webview().getByTestId('event');
  const texts = await events.allInnerTexts();
  expect(
    texts.some((t) => t.includes('COMMITED')),
    'no event says COMMITED',
  );
  expect(
    texts.some((t) => /work item/i.test(t)),
    'no event names the manual work item of Payroll',
  );
  await showAtTop(ctx, ctx.wb.webview().locator('table.events').first());
  await ctx.wb.screenshot(screenshotPath(ctx, 'events'));
}

/** The steps of this file, as checks of a pass. */
export const whatIfSteps = {
  scenario: { name: `dry-run view: "${outage}" beside the baseline`, shot: 'scenario', run: whatIfOutage },
  perspectives: {
    name: `dry-run view: the Admin perspective at ${momentHours} h`,
    shot: 'perspectives',
    run: perspectivesAtMoment,
  },
  events: { name: "dry-run view: the representative run's events", shot: 'events', run: eventsInIscWords },
} as const satisfies Record<string, ScenarioStep>;
