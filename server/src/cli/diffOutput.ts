import type { DiffReport, PlanDiff, RequestDiff } from '../../../shared/diff';
import {
  diagnosticChangeText,
  headlineOf,
  requestChangeLines,
  requestTitle,
} from '../../../shared/diffFormat';
import { percent, utcMinuteText } from '../../../shared/format';
import { severityOf } from '../service/diff/compare';
import { escapeMarkdown } from '../service/text/markdown';
import type { CliDiagnostic, FileReport } from './output';
import { formatSarif } from './output';

/** A zero-based position in a plan file, from an offset of its text. */
export type PositionOf = (file: string, offset: number) => { line: number; character: number };

/** How many changes the Markdown table shows before "and N more". */
const TABLE_ROWS = 15;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function header(report: DiffReport): string {
  return `base ${report.base} → head ${report.head} · submitted ${utcMinuteText(report.at)} · ${report.runs} runs · seed ${report.seed} · threshold ${percent(report.threshold)}`;
}

function summaryLine(report: DiffReport): string {
  const { plans, requests, changed, routeChanges } = report.summary;
  return `${plural(plans, 'plan')}, ${plural(requests, 'request')} compared: ${changed} fulfilled differently, ${routeChanges} with a new channel or target.`;
}

function gateLine(gate: DiffReport['gates'][number]): string {
  return gate.trips.length === 0
    ? `--fail-on ${gate.gate}: passed`
    : `--fail-on ${gate.gate}: tripped by ${plural(gate.trips.length, 'request')}`;
}

function planTitle(plan: PlanDiff, line: number): string {
  return `${plan.file}:${line}${plan.name ? ` · ${plan.name}` : ''}`;
}

/** The diff for a terminal: per plan, each request that differs with one line per difference. */
export function diffText(report: DiffReport, position: PositionOf): string {
  const lines = [`isc-plan diff: ${header(report)}`, ''];
  for (const plan of report.plans) {
    const first = plan.requests[0] ?? plan.diagnostics[0];
    lines.push(planTitle(plan, first ? position(plan.file, first.start).line + 1 : 1));
    for (const diagnostic of plan.diagnostics) {
      lines.push(
        `  plan:${position(plan.file, diagnostic.start).line + 1} ${diagnosticChangeText(diagnostic)}`,
      );
    }
    for (const request of plan.requests) {
      const gates = request.tripped.length > 0 ? `  [trips ${request.tripped.join(', ')}]` : '';
      lines.push(`  ${requestTitle(request)} (line ${position(plan.file, request.start).line + 1})${gates}`);
      lines.push(...requestChangeLines(request).map((line) => `     ${line}`));
    }
    lines.push('');
  }
  if (report.plans.length === 0) lines.push('No request is fulfilled differently.', '');
  lines.push(summaryLine(report), ...report.gates.map(gateLine));
  return `${lines.join('\n')}\n`;
}

function cell(text: string): string {
  return escapeMarkdown(text);
}

/** Every changed request of the report, worst first across plans (ties in the report's order). */
function worstFirst(report: DiffReport): { plan: PlanDiff; request: RequestDiff }[] {
  return report.plans
    .flatMap((plan) => plan.requests.map((request) => ({ plan, request })))
    .map((entry, order) => ({ entry, order, severity: severityOf(entry.request) }))
    .sort((a, b) => b.severity - a.severity || a.order - b.order)
    .map(({ entry }) => entry);
}

