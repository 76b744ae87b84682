import * as fc from 'fast-check';
import { CATALOG } from '../unit/helpers';
import type { CliRun } from '../unit/cli/cliHelpers';
import { VALID_PLAN } from '../unit/cli/cliHelpers';
import { LIMITS } from '../../shared/webviewMessages';
import type { Family, FuzzCase } from './fuzzCase';
import { BUDGET, firstFailure } from './fuzzCase';
import { cliFailure } from './oracle';

/**
 * Numbers and times from the command line (issue 19, defects 7 and 8): every value is either used
 * or refused with one clear line naming the option; nothing depends on the machine's time zone.
 */

/** A value and whether the product must take it (`valid`), refuse it (`invalid`) or may do either (`either`). */
type Judged = readonly [value: string, verdict: 'valid' | 'invalid' | 'either'];

/**
 * The stated ranges are those of shared/webviewMessages.ts (`LIMITS`, which the dry-run view
 * enforces): runs 1–100,000, seed 0–2³¹−1, moment 0–8,760 hours. Just past a limit either answer
 * will do (a face may state a wider range); far past it, the value must be refused.
 */
const RUNS: Judged[] = [
  ['10', 'valid'],
  ['100', 'valid'],
  ['1000', 'valid'],
  ['1', 'valid'],
  [String(LIMITS.maxRuns), 'valid'],
  ['1e3', 'either'],
  ['0x10', 'either'],
  [String(LIMITS.maxRuns + 1), 'either'],
  ['0', 'invalid'],
  ['-1', 'invalid'],
  ['1.5', 'invalid'],
  ['x', 'invalid'],
  ['', 'invalid'],
  ['NaN', 'invalid'],
  ['Infinity', 'invalid'],
  ['1e400', 'invalid'],
  ['1e9', 'invalid'],
  ['1000000', 'invalid'],
  ['9007199254740993', 'invalid'],
];
const SEEDS: Judged[] = [
  ['0', 'valid'],
  ['1', 'valid'],
  ['42', 'valid'],
  [String(LIMITS.maxSeed), 'valid'],
  [String(LIMITS.maxSeed + 1), 'either'],
  ['4294967295', 'either'],
  ['9007199254740993', 'invalid'],
  ['1e20', 'invalid'],
  ['-1', 'invalid'],
  ['1.5', 'invalid'],
  ['x', 'invalid'],
  ['Infinity', 'invalid'],
  ['1e400', 'invalid'],
  ['', 'invalid'],
];
const MOMENTS: Judged[] = [
  ['0', 'valid'],
  ['1', 'valid'],
  ['24.5', 'valid'],
  ['720', 'valid'],
  [String(LIMITS.maxMomentHours), 'valid'],
  [String(LIMITS.maxMomentHours + 1), 'either'],
  ['100000', 'either'],
  ['1e6', 'invalid'],
  ['-1', 'invalid'],
  ['x', 'invalid'],
  ['NaN', 'invalid'],
  ['Infinity', 'invalid'],
  ['1e400', 'invalid'],
  ['3e9', 'invalid'],
  ['1e300', 'invalid'],
  ['-0.5', 'invalid'],
];
/** `--at` values with an offset (machine-independent by construction). */
const AT_WITH_OFFSET: Judged[] = [
  ['2026-11-25T09:00:00Z', 'valid'],
  ['2026-11-25T09:00:00+01:00', 'valid'],
  ['2026-11-25T09:00:00.123-05:30', 'valid'],
  ['2024-02-29T12:00:00Z', 'valid'],
  ['2026-02-30T09:00:00Z', 'invalid'],
  ['2026-04-31T09:00:00Z', 'invalid'],
  ['2025-02-29T09:00:00Z', 'invalid'],
  ['2026-13-01T00:00:00Z', 'invalid'],
  ['2026-00-10T00:00:00Z', 'invalid'],
  ['2026-11-25T25:00:00Z', 'invalid'],
  ['2026-11-25T09:60:00Z', 'invalid'],
  ['tomorrow', 'invalid'],
  ['', 'invalid'],
  ['2026', 'invalid'],
  ['+275760-09-13T00:00:00.001Z', 'invalid'],
  ['2026-11-25T09:00:00+25:00', 'invalid'],
];
/** Offset-less `--at` values: read in the catalog's time zone, whatever the process's `TZ`. */
const AT_WITHOUT_OFFSET: { value: string; berlinUtc: string | null }[] = [
  { value: '2026-11-25T09:00', berlinUtc: '2026-11-25T08:00:00.000Z' },
  { value: '2026-11-25T09:00:00', berlinUtc: '2026-11-25T08:00:00.000Z' },
  { value: '2026-07-01T00:30:00.000', berlinUtc: '2026-06-30T22:30:00.000Z' },
  { value: '2026-11-25', berlinUtc: null },
  { value: '2026-03-29T02:30', berlinUtc: null }, // not a wall time in Berlin (clocks go forward)
  { value: '2026-02-30T09:00', berlinUtc: 'invalid' },
  { value: '2026-02-29', berlinUtc: 'invalid' },
];
const ZONES = ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Kolkata'];

