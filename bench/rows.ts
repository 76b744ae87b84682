/** Turns the measurements of one run into the table rows (with the budgets of docs/architecture.md#performance) and the details section. */
import type { Activation, ActivationResult } from './activation';
import type { ProcessRun } from './cliBench';
import type { ServerResult } from './lspBench';
import { boundedDetails, boundedRows } from './boundedRows';
import type { Row, Verdict } from './report';
import { atMost, both } from './report';
import { calibrateLine } from './calibrateBench';
import type { BenchResults } from './results';
import { SIZES } from './results';
import { fmt, median, percentile } from './stats';

const BIG = 10_000;
const MB = 2 ** 20;

const med = (samples: readonly number[] | undefined): number | undefined =>
  samples && samples.length > 0 ? median(samples) : undefined;
const p95 = (samples: readonly number[] | undefined): number | undefined =>
  samples && samples.length > 0 ? percentile(samples, 95) : undefined;

/** yaml-language-server must take at least `factor` times as long as we do. */
function fasterBy(ours: number | undefined, yls: number | undefined, factor: number): Verdict {
  const budget = `≥ ${factor}× faster than yaml-ls`;
  if (ours === undefined || yls === undefined) return { budget, pass: undefined };
  const ratio = yls / ours;
  return ratio >= factor
    ? { budget, pass: true }
    : { budget, pass: false, by: `only ${ratio.toFixed(1)}× faster` };
}

function sizeRows(results: BenchResults): Row[] {
  const rows: Row[] = [];
  for (const size of SIZES) {
    const ours = med(results.ours[size]?.openMs);
    // The floor timed right before each of our opens (same conditions); else the warm runs before the servers.
    const samples = results.floor[size];
    const floor = med(samples?.paired.ms.length ? samples.paired.ms : samples?.ms);
    const limit = floor === undefined ? NaN : 1.3 * floor;
    const verdict = size === BIG ? atMost(ours, limit, '≤ 1.3 × parseDocument', 'ms') : undefined;
    rows.push({
      measure: `open → diagnostics, ${size.toLocaleString('en-US')} requests`,
      unit: 'ms',
      ours,
      yls: med(results.yls[size]?.openMs),
      floor,
      ...(verdict ? { verdict } : {}),
    });
  }
  for (const size of SIZES) {
    const ours = med(results.ours[size]?.editMs);
    const yls = med(results.yls[size]?.editMs);
    const verdict =
      size === BIG
        ? both(atMost(ours, 50, '', 'ms'), fasterBy(ours, yls, 10), '≤ 50 ms and ≥ 10× faster than yaml-ls')
        : undefined;
    rows.push({
      measure: `edit → diagnostics, ${size.toLocaleString('en-US')} requests`,
      unit: 'ms',
      ours,
      yls,
      ...(verdict ? { verdict } : {}),
    });
  }
  return rows;
}

/** CPU time of the servers (from /proc) beside the wall-clock rows: what the work costs when the machine is shared. */
function cpuRows(results: BenchResults): Row[] {
  const ours = results.ours[BIG];
  const yls = results.yls[BIG];
  const open = med(ours?.openCpuMs);
  const floor = med(results.floor[BIG]?.paired.cpuMs);
  const lens = med(ours?.lensCpuMs);
  const note = ' (same budget on CPU time)';
  return [
    {
      measure: 'open, 10,000: server CPU time (floor: parse CPU time)',
      unit: 'ms',
      ours: open,
      yls: med(yls?.openCpuMs),
      floor,
      verdict: atMost(open, floor === undefined ? NaN : 1.3 * floor, `≤ 1.3 × parseDocument${note}`, 'ms'),
    },
    {
      measure: 'edit, 10,000: server CPU time per edit',
      unit: 'ms',
      ours: ours?.editCpuMs,
      yls: yls?.editCpuMs,
      verdict: both(
        atMost(ours?.editCpuMs, 50, '', 'ms'),
        fasterBy(ours?.editCpuMs, yls?.editCpuMs, 10),
        `≤ 50 ms and ≥ 10×${note}`,
      ),
    },
    {
      measure: 'code lenses after an edit, 10,000: server CPU time',
      unit: 'ms',
      ours: lens,
      verdict: atMost(lens, 300, `≤ 300 ms${note}`, 'ms'),
    },
  ];
}

