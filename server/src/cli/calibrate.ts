/**
 * `isc-plan calibrate ACTIVITIES... [--catalog FILE]... [--out FILE] [--holdout 20%] [--as-of ISO]
 * [--format text|json|markdown]`: learns the model's parameters from the tenant's own account
 * activities, writes them as a catalog overlay, and back-tests them on the newest activities
 * (docs/prediction-model.md#calibration).
 */

import * as fs from 'fs';
import * as path from 'path';
import { calibrate } from '../service/calibration/calibrate';
import { overlayText } from '../service/calibration/overlay';
import { reportJson, reportMarkdown, reportText } from '../service/calibration/report';
import type { CliContext } from './context';
import { UsageError } from './context';
import type { Skipped } from './calibrateInput';
import { History, readActivities, readCatalogs } from './calibrateInput';

export interface CalibrateArgs {
  inputs: string[];
  out: string | undefined;
  holdout: string | undefined;
  asOf: string | undefined;
  format: string;
}

const FIRST_LINE = '# Learned by isc-plan calibrate';
const DEFAULT_OUT = 'calibrated.sources.yaml';

/** `20%`, `20 %`, `0.2` or `0`: a share from 0 to below 1. */
export function parseHoldout(text: string | undefined): number {
  if (text === undefined) return 0.2;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  const value = match ? Number(match[1]) / (match[2] ? 100 : 1) : NaN;
  if (!(value >= 0 && value < 1) || (!match![2] && Number(match![1]) >= 1)) {
    throw new UsageError(
      `--holdout ${text}: expected a share below 100 %, e.g. 20% or 0.2 (0: no back-test)`,
    );
  }
  return value;
}

function parseAsOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) {
    throw new UsageError(`--as-of ${text}: expected an ISO 8601 time, e.g. 2026-11-30T18:00:00Z`);
  }
  return at;
}

/** The overlay's path; an existing file is replaced only when calibrate wrote it. */
function outPath(ctx: CliContext, out: string | undefined): string {
  const target = path.resolve(ctx.cwd, out ?? DEFAULT_OUT);
  if (!/\.sources\.(ya?ml)$/i.test(target)) {
    throw new UsageError(`--out ${out}: the overlay is a catalog, its name must end in .sources.yaml`);
  }
  if (fs.existsSync(target) && !fs.readFileSync(target, 'utf8').startsWith(FIRST_LINE)) {
    throw new UsageError(
      `${path.relative(ctx.cwd, target)} exists and was not written by isc-plan calibrate; choose another --out`,
    );
  }
  return target;
}

/** A progress line on a terminal: records read so far, rewritten in place. */
function progress(ctx: CliContext, total: number): (bytes: number) => void {
  if (!ctx.isTTY) return () => undefined;
  let last = 0;
  return (bytes) => {
    const now = Date.now();
    if (now - last < 200) return;
    last = now;
    ctx.stderr(
      `\rcalibrate: read ${Math.round((100 * bytes) / Math.max(total, 1))} % of ${Math.round(total / 1e6)} MB`,
    );
  };
}

export async function runCalibrate(ctx: CliContext, args: CalibrateArgs): Promise<number> {
  if (args.inputs.length === 0) {
    throw new UsageError('calibrate needs at least one file of account activities');
  }
  if (!['text', 'json', 'markdown'].includes(args.format)) {
    throw new UsageError(`--format ${args.format}: calibrate writes text, json or markdown`);
  }
  const holdout = parseHoldout(args.holdout);
  const asOf = parseAsOf(args.asOf);
  const target = outPath(ctx, args.out);
  const catalog = readCatalogs(ctx.serviceOptions.fallbackCatalogs ?? [], ctx.cwd);
  const files = args.inputs.map((input) => path.resolve(ctx.cwd, input));
  const total = files.reduce((sum, file) => sum + (fs.existsSync(file) ? fs.statSync(file).size : 0), 0);
  const history = new History();
  const skipped: Skipped = { count: 0, examples: [] };
  let before = 0;
  const onProgress = progress(ctx, total);
  for (const [k, file] of files.entries()) {
    const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
    await readActivities(file, args.inputs[k]!, history, skipped, (bytes) => onProgress(before + bytes));
    before += size;
  }
  if (ctx.isTTY) ctx.stderr('\r\x1b[K');
  if (history.activities === 0) throw new UsageError('no usable account activities in the input');
  for (const example of skipped.examples) ctx.stderr(`isc-plan: skipped ${example}\n`);
  if (skipped.count > skipped.examples.length) {
    ctx.stderr(`isc-plan: skipped ${skipped.count} records in all\n`);
  }
  const result = calibrate(history, catalog, asOf === undefined ? { holdout } : { holdout, asOf });
  const command = ['isc-plan calibrate', ...args.inputs.map((i) => path.basename(i))].join(' ');
  fs.writeFileSync(target, overlayText(result, command));
  const wrote = path.relative(ctx.cwd, target);
  const report =
    args.format === 'json' ? reportJson : args.format === 'markdown' ? reportMarkdown : reportText;
  ctx.stdout(report(result, wrote));
  return 0;
}