/** Runs the CLI with the process's time zone set to `zone` (Node reads `TZ` again when it changes). */
async function inZone(zone: string, run: () => Promise<CliRun>): Promise<CliRun> {
  const before = process.env['TZ'];
  process.env['TZ'] = zone;
  try {
    return await run();
  } finally {
    if (before === undefined) delete process.env['TZ'];
    else process.env['TZ'] = before;
  }
}

function judge(run: CliRun, flag: string, value: string, verdict: Judged[1]): string | undefined {
  const generic = cliFailure(run);
  if (generic) return generic;
  if (verdict === 'valid' && run.code === 2) {
    return `${flag} ${JSON.stringify(value)} was refused: ${run.stderr.trim()}`;
  }
  if (verdict === 'invalid' && run.code !== 2) {
    return `${flag} ${JSON.stringify(value)} was taken (exit ${run.code})`;
  }
  if (run.code === 2 && !run.stderr.includes(flag)) {
    return `the error does not name ${flag}: ${run.stderr.trim()}`;
  }
  return undefined;
}

/** One out-of-range or odd number for `--runs`, `--seed` or `--moment` of predict or simulate. */
const numbers: fc.Arbitrary<FuzzCase> = fc
  .record({
    flag: fc.constantFrom('--runs', '--seed', '--moment'),
    simulate: fc.boolean(),
    format: fc.constantFrom('json', 'text', 'markdown'),
    pick: fc.nat(),
  })
  .map(({ flag, simulate, format, pick }) => {
    const table = flag === '--runs' ? RUNS : flag === '--seed' ? SEEDS : MOMENTS;
    const [value, verdict] = table[pick % table.length]!;
    const command = flag === '--moment' || simulate ? 'simulate' : 'predict';
    return {
      describe: `${command} ${flag} ${JSON.stringify(value)} --format ${format} (${verdict})`,
      budgetMs: BUDGET.large,
      async run(ctx) {
        const folder = ctx.folder({ 'acme.sources.yaml': CATALOG, 'p.plan.yaml': VALID_PLAN });
        const run = await folder.runAsync(command, 'p.plan.yaml', `${flag}=${value}`, '--format', format);
        return judge(run, flag, value, verdict);
      },
    };
  });

/** `--at` with an offset, an impossible date, or none (then twice, in two time zones). */
const submissionTimes: fc.Arbitrary<FuzzCase> = fc
  .record({
    withOffset: fc.boolean(),
    pick: fc.nat(),
    zones: fc.shuffledSubarray(ZONES, { minLength: 2, maxLength: 2 }),
  })
  .map(({ withOffset, pick, zones }) => {
    if (withOffset) {
      const [value, verdict] = AT_WITH_OFFSET[pick % AT_WITH_OFFSET.length]!;
      return {
        describe: `predict --at ${JSON.stringify(value)} (${verdict})`,
        budgetMs: BUDGET.inProcess,
        async run(ctx) {
          const folder = ctx.folder({ 'acme.sources.yaml': CATALOG, 'p.plan.yaml': VALID_PLAN });
          const run = await folder.runAsync('predict', 'p.plan.yaml', `--at=${value}`, '--format', 'json');
          return judge(run, '--at', value, verdict);
        },
      } satisfies FuzzCase;
    }
    const { value, berlinUtc } = AT_WITHOUT_OFFSET[pick % AT_WITHOUT_OFFSET.length]!;
    return {
      describe: `predict --at ${JSON.stringify(value)} with TZ=${zones.join(' and TZ=')} (catalog in Europe/Berlin)`,
      budgetMs: BUDGET.large,
      async run(ctx) {
        const folder = ctx.folder({ 'acme.sources.yaml': CATALOG, 'p.plan.yaml': VALID_PLAN });
        const runs: CliRun[] = [];
        for (const zone of zones) {
          runs.push(
            await inZone(zone, () =>
              folder.runAsync('predict', 'p.plan.yaml', `--at=${value}`, '--format', 'json'),
            ),
          );
        }
        const ats = runs.map((run) =>
          run.code === 2 ? 'refused' : (JSON.parse(run.stdout) as { at: string }).at,
        );
        return firstFailure(
          ...runs.map((run) => judge(run, '--at', value, berlinUtc === 'invalid' ? 'invalid' : 'either')),
          ats[0] !== ats[1] &&
            `the time depends on the process's TZ: ${zones[0]} → ${ats[0]}, ${zones[1]} → ${ats[1]}`,
          berlinUtc !== null &&
            berlinUtc !== 'invalid' &&
            ats[0] !== berlinUtc &&
            `read as ${ats[0]}, not in the catalog's time zone (${berlinUtc})`,
        );
      },
    } satisfies FuzzCase;
  });