function interactionRows(results: BenchResults): Row[] {
  const ours = results.ours[BIG];
  const yls = results.yls[BIG];
  const p95Row = (measure: string, pick: (r: ServerResult) => number[]): Row => {
    const value = p95(ours ? pick(ours) : undefined);
    return {
      measure: `${measure}, 10,000 (p95)`,
      unit: 'ms',
      ours: value,
      yls: p95(yls ? pick(yls) : undefined),
      verdict: atMost(value, 20, 'p95 ≤ 20 ms', 'ms'),
    };
  };
  const rssRow = (measure: string, pick: (r: ServerResult) => number | undefined): Row => {
    const value = ours ? pick(ours) : undefined;
    const verdict = atMost(value, 300, '≤ 300 MB RSS', 'MB');
    return { measure, unit: 'MB', ours: value, yls: yls ? pick(yls) : undefined, verdict };
  };
  const first = med(ours?.lensFirstMs);
  return [
    p95Row('hover on a source value', (r) => r.hoverSourceMs),
    p95Row('hover on an operation value', (r) => r.hoverOperationMs),
    p95Row('completion at `operation: `', (r) => r.completionOperationMs),
    p95Row('completion at `source: `', (r) => r.completionSourceMs),
    {
      measure: 'code lenses, 10,000, first call after an edit',
      unit: 'ms',
      ours: first,
      verdict: atMost(first, 300, '≤ 300 ms', 'ms'),
    },
    { measure: 'code lenses, 10,000, first call after the open', unit: 'ms', ours: ours?.lensAfterOpenMs },
    { measure: 'code lenses, 10,000, repeat call', unit: 'ms', ours: med(ours?.lensRepeatMs) },
    rssRow('server RSS, 10,000 open', (r) => r.memoryAfterOpen?.rssMb),
    rssRow('server RSS, 10,000, right after the last edit and request', (r) => r.memoryAfterEdits?.rssMb),
    rssRow('server RSS, 10,000, after the edits, settled (3 s idle)', (r) => r.memorySettled?.rssMb),
    rssRow('server peak RSS (VmHWM), 10,000', (r) => r.memoryAfterEdits?.hwmMb),
  ];
}

function runsMs(runs: ProcessRun[] | undefined): number | undefined {
  const ok = runs?.filter((r) => r.status === 0 || r.status === 1).map((r) => r.ms);
  return ok && ok.length > 0 ? median(ok) : undefined;
}

const STARTS = {
  first: 'first start in a fresh profile, no code cache yet',
  later: 'later start, client code cache used',
} as const;

/**
 * The activation's hold on the extension host's thread: VS Code's Load Code plus Call Activate, or plus
 * the extension's own count when that is larger. activate() returns before the client is loaded on a
 * first start (a worker thread builds the code cache meanwhile), so Call Activate alone would leave the
 * load out; the extension counts activate() and that load.
 */
function activationMs(run: Activation): number {
  return run.loadCodeMs! + Math.max(run.callActivateMs!, run.blockedMs ?? 0);
}

/**
 * Per start (first / later): the activation (the budget, unless `budgeted` is false: the floor),
 * Finish Activate, the longest block.
 */
