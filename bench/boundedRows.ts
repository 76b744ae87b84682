/** The rows and details of the bounded-work part (bench/editBench.ts) for RESULTS.md. */
import type { Row } from './report';
import { atMost } from './report';
import type { BenchResults } from './results';
import { fmt, median } from './stats';

const med = (samples: readonly number[] | undefined): number | undefined =>
  samples && samples.length > 0 ? median(samples) : undefined;
const list = (samples: readonly number[] | undefined): string =>
  samples && samples.length > 0 ? samples.map((s) => fmt(s, 1)).join(', ') : '—';

/** Cold and warm open beside the cold and warm `yaml` parse, ranged and full-text edits, the dry run's longest hold. */
export function boundedRows(results: BenchResults): Row[] {
  const b = results.bounded;
  const ranged = med(b?.rangedEditMs);
  const fullText = med(b?.fullTextEditMs);
  return [
    {
      measure: 'cold open (first after start) → diagnostics, 10,000 (floor: cold parse in a fresh process)',
      unit: 'ms',
      ...(b?.coldOpenMs !== undefined ? { ours: b.coldOpenMs } : {}),
      ...(b?.coldFloorMs !== undefined ? { floor: b.coldFloorMs } : {}),
    },
    {
      measure: 'warm open (reopened) → diagnostics, 10,000 (floor: warm parse)',
      unit: 'ms',
      ...(b ? { ours: med(b.warmOpenMs), floor: med(b.warmFloorMs) } : {}),
    },
    {
      measure: 'comment line inserted/removed mid-plan, ranged → diagnostics, 10,000',
      unit: 'ms',
      ...(ranged !== undefined ? { ours: ranged } : {}),
      verdict: atMost(ranged, 25, '≤ 25 ms', 'ms'),
    },
    {
      measure: 'the same edits sent as the whole text → diagnostics, 10,000',
      unit: 'ms',
      ...(fullText !== undefined ? { ours: fullText } : {}),
      verdict: atMost(
        fullText,
        ranged === undefined ? NaN : Math.max(25, 1.5 * ranged),
        '≤ max(25 ms, 1.5 × ranged)',
        'ms',
      ),
    },
    {
      measure: 'dry run of 10,000 requests: longest wait for a hover asked during it',
      unit: 'ms',
      ...(b?.dryRun ? { ours: b.dryRun.longestHoverMs } : {}),
      verdict: atMost(b?.dryRun?.longestHoverMs, 100, '≤ 100 ms', 'ms'),
    },
  ];
}

export function boundedDetails(results: BenchResults): string[] {
  const b = results.bounded;
  if (!b) return [];
  const d = b.dryRun;
  return [
    '',
    '### Bounded work and edits (10,000 requests, one fresh server, bench/editBench.ts)',
    '',
    `- open → diagnostics: cold (first after start) ${fmt(b.coldOpenMs)} ms; warm ${list(b.warmOpenMs)} ms`,
    `- \`yaml\` parseDocument in a fresh process: cold ${fmt(b.coldFloorMs)} ms, then ${list(b.warmFloorMs)} ms`,
    `- comment line inserted and removed mid-plan, ranged: ${list(b.rangedEditMs)} ms`,
    `- the same sent as the whole text: ${list(b.fullTextEditMs)} ms`,
    d
      ? `- dry run, ${d.runs} runs: ${fmt(d.totalMs)} ms; ${d.hovers} hovers answered during it, the longest after ${fmt(d.longestHoverMs)} ms; work-done progress received: ${d.progress.join(' ') || 'none'}`
      : '- dry run: not measured',
    ...(b.errors.length > 0 ? [`- errors: ${b.errors.join('; ')}`] : []),
  ];
}
