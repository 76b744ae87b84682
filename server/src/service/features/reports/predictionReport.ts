import type { ActivityPrediction, RequestPrediction } from '../../../../../shared/prediction';
import type { SimulationResult } from '../../../../../shared/simulation';
import {
  activityText,
  humanDuration,
  milestoneNames,
  milestoneText,
  milestonesText,
  outcomesText,
  requestNumber,
  zonedMinuteText,
} from '../../../../../shared/format';
import { code, escapeMarkdown } from '../../text/markdown';

/** One plan's prediction (and, for a dry run, its simulation), as reports show it. */
export interface PlanReport {
  document: number;
  name: string | null;
  requests: RequestPrediction[];
  /** The plan's account activity (one per plan); null when no request has a known channel. */
  activity: ActivityPrediction | null;
  simulation?: SimulationResult;
}

/** The header of a report: the file, the submission time, runs and seed. */
export interface ReportHeader {
  file: string;
  /** The submission time, an ISO instant in UTC. */
  at: string;
  runs: number;
  seed: number;
  /** The tenant's time zone (the catalog's `timeZone`) that times are shown in; null: UTC. */
  timeZone?: string | null;
}

/** `channel → target`, as every report shows where a request goes. */
export function target(r: { channel: string; target: string | null }): string {
  return `${r.channel}${r.target ? ` → ${r.target}` : ''}`;
}

/** A request's one-line summary, as the code lens shows it: `connector · committed ~2 min (p90 1 h) · verified ~8 h`. */
export function lensTitle(r: RequestPrediction): string {
  if (r.channel === 'none') return 'none · nothing happens: ISC does nothing for this request';
  const parts = [r.channel === 'unknown' ? 'channel unknown' : r.channel];
  if (r.milestones.committed) parts.push(`committed ${milestoneText(r.milestones.committed)}`);
  else if (r.outcomes && r.outcomes.stalled > 0.5) parts.push('stalls (ISC stops checking)');
  if (r.milestones.verified) parts.push(`verified ${milestoneText(r.milestones.verified)}`);
  else if (r.outcomes && r.outcomes.unverifiable > 0.5) parts.push('never verified');
  for (const part of r.parts) {
    parts.push(
      `+ ${part.channel} part${part.milestones.committed ? ` ${milestoneText(part.milestones.committed)}` : ''}`,
    );
  }
  return parts.join(' · ');
}

/** Every distinct assumption of a plan, in first-seen order, then the readings its account activity rests on. */
export function assumptionsOf(requests: readonly RequestPrediction[]): string[] {
  return [...new Set(requests.flatMap((r) => r.assumptions)), ...activityAssumptions(requests)];
}

/** The readings behind a plan's account activity (docs/isc-behaviour.md#execution-completion-status). */
export function activityAssumptions(requests: readonly RequestPrediction[]): string[] {
  if (!requests.some((r) => r.channel !== 'unknown')) return [];
  const lines = [
    "The plan is one ISC account activity; its completionStatus is read from its items (SUCCESS: every item provisioned, INCOMPLETE: some, FAILURE: none, PENDING: an item still open), as IdentityIQ defines these words; ISC documents the values, not the rule (the model's reading).",
  ];
  const none = requests.filter((r) => r.channel === 'none').map((r) => requestNumber(r.index));
  if (none.length > 0) {
    lines.push(
      `ISC does nothing for ${none.join(', ')} (channel none): the activity counts it as an item not provisioned, so the plan cannot end SUCCESS (the model's reading).`,
    );
  }
  const units = requests.flatMap((r) => [r, ...r.parts]);
  if (units.some((u) => (u.outcomes?.drift ?? 0) > 0)) {
    lines.push(
      "A work item or ticket closed without the change (drift) leaves its item COMMITED: no aggregation verifies it, so the activity stays VERIFYING with completionStatus PENDING (the model's reading; ISC documents no drift detection).",
    );
  }
  return lines;
}

/** How text reports are painted: identity functions without colour (see `simulationText.ts`). */
export interface TextStyle {
  heading: (text: string) => string;
  outcomes: (text: string) => string;
  /** `text` after `first`, as lines; continuation lines are indented by `indent` spaces when wrapped. */
  lines: (first: string, indent: number, text: string) => string[];
}