function activationRows(result: ActivationResult | undefined, label: string, budgeted = true): Row[] {
  const budget = '≤ 100 ms';
  return (['first', 'later'] as const).flatMap((start): Row[] => {
    const when = budgeted ? STARTS[start] : `${start} start`;
    const measure = `activation (${label}, ${when}): VS Code's Load Code + Call Activate, or + the extension's count of its time on the thread when larger`;
    if (!result?.measured) {
      const verdict = budgeted ? { verdict: { budget, pass: undefined } } : {};
      return [{ measure, unit: 'ms', missing: result?.reason ?? 'skipped', ...verdict }];
    }
    const ok = result.runs.filter(
      (r) => r.start === start && r.loadCodeMs !== undefined && r.callActivateMs !== undefined,
    );
    const total = med(ok.map(activationMs));
    return [
      {
        measure,
        unit: 'ms',
        ours: total,
        ...(budgeted ? { verdict: atMost(total, 100, budget, 'ms') } : {}),
      },
      {
        measure: `activation (${label}, ${start} start): Finish Activate (activate() resolved, language client started)`,
        unit: 'ms',
        ours: med(ok.map((r) => r.finishActivateMs ?? NaN).filter(Number.isFinite)),
      },
      {
        measure: `activation (${label}, ${start} start): longest extension-host event-loop block while activating`,
        unit: 'ms',
        ours: med(ok.map((r) => r.eventLoopMaxMs ?? NaN).filter(Number.isFinite)),
      },
    ];
  });
}

function otherRows(results: BenchResults): Row[] {
  const prediction = results.prediction && 'predictMs' in results.prediction ? results.prediction : undefined;
  const simulate = med(prediction?.simulateMs);
  const validate = runsMs(results.validate);
  const calibrate = results.calibrate && 'large' in results.calibrate ? results.calibrate : undefined;
  const vsixMb = results.vsix?.bytes === undefined ? undefined : results.vsix.bytes / MB;
  const rows: Row[] = [
    {
      measure: 'predict, 1,000 requests × 1,000 runs (in-process)',
      unit: 'ms',
      ours: med(prediction?.predictMs),
    },
    {
      measure: 'dry run (simulate), 1,000 × 1,000 (in-process)',
      unit: 'ms',
      ours: simulate,
      verdict: atMost(simulate, 1000, '≤ 1 s', 'ms'),
    },
    {
      measure: '`isc-plan simulate` 1,000 × 1,000 (process, --format json)',
      unit: 'ms',
      ours: runsMs(results.cliSimulate),
    },
    {
      measure: '`isc-plan validate` over 1,000 small plans (process)',
      unit: 'ms',
      ours: validate,
      verdict: atMost(validate, 3000, '≤ 3 s', 'ms'),
    },
    {
      measure: '`isc-plan diff` of 1,000 plans × 10 requests (process)',
      unit: 'ms',
      ours: runsMs(results.diff),
      verdict: atMost(runsMs(results.diff), 10_000, '≤ 10 s', 'ms'),
    },
    {
      measure: 'calibrate 100,000 activities: CPU time (process, streaming)',
      unit: 'ms',
      ours: calibrate?.large.cpuMs,
      verdict: atMost(calibrate?.large.cpuMs, 5000, '≤ 5 s on one core', 'ms'),
    },
  ];
  rows.push(
    ...activationRows(
      results.activation.find((a) => a.variant === 'vsix'),
      'packaged .vsix',
    ),
  );
  rows.push(
    ...activationRows(
      results.activation.find((a) => a.variant === 'development'),
      'development build, as the integration suite',
    ),
  );
  rows.push(
    ...activationRows(
      results.activation.find((a) => a.variant === 'floor'),
      "floor: a minimal extension that only starts vscode-languageclient's LanguageClient for our server, bundled and minified as ours",
      false,
    ),
  );
  rows.push({
    measure: 'packaged `isc-plan.vsix` size',
    unit: 'MB',
    ours: vsixMb,
    verdict: atMost(vsixMb, 2, '≤ 2 MB (MiB)', 'MB'),
  });
  return rows;
}

/** The table rows, with a row "not measured" for every part that was skipped or failed. */
export function buildRows(results: BenchResults): Row[] {
  return [
    ...sizeRows(results),
    ...cpuRows(results),
    ...boundedRows(results),
    ...interactionRows(results),
    ...otherRows(results),
  ].map((row) =>
    row.missing || row.ours !== undefined ? row : { ...row, missing: 'skipped or failed (see details)' },
  );
}

const list = (samples: readonly number[] | undefined): string =>
  samples && samples.length > 0 ? samples.map((s) => fmt(s, 1)).join(', ') : '—';

