/**
 * The calibration report (docs/formats.md#calibration-report): what was learned per source, what
 * stayed at the defaults and why, and the back-test with the fitted and the uncalibrated figures
 * side by side, as text, as Markdown fit for a pull-request comment, and as JSON.
 */

import { humanDuration, percent } from '../../../../shared/format';
import type { CalibrationResult, SourceCalibration } from './calibrate';
import type { BacktestFigures, BacktestRow } from './backtest';
import { day, figure } from './overlay';

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function share(value: number): string {
  return Number.isNaN(value) ? '—' : `${(value * 100).toFixed(1)} %`;
}

function error(minutes: number): string {
  return Number.isNaN(minutes) ? '—' : minutes === 0 ? '0' : humanDuration(minutes);
}

/** What was learned for one source, in words. */
export function learnedText(source: SourceCalibration): string {
  const parts: string[] = [];
  const d = source.duration;
  if (d && source.channel === 'connector') {
    parts.push(`time until visible p50 ${humanDuration(d.p50)}, p90 ${humanDuration(d.p90)}`);
  } else if (d) {
    parts.push(`completion p50 ${figure(d.p50 / 60)} h, p90 ${figure(d.p90 / 60)} h (business hours)`);
  }
  if (d) {
    parts.push(
      `from ${count(d.observations)} (${count(d.exact)} exact, ${count(d.interval)} between runs, ${count(d.censored)} still open)`,
    );
  }
  if (source.failureRate) {
    parts.push(
      `failure rate ${percent(figure(source.failureRate.value))} of ${count(source.failureRate.of)}`,
    );
  }
  if (source.driftRate) {
    parts.push(`drift rate ${percent(figure(source.driftRate.value))} of ${count(source.driftRate.of)}`);
  }
  return parts.length > 0 ? parts.join('; ') : 'nothing';
}

function headline(result: CalibrationResult): string {
  return `Calibrated from ${count(result.activities)} account activities created ${day(result.from)} to ${day(result.to)} (export as of ${new Date(result.asOf).toISOString().slice(0, 16)}Z).`;
}

function backtestIntro(result: CalibrationResult): string {
  const held = result.channels.reduce((n, c) => n + c.scored, 0);
  return `Back-test: the newest ${percent(result.holdout)} (${count(held)} activities on these sources, created from ${day(result.cutoff)}) predicted from the parameters fitted on the older ones, beside the model without calibration (catalog timing, else the defaults). A calibrated model puts about 80 % of milestones inside its p10-p90 band.`;
}

function rowsOf(result: CalibrationResult): BacktestRow[] {
  const rows: BacktestRow[] = [];
  for (const channel of result.channels) {
    rows.push(channel);
    rows.push(
      ...result.sources.filter((s) => s.channel === channel.channel && s.backtest).map((s) => s.backtest!),
    );
  }
  return rows;
}

function cells(row: BacktestRow, f: BacktestFigures, b: BacktestFigures): string[] {
  return [
    `${share(f.coverage)}${row.fittedIsDefault ? ' (default)' : ''}`,
    share(b.coverage),
    error(f.medianAbsoluteError),
    error(b.medianAbsoluteError),
    share(row.observedFailureRate),
    share(f.failureRate),
    share(b.failureRate),
    count(row.scored),
  ];
}

const BACKTEST_HEADER = [
  '',
  'coverage fitted',
  'coverage before',
  'p50 error fitted',
  'p50 error before',
  'failed',
  'fitted',
  'before',
  'scored',
];

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, k) => Math.max(...rows.map((r) => r[k]!.length)));
  return rows.map((r) =>
    r
      .map((cell, k) => (k === 0 ? cell.padEnd(widths[k]!) : cell.padStart(widths[k]!)))
      .join('  ')
      .trimEnd(),
  );
}

