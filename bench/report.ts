/**
 * The results table (printed and written to bench/RESULTS.md): one row per measure with our value,
 * yaml-language-server's, the `yaml` floor, the ratios, the budget (docs/architecture.md#performance) and pass/fail.
 */
import * as os from 'os';
import { fmt } from './stats';

/** A budget check: its text, and whether the row meets it (undefined: not measured). */
export interface Verdict {
  budget: string;
  pass: boolean | undefined;
  /** How far off, e.g. `2.4× the budget`. */
  by?: string;
}

export interface Row {
  measure: string;
  unit: 'ms' | 'MB';
  ours?: number;
  yls?: number;
  floor?: number;
  verdict?: Verdict;
  /** Shown instead of the values when the row could not be measured. */
  missing?: string;
}

/** `value ≤ limit`. */
export function atMost(value: number | undefined, limit: number, budget: string, unit: string): Verdict {
  if (value === undefined || !Number.isFinite(value)) return { budget, pass: undefined };
  const pass = value <= limit;
  return pass
    ? { budget, pass }
    : { budget, pass, by: `${fmt(value)} ${unit} = ${(value / limit).toFixed(2)}× the limit` };
}

/** Both verdicts must hold. */
export function both(a: Verdict, b: Verdict, budget: string): Verdict {
  const pass = a.pass === undefined || b.pass === undefined ? undefined : a.pass && b.pass;
  const by = [a.by, b.by].filter(Boolean).join('; ');
  return { budget, pass, ...(by ? { by } : {}) };
}

function ratio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '—';
  return `${(a / b).toFixed(2)}×`;
}

function result(verdict: Verdict | undefined): string {
  if (!verdict) return 'info';
  if (verdict.pass === undefined) return 'not measured';
  return verdict.pass ? 'pass' : `**FAIL** (${verdict.by ?? 'over'})`;
}

function cell(value: number | undefined, unit: string): string {
  return value === undefined ? '—' : `${fmt(value)} ${unit}`;
}

/** The Markdown table of the rows. */
export function markdownTable(rows: readonly Row[]): string {
  const head = [
    'Measure',
    'isc-plan',
    'yaml-language-server',
    '`yaml` parseDocument (floor)',
    'isc-plan ÷ floor',
    'yaml-ls ÷ isc-plan',
    'Budget',
    'Result',
  ];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const row of rows) {
    const values = row.missing
      ? [`not measured: ${row.missing}`, '—', '—', '—', '—']
      : [
          cell(row.ours, row.unit),
          cell(row.yls, row.unit),
          cell(row.floor, row.unit),
          ratio(row.ours, row.floor),
          ratio(row.yls, row.ours),
        ];
    const verdict = row.missing && row.verdict ? { ...row.verdict, pass: undefined } : row.verdict;
    lines.push(`| ${[row.measure, ...values, verdict?.budget ?? '—', result(verdict)].join(' | ')} |`);
  }
  return lines.join('\n');
}

/** A plain-text table for the console (same columns, padded). */
export function consoleTable(rows: readonly Row[]): string {
  const data = markdownTable(rows)
    .split('\n')
    .filter((_, i) => i !== 1)
    .map((line) =>
      line
        .slice(2, -2)
        .split(' | ')
        .map((c) => c.replace(/\*\*/g, '').replace(/`/g, '')),
    );
  const widths = data[0]!.map((_, col) => Math.min(60, Math.max(...data.map((r) => r[col]!.length))));
  return data.map((r) => r.map((c, col) => c.padEnd(widths[col]!)).join('  ')).join('\n');
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
  loadStart: number[];
  loadEnd?: number[];
  date: string;
  command: string;
}

export function machine(command: string): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: os.totalmem() / 2 ** 30,
    node: process.version,
    os: `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
    loadStart: os.loadavg(),
    date: new Date().toISOString(),
    command,
  };
}

function loadText(load: number[] | undefined): string {
  return load ? load.map((l) => l.toFixed(2)).join(' / ') : '—';
}

/** Whether the machine was busy: a 1-minute load above half the cores at the start or the end. */
export function loadNote(m: Machine): string {
  const busy = [m.loadStart, m.loadEnd ?? []].some((l) => (l[0] ?? 0) > m.cores / 2);
  return busy
    ? `The machine was loaded (1-minute load above ${m.cores / 2} at the start or the end, where the benchmark itself adds about 1): other work ran beside the benchmark, so the times are pessimistic.`
    : 'The machine was quiet (1-minute load at most half the cores at the start and the end).';
}

export function machineSection(m: Machine): string {
  return [
    `- Date: ${m.date}`,
    `- Command: \`${m.command}\``,
    `- CPU: ${m.cpu}, ${m.cores} cores; memory ${m.memoryGb.toFixed(1)} GiB`,
    `- Node ${m.node}; ${m.os}`,
    `- Load average (1/5/15 min): start ${loadText(m.loadStart)}, end ${loadText(m.loadEnd)}. ${loadNote(m)}`,
  ].join('\n');
}