function serverDetails(r: ServerResult): string[] {
  const changing = r.editMs.filter((_, i) => i % 4 === 1 || i % 4 === 3);
  const steady = r.editMs.filter((_, i) => i % 4 === 0 || i % 4 === 2);
  const pair = (s: number[]): string => `median ${fmt(med(s))}, p95 ${fmt(p95(s))} ms (${s.length} calls)`;
  const mem = (m: ServerResult['memoryAfterOpen']): string =>
    m ? `RSS ${fmt(m.rssMb)} MB, peak ${fmt(m.hwmMb)} MB` : '—';
  return [
    `- **${r.server}, ${r.requests.toLocaleString('en-US')} requests** (network isolated: ${r.isolated ? 'yes, `unshare -n`' : 'no'})`,
    `  - open → diagnostics (ms, in order; the first is the cold one): ${list(r.openMs)}; server CPU time of each: ${list(r.openCpuMs)}; diagnostics on the unedited plan: ${r.baseDiagnostics ?? '—'}`,
    `  - edit → diagnostics (ms, in order): ${list(r.editMs)}`,
    `  - edits that change the diagnostics: median ${fmt(med(changing))} ms; that do not: median ${fmt(med(steady))} ms; all: p95 ${fmt(p95(r.editMs))}, max ${fmt(Math.max(...r.editMs))} ms; server CPU per edit ${fmt(r.editCpuMs)} ms; diagnostics after each edit: ${r.editDiagnostics.join(', ') || '—'}`,
    `  - "Modifx" check: ${r.enumCheck ?? '—'}`,
    `  - hover source: ${pair(r.hoverSourceMs)}; hover operation: ${pair(r.hoverOperationMs)}`,
    `  - completion at operation: ${pair(r.completionOperationMs)}; at source: ${pair(r.completionSourceMs)}`,
    ...(r.lensFirstMs.length > 0
      ? [
          `  - code lenses (${r.lensCount ?? '?'} lenses): first call after the open ${fmt(r.lensAfterOpenMs)} ms; first call after an edit ${list(r.lensFirstMs)} ms; repeat ${list(r.lensRepeatMs)} ms`,
        ]
      : []),
    `  - memory after open: ${mem(r.memoryAfterOpen)}; after the edits: ${mem(r.memoryAfterEdits)}; settled (3 s idle): ${mem(r.memorySettled)}`,
    ...(r.errors.length > 0 ? [`  - errors: ${r.errors.join(' | ')}`] : []),
  ];
}

function activationDetails(result: ActivationResult): string[] {
  if (!result.measured) return [`- ${result.variant}: not measured (${result.reason ?? '?'})`];
  const run = (a: Activation, i: number): string =>
    `  - run ${i + 1} (${a.start ?? '?'} start, code cache ${a.codeCache ?? '?'}): Load Code ${a.loadCodeMs ?? '?'} ms, Call Activate ${a.callActivateMs ?? '?'} ms, the extension's count ${fmt(a.blockedMs)} ms (loading the client bundle ${fmt(a.bundleLoadMs)} ms), Finish Activate ${a.finishActivateMs ?? '?'} ms ` +
    `(perf marks: load ${a.markLoadMs ?? '?'} ms, activate ${a.markActivateMs ?? '?'} ms; longest event-loop block ${fmt(a.eventLoopMaxMs)} ms; module loads ${(a.loads ?? []).map((l) => `${l.file} ${fmt(l.ms)} ms`).join(', ') || '—'}; log \`_doActivateExtension\` → \`_callActivateOptional\`: ${a.logLoadMs ?? '?'} ms; event ${a.event ?? '?'})` +
    `${a.error ? ` — ${a.error}` : ''}${a.logFile ? ` — ${a.logFile}` : ''}`;
  const lines = result.runs[0]?.logLines ?? [];
  return [
    `- ${result.variant}:`,
    ...result.runs.map(run),
    ...(lines.length > 0
      ? ['  - log lines of run 1:', '', '```', ...lines.map((l) => l.slice(0, 220)), '```', '']
      : []),
  ];
}

function processDetails(name: string, runs: ProcessRun[] | undefined): string {
  if (!runs) return `- ${name}: not run`;
  return `- ${name}: ${runs.map((r) => `${fmt(r.ms)} ms (exit ${r.status ?? 'killed'})`).join(', ')}; output ends: \`${(runs[0]?.tail ?? '').split('\n').slice(-1)[0]?.slice(0, 160) ?? ''}\``;
}