/** HTML that must reach a Markdown report as text. */
const HTML = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '<a href="javascript:alert(1)">click</a>',
  '<!-- hidden -->',
  '<details open><summary>x</summary>',
  '<iframe src=//example.com>',
  '`</code><img src=x>`',
  '<svg/onload=alert(1)>',
];
/** The raw tags of {@link HTML}: none may stand outside a code span in Markdown. */
const RAW_TAG = /<(img|script|a |!--|details|iframe|svg|\/code)/i;

/** Markdown without what shows as text anyway: fenced code blocks, backslash escapes, code spans. */
export function outsideCode(markdown: string): string {
  return markdown
    .replace(/^```[\s\S]*?^```/gm, '')
    .replace(/\\[!-/:-@[-`{-~]/g, '·') // a backslash escape is the character as text (CommonMark 2.4)
    .replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, '');
}

/** Where the payload goes in the plan. */
const HTML_PLACES = ['name', 'identity', 'nativeIdentity', 'value', 'comments'] as const;

export function htmlPlan(payload: string, place: (typeof HTML_PLACES)[number]): string {
  const quoted = JSON.stringify(payload);
  const plan = VALID_PLAN.replace('Zoë 😀 joins Finance', place === 'name' ? quoted : 'Joins Finance')
    .replace('zoe.mueller', place === 'identity' ? quoted : 'zoe.mueller')
    .replace('CN=Zoë Müller', place === 'nativeIdentity' ? quoted : 'CN=Zoe')
    .replace('value: CN=Finance', place === 'value' ? `value: ${quoted}` : 'value: CN=Finance');
  return place === 'comments' ? plan.replace('identity:', `comments: ${quoted}\nidentity:`) : plan;
}

/** HTML in a plan's names, through `predict` and `simulate --format markdown`. */
const markdownHtml: fc.Arbitrary<FuzzCase> = fc
  .record({
    payload: fc.constantFrom(...HTML),
    place: fc.constantFrom(...HTML_PLACES),
    command: fc.constantFrom('predict', 'simulate'),
  })
  .map(({ payload, place, command }) => ({
    describe: `${command} --format markdown of a plan whose ${place} is ${JSON.stringify(payload)}`,
    budgetMs: BUDGET.inProcess,
    async run(ctx) {
      const folder = ctx.folder({ 'acme.sources.yaml': CATALOG, 'p.plan.yaml': htmlPlan(payload, place) });
      const run = await folder.runAsync(command, 'p.plan.yaml', '--format', 'markdown');
      const raw = outsideCode(run.stdout)
        .split('\n')
        .find((line) => RAW_TAG.test(line));
      return firstFailure(
        cliFailure(run),
        raw !== undefined && `raw HTML in the Markdown: ${raw.slice(0, 200)}`,
      );
    },
  }));

/** Quartz crons that can never fire (ISC's format, docs/rules.md#invalid-cron). */
const NEVER = [
  '0 0 0 30 2 ?',
  '0 0 0 31 2 ?',
  '0 0 12 30,31 FEB ?',
  '0 0 0 31 4 ?',
  '0 0 0 31 JUN ?',
  '0 30 9 31 9,11 ?',
  '0 0 0 30-31 2 ?',
  '0 0 0 1 1 ? 2001',
  '0 0 0 * * ? 1999-2020',
];

/** A schedule that never fires, as a source's aggregation or the identity refresh. */
const neverFiring: fc.Arbitrary<FuzzCase> = fc
  .record({ cron: fc.constantFrom(...NEVER), where: fc.constantFrom('aggregation', 'identityRefresh') })
  .map(({ cron, where }) => ({
    describe: `${where} schedule '${cron}'`,
    budgetMs: BUDGET.inProcess,
    async run(ctx) {
      const catalog =
        where === 'aggregation'
          ? CATALOG.replace("schedule: '0 0 5,13,21 * * ?'", `schedule: '${cron}'`)
          : `${CATALOG}identityRefresh:\n  schedule: '${cron}'\n`;
      if (catalog === CATALOG) return 'the test catalog has no aggregation schedule to replace';
      const folder = ctx.folder({ 'acme.sources.yaml': catalog, 'p.plan.yaml': VALID_PLAN });
      const run = await folder.runAsync('validate', 'acme.sources.yaml', '--format', 'json');
      const generic = cliFailure(run);
      if (generic) return generic;
      const line = catalog.split('\n').findIndex((l) => l.includes(cron));
      const report = JSON.parse(run.stdout) as {
        files: { diagnostics: { range: { start: { line: number } } }[] }[];
      };
      const onSchedule = report.files[0]?.diagnostics.some((d) => d.range.start.line === line);
      return onSchedule ? undefined : `no diagnostic on the schedule (line ${line + 1})`;
    },
  }));

export const FLAG_FAMILIES: Family[] = [
  { name: 'number-flags', weight: 8, arbitrary: numbers },
  { name: 'at-flag', weight: 6, arbitrary: submissionTimes },
  { name: 'markdown-html', weight: 6, arbitrary: markdownHtml },
  { name: 'never-firing-schedule', weight: 3, arbitrary: neverFiring },
];