/** A pull-request comment: the gates, a short table of the worst changes, then every difference folded away. */
export function diffMarkdown(report: DiffReport, position: PositionOf): string {
  const tripped = report.gates.filter((g) => g.trips.length > 0);
  const changed = report.summary.changed;
  const lines = [
    `### isc-plan diff: ${changed === 0 ? 'no request is fulfilled differently' : `${plural(changed, 'request')} fulfilled differently`}`,
    '',
    cell(header(report)),
    '',
  ];
  if (report.gates.length > 0) {
    const gates = report.gates.map(
      (g) =>
        `${g.trips.length > 0 ? '❌' : '✅'} \`${g.gate}\`${g.trips.length > 0 ? ` (${g.trips.length})` : ''}`,
    );
    lines.push(
      `**Gates:** ${gates.join(' · ')}${tripped.length > 0 ? ' — this change fails the check.' : ''}`,
      '',
    );
  }
  const rows = worstFirst(report);
  if (rows.length > 0) {
    lines.push('| | request | where | change |', '| --- | --- | --- | --- |');
    for (const { plan, request } of rows.slice(0, TABLE_ROWS)) {
      const mark = request.tripped.length > 0 ? '❌' : request.routeChanged ? '⚠️' : '';
      const where = `${plan.file}:${position(plan.file, request.start).line + 1}`;
      lines.push(
        `| ${mark} | ${cell(requestTitle(request))} | \`${where.replace(/`/g, "'")}\` | ${cell(headlineOf(request))} |`,
      );
    }
    if (rows.length > TABLE_ROWS) {
      lines.push('', `…and ${rows.length - TABLE_ROWS} more in the details below.`);
    }
    lines.push('');
  }
  if (report.plans.length > 0) {
    lines.push('<details><summary>Every difference</summary>', '');
    for (const plan of report.plans) {
      lines.push(`**${cell(plan.file)}**${plan.name ? ` · ${cell(plan.name)}` : ''}`, '');
      for (const d of plan.diagnostics) lines.push(`- plan: ${cell(diagnosticChangeText(d))}`);
      for (const request of plan.requests) {
        lines.push(`- ${cell(requestTitle(request))}`);
        lines.push(...requestChangeLines(request).map((line) => `  - ${cell(line)}`));
        if (request.tripped.length > 0) {
          lines.push(`  - trips ${request.tripped.map((g) => `\`${g}\``).join(', ')}`);
        }
      }
      lines.push('');
    }
    lines.push('</details>', '');
  }
  lines.push(cell(summaryLine(report)));
  return `${lines.join('\n')}\n`;
}

/** The report with positions (zero-based, as `validate --format json` gives them) in place of offsets. */
export function diffJson(report: DiffReport, position: PositionOf): string {
  const placed = {
    ...report,
    plans: report.plans.map((plan) => ({
      ...plan,
      requests: plan.requests.map(({ start, ...request }) => ({
        ...request,
        position: position(plan.file, start),
        diagnostics: request.diagnostics.map(({ start: s, end, ...d }) => ({
          ...d,
          range: { start: position(plan.file, s), end: position(plan.file, end) },
        })),
      })),
      diagnostics: plan.diagnostics.map(({ start, end, ...d }) => ({
        ...d,
        range: { start: position(plan.file, start), end: position(plan.file, end) },
      })),
    })),
  };
  return `${JSON.stringify(placed, null, 2)}\n`;
}

/** The rules of the diff's SARIF results: one per kind of difference. */
export const DIFF_RULES = {
  'diff-route': 'warning',
  'diff-timing': 'information',
  'diff-outcomes': 'information',
  'diff-diagnostics': 'information',
} as const;

function ruleOf(request: RequestDiff): keyof typeof DIFF_RULES {
  if (request.routeChanged) return 'diff-route';
  if (request.milestones.length > 0) return 'diff-timing';
  if (request.outcomes.length > 0) return 'diff-outcomes';
  return 'diff-diagnostics';
}

/** SARIF 2.1.0 through validate's writer: each changed request at its line, an error where it trips a gate. */
export function diffSarif(report: DiffReport, position: PositionOf, version: string): string {
  const reports: FileReport[] = report.plans.map((plan) => {
    const at = (start: number, end = start): CliDiagnostic['range'] => ({
      start: position(plan.file, start),
      end: position(plan.file, end),
    });
    return {
      path: plan.file,
      diagnostics: [
        ...plan.diagnostics.map((d) => ({
          code: 'diff-diagnostics',
          severity: 'information' as const,
          message: diagnosticChangeText(d),
          range: at(d.start, d.end),
        })),
        ...plan.requests.map((request) => {
          const rule = ruleOf(request);
          const trips = request.tripped.length > 0 ? ` Trips --fail-on ${request.tripped.join(', ')}.` : '';
          return {
            code: rule,
            severity: request.tripped.length > 0 ? ('error' as const) : DIFF_RULES[rule],
            message: `${requestTitle(request)}: ${requestChangeLines(request).join('; ')}.${trips}`,
            range: at(request.start),
          };
        }),
      ],
    };
  });
  return formatSarif(reports, version, DIFF_RULES);
}