/** The details section of RESULTS.md: every sample, the fairness checks, and how rows are measured. */
export function details(results: BenchResults): string {
  const prediction = results.prediction;
  const out: string[] = ['## Details', ''];
  if (results.quick) {
    out.push('**Quick run (--quick): fewer repetitions; not for comparing with budgets.**', '');
  }
  if (results.skipped.length > 0) out.push(`Skipped: ${results.skipped.join(', ')}.`, '');
  out.push(
    `1-minute load average as each part started: ${results.loads.map((l) => `${l.part} ${l.load.toFixed(2)}`).join('; ')}.`,
    '',
  );
  out.push(
    `Plans: ${SIZES.map((s) => `${s.toLocaleString('en-US')} requests = ${fmt((results.planBytes[s] ?? 0) / 1e6, 2)} MB`).join('; ')}.`,
    '',
  );
  out.push('### `yaml` parseDocument with a LineCounter (in-process)', '');
  for (const s of SIZES) {
    out.push(
      `- ${s.toLocaleString('en-US')}: first (cold) ${fmt(results.floor[s]?.coldMs)} ms, then ${list(results.floor[s]?.ms)} ms; right before each of our opens (the table's floor): ${list(results.floor[s]?.paired.ms)} ms, CPU ${list(results.floor[s]?.paired.cpuMs)} ms`,
    );
  }
  out.push('', '### Language servers over stdio', '');
  for (const s of SIZES) {
    for (const r of [results.ours[s], results.yls[s]]) if (r) out.push(...serverDetails(r));
  }
  out.push(...boundedDetails(results));
  out.push('', '### Prediction and dry run (in-process, 1,000-request plan parsed first)', '');
  if (prediction && 'predictMs' in prediction) {
    out.push(
      `- ${prediction.requests} requests × ${prediction.runs} runs; plan errors: ${prediction.errors}; dry-run events: ${prediction.events}`,
    );
    out.push(`- predict: first ${fmt(prediction.predictColdMs)} ms, then ${list(prediction.predictMs)} ms`);
    out.push(
      `- simulate (prediction + representative run + events + perspectives + trigger, no scenario): first ${fmt(prediction.simulateColdMs)} ms, then ${list(prediction.simulateMs)} ms`,
    );
  } else out.push(`- not measured${prediction ? `: ${prediction.error}` : ''}`);
  out.push(
    '',
    '### Command line',
    '',
    processDetails('validate over 1,000 plans of 5 requests (+1 catalog)', results.validate),
    processDetails('simulate 1,000 × 1,000', results.cliSimulate),
    processDetails('diff of 1,000 plans × 10 requests under two catalogs', results.diff),
    results.calibrate === undefined
      ? '- calibrate: not run'
      : 'large' in results.calibrate
        ? `- ${calibrateLine(results.calibrate)} (peak memory of the two shows whether memory grows with the file)`
        : `- calibrate: ${results.calibrate.error}`,
  );
  const v = results.vsix;
  out.push(
    '',
    '### Package',
    '',
    `- isc-plan.vsix: ${v?.bytes === undefined ? 'missing' : `${v.bytes.toLocaleString('en-US')} bytes`}${v?.modified ? `, built ${v.modified}` : ''}${v?.builtNow ? ' (built by this run)' : ' (existing file, not rebuilt)'}${v?.note ? `; ${v.note}` : ''}`,
  );
  out.push(
    `- dist/ measured (copied to bench/.work/dist/ at the start; the activation rows load the repository's dist/extension.js or the .vsix): ${Object.entries(
      results.builds,
    )
      .map(([f, t]) => `${f} built ${t}`)
      .join(', ')}`,
  );
  out.push('', '### Extension activation (code-server, extension host log at trace)', '');
  for (const a of results.activation) out.push(...activationDetails(a));
  if (results.profile) out.push('', '### Where our server spends its time', '', results.profile);
  return out.join('\n') + '\n';
}