// `predict` prints one line per reason and assumption, as it always has: scripts may rely on it.
const PLAIN: TextStyle = {
  heading: (t) => t,
  outcomes: (t) => t,
  lines: (first, _indent, text) => [first + text],
};

/** A plan's title, activity and requests as `predict` prints them; the dry run's text starts the same way. */
export function requestTextLines(
  header: ReportHeader,
  plan: PlanReport,
  many: boolean,
  style: TextStyle = PLAIN,
): string[] {
  const lines: string[] = [];
  lines.push(
    style.heading(
      `${header.file}${many ? ` [plan ${plan.document + 1}]` : ''}${plan.name ? ` · ${plan.name}` : ''}`,
    ),
  );
  lines.push(
    `submitted ${zonedMinuteText(header.at, header.timeZone)} · ${header.runs} runs · seed ${header.seed}`,
    '',
  );
  lines.push(`account activity: ${activityText(plan.activity)}`, '');
  for (const r of plan.requests) {
    lines.push(
      style.heading(`${requestNumber(r.index)} ${r.source || '?'} · ${r.operation || '?'} → ${target(r)}`),
    );
    lines.push(`   ${milestonesText(r.milestones)}`);
    lines.push(`   ${style.outcomes(outcomesText(r.outcomes))}`);
    for (const reason of r.reasons) lines.push(...style.lines('   why: ', 8, reason));
    for (const part of r.parts) {
      lines.push(
        ...style.lines(
          `   + ${part.part} → ${target(part)}: `,
          5,
          `committed ${milestoneText(part.milestones.committed)} · verified ${milestoneText(part.milestones.verified)} · ${style.outcomes(outcomesText(part.outcomes))}`,
        ),
      );
    }
  }
  return lines;
}

/** The "Assumed" block of a text report, empty when nothing is assumed. */
export function assumedTextLines(requests: readonly RequestPrediction[], style: TextStyle = PLAIN): string[] {
  const assumed = assumptionsOf(requests);
  const learned = learnedOf(requests);
  return [
    ...(learned.length === 0
      ? []
      : [
          '',
          style.heading("Learned (from the tenant's history):"),
          ...learned.flatMap((a) => style.lines('  - ', 4, a)),
        ]),
    ...(assumed.length === 0
      ? []
      : [
          '',
          style.heading('Assumed (defaults, not from the catalog):'),
          ...assumed.flatMap((a) => style.lines('  - ', 4, a)),
        ]),
  ];
}

/** Where the learned figures of the requests come from, each once. */
export function learnedOf(requests: readonly RequestPrediction[]): string[] {
  return [...new Set(requests.flatMap((r) => r.learned ?? []))];
}

/** Plain text for a terminal: what `predict` prints. */
export function predictionText(header: ReportHeader, plans: readonly PlanReport[]): string {
  const lines: string[] = [];
  for (const plan of plans) {
    lines.push(...requestTextLines(header, plan, plans.length > 1), ...assumedTextLines(plan.requests), '');
  }
  return lines.join('\n');
}

/** Text in a Markdown line or table cell, shown literally: HTML, links and emphasis from a plan or catalog are escaped. */
function cell(text: string): string {
  return escapeMarkdown(text);
}