/** The report as plain text. */
export function reportText(result: CalibrationResult, wrote: string | undefined): string {
  const lines = [headline(result)];
  if (wrote) lines.push(`Wrote ${wrote}: merge it after the tenant catalog.`);
  lines.push('', 'Learned:');
  for (const s of result.sources) lines.push(`  ${s.name} (${s.channel}): ${learnedText(s)}`);
  const left = result.sources.filter((s) => s.notFitted.length > 0);
  if (left.length > 0) {
    lines.push('', 'Left to the defaults (or the catalog):');
    for (const s of left) for (const note of s.notFitted) lines.push(`  ${s.name}: ${note}`);
  }
  const rows = rowsOf(result);
  if (rows.length > 0) {
    lines.push('', backtestIntro(result), '');
    lines.push(
      ...table([
        BACKTEST_HEADER,
        ...rows.map((r) => [
          r.label.startsWith('all ') ? r.label : `  ${r.label}`,
          ...cells(r, r.fitted, r.before),
        ]),
      ]),
    );
    lines.push(
      '',
      'coverage: share of held-out milestones inside the p10-p90 band; p50 error: median absolute error of the',
    );
    lines.push(
      'predicted p50 of the recorded milestone (verification, or the commit of a source never aggregated).',
    );
  }
  return `${lines.join('\n')}\n`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The report as Markdown, for a pull-request comment. */
export function reportMarkdown(result: CalibrationResult, wrote: string | undefined): string {
  const lines = ['### isc-plan calibrate', '', headline(result)];
  if (wrote) lines.push('', `Wrote \`${wrote}\`: merge it after the tenant catalog.`);
  lines.push('', '| source | channel | learned |', '| --- | --- | --- |');
  for (const s of result.sources) {
    lines.push(`| ${escapeCell(s.name)} | ${s.channel} | ${escapeCell(learnedText(s))} |`);
  }
  const left = result.sources.filter((s) => s.notFitted.length > 0);
  if (left.length > 0) {
    lines.push('', '**Left to the defaults (or the catalog):**', '');
    for (const s of left) {
      for (const note of s.notFitted) lines.push(`- ${escapeCell(s.name)}: ${escapeCell(note)}`);
    }
  }
  const rows = rowsOf(result);
  if (rows.length > 0) {
    lines.push('', backtestIntro(result), '');
    lines.push(
      '| | coverage p10–p90 fitted | before | p50 error fitted | before | failed | predicted fitted | before | scored |',
    );
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of rows) {
      const label = r.label.startsWith('all ') ? `**${r.label}**` : escapeCell(r.label);
      lines.push(`| ${label} | ${cells(r, r.fitted, r.before).join(' | ')} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function figuresJson(f: BacktestFigures): object {
  const n = (v: number): number | null => (Number.isNaN(v) ? null : Number(v.toFixed(4)));
  return {
    coverage: n(f.coverage),
    medianAbsoluteErrorMinutes: n(f.medianAbsoluteError),
    failureRate: n(f.failureRate),
  };
}

function rowJson(row: BacktestRow | undefined): object | null {
  if (!row) return null;
  return {
    label: row.label,
    channel: row.channel,
    scored: row.scored,
    completed: row.completed,
    fittedIsDefault: row.fittedIsDefault,
    observedFailureRate: Number.isNaN(row.observedFailureRate)
      ? null
      : Number(row.observedFailureRate.toFixed(4)),
    fitted: figuresJson(row.fitted),
    before: figuresJson(row.before),
  };
}

/** The report as JSON (stable keys; times ISO 8601; durations in minutes). */
export function reportJson(result: CalibrationResult, wrote: string | undefined): string {
  const iso = (t: number): string | null => (Number.isFinite(t) ? new Date(t).toISOString() : null);
  const json = {
    activities: result.activities,
    from: iso(result.from),
    to: iso(result.to),
    asOf: iso(result.asOf),
    overlay: wrote ?? null,
    holdout: result.holdout,
    cutoff: iso(result.cutoff),
    sources: result.sources.map((s) => ({
      name: s.name,
      key: s.key,
      channel: s.channel,
      channelReason: s.channelReason,
      activities: s.activities,
      heldOut: s.heldOut,
      from: iso(s.from),
      to: iso(s.to),
      duration: s.duration
        ? {
            unit: s.channel === 'connector' ? 'minutes' : 'business minutes',
            p50: figure(s.duration.p50),
            p90: figure(s.duration.p90),
            mu: s.duration.mu,
            sigma: s.duration.sigma,
            observations: s.duration.observations,
            exact: s.duration.exact,
            interval: s.duration.interval,
            censored: s.duration.censored,
          }
        : null,
      failureRate: s.failureRate ?? null,
      driftRate: s.driftRate ?? null,
      notFitted: s.notFitted,
      backtest: rowJson(s.backtest),
    })),
    channels: result.channels.map(rowJson),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
