import type { RequestPrediction } from '../../../../../shared/prediction';
import type { SimulationResult } from '../../../../../shared/simulation';
import {
  humanDuration,
  milestoneText,
  outcomesText,
  requestNumber,
  zonedMinuteText,
} from '../../../../../shared/format';
import type { PlanReport, ReportHeader, TextStyle } from './predictionReport';
import { assumedTextLines, requestTextLines, target } from './predictionReport';

/** The width the dry run's text is wrapped to (docs/formats.md#cli-output). */
export const TEXT_WIDTH = 100;

const ANSI = { bold: 1, dim: 2, red: 31, green: 32, yellow: 33, cyan: 36 } as const;

/** The text style of a report: ANSI colour (for a terminal) or none. */
export interface Paint extends TextStyle {
  dim: (text: string) => string;
  changed: (text: string) => string;
}

/** ANSI SGR painting, or plain text when `colour` is false. */
export function paint(colour: boolean): Paint {
  const sgr =
    (...codes: number[]) =>
    (text: string): string =>
      colour && text !== '' ? `\u001b[${codes.join(';')}m${text}\u001b[0m` : text;
  const red = sgr(ANSI.red);
  const yellow = sgr(ANSI.yellow);
  const green = sgr(ANSI.green);
  return {
    heading: sgr(ANSI.bold),
    lines: wrapped,
    dim: sgr(ANSI.cyan),
    changed: sgr(ANSI.yellow, ANSI.bold),
    // The risky outcome words stand out: failed and stalled need an admin, drift and unverifiable a check.
    outcomes: (text) =>
      colour
        ? text.replace(/\b(success|failed|stalled|drift|unverifiable|partial)\b/g, (word) =>
            word === 'success'
              ? green(word)
              : word === 'failed' || word === 'stalled'
                ? red(word)
                : yellow(word),
          )
        : text,
  };
}

/** The width a terminal shows: without ANSI escape sequences. */
function visible(text: string): number {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '').length;
}

/**
 * Wraps `text` to {@link TEXT_WIDTH} columns: the first line after `first` (which may be painted),
 * the others indented by `indent` spaces. Words longer than a line stay whole.
 */
export function wrapped(first: string, indent: number, text: string): string[] {
  const lines: string[] = [];
  let line = '';
  let room = TEXT_WIDTH - visible(first);
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && visible(line) + 1 + visible(word) > room) {
      lines.push(line);
      line = word;
      room = TEXT_WIDTH - indent;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.map((l, i) => (i === 0 ? `${first}${l}` : `${' '.repeat(indent)}${l}`));
}

/** A column of `width` characters (padded), painted with `style`. */
function column(text: string, width: number, style: (t: string) => string): string {
  return style(text.padEnd(width - 1)) + ' ';
}

/**
 * The dry run as text for a terminal (`simulate --format text`): what `predict` prints, then the
 * representative run's events in ISC's words, the User / Admin / Auditor answers at the moment and
 * each scenario's difference from the baseline. Pure: colour comes as an argument.
 */
export function simulationText(
  header: ReportHeader,
  plans: readonly PlanReport[],
  options: { colour: boolean },
): string {
  const style = paint(options.colour);
  const lines: string[] = [];
  for (const plan of plans) {
    lines.push(...requestTextLines(header, plan, plans.length > 1, style));
    if (plan.simulation) lines.push(...dryRunLines(plan.simulation, plan.requests, header, style));
    lines.push(...assumedTextLines(plan.requests, style), '');
  }
  return lines.join('\n');
}

function dryRunLines(
  sim: SimulationResult,
  baseline: readonly RequestPrediction[],
  header: ReportHeader,
  style: Paint,
): string[] {
  const lines = [
    '',
    style.heading(`Representative run (run ${sim.representativeRun + 1} of ${sim.runs}), in ISC's words:`),
    style.dim("  (the quoted admin UI labels are the model's pairing)"),
  ];
  for (const e of sim.events) {
    lines.push(...wrapped(`  ${column(`+${humanDuration(e.minutes)}`, 9, style.dim)}`, 11, e.text));
  }
  const p = sim.perspectives;
  lines.push(
    '',
    style.heading(
      `At ${zonedMinuteText(p.moment.at, header.timeZone)} (+${humanDuration(p.moment.minutes)}):`,
    ),
  );
  const views: [string, string, { text: string }[]][] = [
    ['User', p.summary.user, p.user],
    ['Admin', p.summary.admin, p.admin],
    ['Auditor', p.summary.auditor, p.auditor],
  ];
  for (const [who, summary, items] of views) {
    lines.push(...wrapped(`  ${column(who, 9, style.heading)}`, 11, summary));
    for (const item of items) lines.push(...wrapped('           - ', 13, item.text));
  }
  for (const scenario of sim.scenarios) {
    lines.push('', style.heading(`Scenario ${scenario.spec}, against the baseline:`));
    lines.push(...scenarioLines(baseline, scenario.requests, style));
  }
  return lines;
}

type Unit = Pick<RequestPrediction, 'milestones' | 'outcomes'> & { channel: string; target: string | null };

/** One line per request or part the scenario changes; one line saying so when it changes none. */
function scenarioLines(
  baseline: readonly RequestPrediction[],
  scenario: readonly RequestPrediction[],
  style: Paint,
): string[] {
  const lines: string[] = [];
  for (const after of scenario) {
    const before = baseline.find((r) => r.index === after.index);
    if (!before) continue;
    const units: [string, Unit, Unit | undefined][] = [
      [`${requestNumber(after.index)} ${after.source} · ${after.operation}`, after, before],
      ...after.parts.map((part, i): [string, Unit, Unit | undefined] => [
        `${requestNumber(after.index)} ${after.source} · ${part.part}`,
        part,
        before.parts[i],
      ]),
    ];
    for (const [name, now, was] of units) {
      const changes = was ? differences(was, now, style) : [];
      if (changes.length > 0) {
        lines.push(...wrapped(`  ${style.heading(name)} → ${target(now)}: `, 4, changes.join('; ')));
      }
    }
  }
  return lines.length > 0
    ? lines
    : ['  changes no request: the same milestones and outcomes as the baseline'];
}

function differences(was: Unit, now: Unit, style: Paint): string[] {
  const changes: string[] = [];
  for (const name of ['committed', 'verified'] as const) {
    const before = reached(was.milestones[name]);
    const after = reached(now.milestones[name]);
    if (before !== after) changes.push(`${name} ${before} → ${style.changed(after)}`);
  }
  const before = outcomesText(was.outcomes);
  const after = outcomesText(now.outcomes);
  if (before !== after) changes.push(`outcomes ${before} → ${style.outcomes(style.changed(after))}`);
  return changes;
}

function reached(q: RequestPrediction['milestones']['committed']): string {
  return q ? milestoneText(q) : 'not reached';
}
