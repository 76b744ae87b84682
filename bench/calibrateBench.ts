/**
 * The bench row "calibrate 100,000 activities" (docs/architecture.md#performance): a synthetic
 * history of 100,000 AccountActivity records (test/unit/service/calibration/syntheticHistory.ts,
 * seed 3) written to one JSON array, calibrated by the CLI's code in a process of its own; the
 * same for 10,000 records, so that the peak memory of the two shows whether memory grows with the
 * file. Budget: under 5 s of CPU time on one core.
 *
 * Alone: `npx tsc -p . && node out/bench/calibrateBench.js` (what `npm run bench` runs as the part
 * `calibrate`; `--skip=calibrate` leaves it out).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { syntheticActivities, syntheticCatalog } from '../test/unit/service/calibration/syntheticHistory';

export interface CalibrateRun {
  activities: number;
  bytes: number;
  ms: number;
  cpuMs: number;
  maxRssMb: number;
}

export interface CalibrateResult {
  small: CalibrateRun;
  large: CalibrateRun;
}

const AS_OF = Date.parse('2026-12-01T10:00:00Z');

/** Writes about `scale` × 5,900 activities of 120 days as one JSON array, a thousand records at a time. */
function writeHistory(file: string, scale: number): void {
  const out = fs.openSync(file, 'w');
  let batch: string[] = ['['];
  let count = 0;
  for (const record of syntheticActivities({ seed: 3, asOf: AS_OF, days: 120, scale })) {
    batch.push(`${count++ === 0 ? '' : ','}${JSON.stringify(record)}`);
    if (batch.length >= 1000) {
      fs.writeSync(out, batch.join(''));
      batch = [];
    }
  }
  batch.push(']');
  fs.writeSync(out, batch.join(''));
  fs.closeSync(out);
}

function runOnce(work: string, file: string): CalibrateRun {
  const child = path.join(__dirname, 'calibrateChild.js');
  const catalog = path.join(work, 'calibrate-tenant.sources.yaml');
  const out = path.join(work, 'calibrated.sources.yaml');
  const result = spawnSync(process.execPath, [child, file, catalog, out], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  const last = result.stdout.trim().split('\n').pop() ?? '';
  if (result.status !== 0 || !last.startsWith('{')) {
    throw new Error(
      `calibrate ${path.basename(file)} failed (exit ${result.status}): ${result.stderr.slice(0, 300)}`,
    );
  }
  const run = JSON.parse(last) as Omit<CalibrateRun, 'bytes'> & { code: number };
  return {
    activities: run.activities,
    bytes: fs.statSync(file).size,
    ms: run.ms,
    cpuMs: run.cpuMs,
    maxRssMb: run.maxRssMb,
  };
}

/** Generates the two histories (once; kept in `work`) and calibrates each; the faster of `repeat` runs. */
export function calibrateBench(work: string, repeat = 3): CalibrateResult {
  fs.mkdirSync(work, { recursive: true });
  fs.writeFileSync(path.join(work, 'calibrate-tenant.sources.yaml'), syntheticCatalog());
  const best = (file: string, scale: number): CalibrateRun => {
    if (!fs.existsSync(file)) writeHistory(file, scale);
    const runs = Array.from({ length: repeat }, () => runOnce(work, file));
    return runs.reduce((a, b) => (b.cpuMs < a.cpuMs ? b : a));
  };
  return {
    small: best(path.join(work, 'activities-10k.json'), 1.7),
    large: best(path.join(work, 'activities-100k.json'), 17),
  };
}

/** The result as one line. */
export function calibrateLine(result: CalibrateResult): string {
  const run = (r: CalibrateRun): string =>
    `${r.activities.toLocaleString('en-US')} activities (${(r.bytes / 1e6).toFixed(0)} MB): ${r.ms.toFixed(0)} ms, CPU ${r.cpuMs.toFixed(0)} ms, peak RSS ${r.maxRssMb.toFixed(0)} MB`;
  return `calibrate ${run(result.large)}; ${run(result.small)}`;
}

if (require.main === module) {
  const work = path.resolve(__dirname, '../../bench/.work');
  process.stdout.write(`${calibrateLine(calibrateBench(work, 1))}\n`);
}