/** A Markdown report: a table per plan, the reasons, the assumptions; the dry run adds its views. */
export function predictionMarkdown(header: ReportHeader, plans: readonly PlanReport[]): string {
  const lines: string[] = [];
  for (const plan of plans) {
    lines.push(
      `# ${cell(plan.name ?? `Plan ${plan.document + 1}`)}`,
      '',
      `${code(header.file)} · submitted ${zonedMinuteText(header.at, header.timeZone)} · ${header.runs} runs · seed ${header.seed}`,
      '',
      `**Account activity:** ${cell(activityText(plan.activity))}`,
      '',
    );
    // The approved column appears when the plan has approvals (every request then has the same).
    const names = milestoneNames(
      plan.requests.find((r) => r.milestones.approved)?.milestones ?? { approved: null },
    );
    const cells = (m: RequestPrediction['milestones']): string =>
      names.map((name) => milestoneText(m[name])).join(' | ');
    lines.push(
      `| # | request | channel | ${names.join(' | ')} | outcomes |`,
      `| --- | --- | --- | ${names.map(() => '---').join(' | ')} | --- |`,
    );
    for (const r of plan.requests) {
      lines.push(
        `| ${requestNumber(r.index)} | ${cell(`${r.source} · ${r.operation}`)} | ${cell(target(r))} | ${cells(r.milestones)} | ${outcomesText(r.outcomes)} |`,
      );
      for (const part of r.parts) {
        lines.push(
          `| ${requestNumber(r.index)} | ${cell(`└ ${part.part}`)} | ${cell(target(part))} | ${cells(part.milestones)} | ${outcomesText(part.outcomes)} |`,
        );
      }
    }
    lines.push('', '## Why', '');
    for (const r of plan.requests) lines.push(`- **${requestNumber(r.index)}** ${cell(r.reasons.join(' '))}`);
    const learned = learnedOf(plan.requests);
    if (learned.length > 0) lines.push('', '## Learned', '', ...learned.map((a) => `- ${cell(a)}`));
    const assumed = assumptionsOf(plan.requests);
    if (assumed.length > 0) lines.push('', '## Assumed', '', ...assumed.map((a) => `- ${cell(a)}`));
    if (plan.simulation) lines.push('', ...simulationMarkdown(plan.simulation, header));
    lines.push('');
  }
  return lines.join('\n');
}

function simulationMarkdown(sim: SimulationResult, header: ReportHeader): string[] {
  const lines = [
    `## Representative run (run ${sim.representativeRun + 1} of ${sim.runs})`,
    '',
    "| time | request | channel | what ISC shows (the quoted admin UI labels are the model's pairing) |",
    '| --- | --- | --- | --- |',
  ];
  for (const e of sim.events) {
    lines.push(
      `| +${humanDuration(e.minutes)} | ${requestNumber(e.requestIndex)}${e.part ? ' (permissions)' : ''} | ${cell(target(e))} | ${cell(e.text)} |`,
    );
  }
  const p = sim.perspectives;
  lines.push(
    '',
    `## At ${zonedMinuteText(p.moment.at, header.timeZone)} (+${humanDuration(p.moment.minutes)})`,
    '',
    `**User.** ${cell(p.summary.user)}`,
    '',
    `**Admin.** ${cell(p.summary.admin)}`,
    '',
  );
  for (const a of p.admin) {
    lines.push(`- ${requestNumber(a.requestIndex)}${a.part ? ' (permissions)' : ''}: ${cell(a.text)}`);
  }
  lines.push('', `**Auditor.** ${cell(p.summary.auditor)}`, '');
  for (const a of p.auditor) {
    lines.push(`- ${requestNumber(a.requestIndex)}${a.part ? ' (permissions)' : ''}: ${cell(a.text)}`);
  }
  for (const scenario of sim.scenarios) {
    lines.push(
      '',
      `## Scenario ${code(scenario.spec)}`,
      '',
      '| # | channel | committed | verified | outcomes |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const r of scenario.requests) {
      lines.push(
        `| ${r.index} | ${cell(target(r))} | ${milestoneText(r.milestones.committed)} | ${milestoneText(r.milestones.verified)} | ${outcomesText(r.outcomes)} |`,
      );
    }
  }
  return lines;
}

/** The JSON of `predict` and `simulate` (docs/formats.md#cli-output): the same for the CLI and the dry-run view's export. */
export function predictionJson(header: ReportHeader, plans: readonly PlanReport[]): unknown {
  return {
    file: header.file,
    at: header.at,
    timeZone: header.timeZone ?? null,
    seed: header.seed,
    runs: header.runs,
    plans: plans.map((plan) => {
      const base = {
        document: plan.document,
        name: plan.name,
        activity: plan.activity,
        requests: plan.requests,
      };
      const sim = plan.simulation;
      if (!sim) return base;
      return {
        ...base,
        representativeRun: sim.representativeRun,
        events: sim.events,
        perspectives: sim.perspectives,
        scenarios: sim.scenarios,
        trigger: sim.trigger,
      };
    }),
  };
}
