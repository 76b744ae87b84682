/**
 * The catalog overlay calibration writes (docs/formats.md#calibration-overlay): a SourceCatalog
 * with, per fitted source, the fitted `timing` figures and a `timing.learned` block saying how
 * many activities and which dates they rest on and which figures were learned. Merged after the
 * tenant catalog, as any catalog is, it overrides only those figures.
 */

import { yamlString } from '../text/yamlText';
import type { CalibrationResult, SourceCalibration } from './calibrate';

/** Three significant digits: enough for a duration's quantile, short in a file people read. */
export function figure(value: number): number {
  return Number(value.toPrecision(3));
}

/** An epoch-ms day as `YYYY-MM-DD` (UTC). */
export function day(epoch: number): string {
  return new Date(epoch).toISOString().slice(0, 10);
}

function pair(p50: number, p90: number): string {
  return `{ p50: ${figure(p50)}, p90: ${figure(Math.max(p50, p90))} }`;
}

/** The learned figures of one source as `timing` lines (6 spaces deep), with the names learned. */
function timingLines(source: SourceCalibration): { lines: string[]; fields: string[] } {
  const lines: string[] = [];
  const fields: string[] = [];
  const { duration } = source;
  if (source.channel === 'connector') {
    lines.push('      connector:');
    if (duration) {
      fields.push('queueMinutes', 'executeSeconds', 'visibilityMinutes');
      lines.push(
        `        # The records show when an aggregation first saw the change, not how the time split:`,
        `        # queue, execution and replication together are in queueMinutes, the other two are 0.`,
        `        queueMinutes: ${pair(duration.p50, duration.p90)}`,
        '        executeSeconds: { p50: 0, p90: 0 }',
        '        visibilityMinutes: { p50: 0, p90: 0 }',
      );
    }
    if (source.failureRate) {
      fields.push('failureRate');
      lines.push(
        `        failureRate: ${figure(source.failureRate.value)} # of ${source.failureRate.of} settled activities`,
      );
    }
  } else {
    lines.push('      manual:');
    if (duration) {
      fields.push('completionHours');
      lines.push(`        completionHours: ${pair(duration.p50 / 60, duration.p90 / 60)} # business hours`);
      const hours = source.businessHours;
      if (hours) {
        // Written so that the completion time is read in the hours it was counted in.
        lines.push(
          `        businessHours: { days: [${hours.days.join(', ')}], start: '${hours.start}', end: '${hours.end}' } # counted in these (the default)`,
        );
      }
    }
    if (source.driftRate) {
      fields.push('driftRate');
      lines.push(
        `        driftRate: ${figure(source.driftRate.value)} # of ${source.driftRate.of} completed work items`,
      );
    }
  }
  return { lines, fields };
}

function sourceLines(source: SourceCalibration): string[] {
  const { lines, fields } = timingLines(source);
  if (fields.length === 0) return [];
  const learned = `{ activities: ${source.activities}, from: '${day(source.from)}', to: '${day(source.to)}', fields: [${fields.join(', ')}] }`;
  const out = [`  - name: ${yamlString(source.name)}`];
  if (source.key !== source.name) out.push(`    id: ${yamlString(source.key)}`);
  out.push('    timing:', `      learned: ${learned}`, ...lines);
  for (const note of source.notFitted) out.push(`    # not learned: ${note}`);
  return out;
}

/** The overlay's text; `command` is how it was made, for its first comment. */
export function overlayText(result: CalibrationResult, command: string): string {
  const fitted = result.sources.flatMap((source) => {
    const lines = sourceLines(source);
    return lines.length > 0 ? [lines] : [];
  });
  const left = result.sources.filter((source) => sourceLines(source).length === 0);
  const header = [
    `# Learned by isc-plan calibrate from ${result.activities} account activities created ${day(result.from)} to ${day(result.to)}`,
    `# (export as of ${new Date(result.asOf).toISOString()}): ${command}`,
    '# Merge it after the tenant catalog (--catalog tenant.sources.yaml --catalog this file, or list it last',
    "# under a plan's catalog: key); each source's timing.learned says what its figures rest on.",
    ...left.map(
      (source) => `# ${source.name} (${source.channel}): nothing learned; ${source.notFitted.join('; ')}`,
    ),
    'kind: SourceCatalog',
  ];
  if (fitted.length === 0) return `${[...header, 'sources: []'].join('\n')}\n`;
  return `${[...header, 'sources:', ...fitted.flatMap((lines, k) => (k === 0 ? lines : ['', ...lines]))].join('\n')}\n`;
}
