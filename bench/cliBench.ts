/**
 * Measurements through the built CLI and the package: `isc-plan validate` over 1,000 small plans
 * (a child process, as a CI job runs it), `isc-plan simulate` of the 1,000-request plan, and the
 * size of the packaged `.vsix`.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { BENCH_CATALOG, generatedRequest } from './generate';
import { messageOf } from './stats';

/** One child-process run: wall time, exit status and the tail of its output. */
export interface ProcessRun {
  ms: number;
  status: number | null;
  tail: string;
}

/** Writes `plans` plans of `perPlan` requests each, and one catalog, into `folder` (emptied first). */
export function writeSmallPlans(folder: string, plans: number, perPlan: number): void {
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'acme.sources.yaml'), BENCH_CATALOG);
  for (let p = 0; p < plans; p++) {
    const requests = Array.from({ length: perPlan }, (_, r) => generatedRequest(p * perPlan + r)).join('');
    const header = `kind: ProvisioningPlan\nname: Small plan ${p}\nidentity: { name: user.${p} }\naccountRequests:\n`;
    fs.writeFileSync(path.join(folder, `small-${String(p).padStart(4, '0')}.plan.yaml`), header + requests);
  }
}

/** Runs `node <args>` in `cwd`, killed after `timeoutMs`; stdout is drained, not kept. */
export function timeNode(args: string[], cwd: string, timeoutMs: number): Promise<ProcessRun> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (chunk: Buffer): void => {
      tail = (tail + chunk.toString()).slice(-600);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({
        ms: performance.now() - started,
        status: signal ? null : status,
        tail: signal ? `killed (${signal}) after ${timeoutMs} ms` : tail.trim(),
      });
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ms: NaN, status: null, tail: messageOf(error) });
    });
  });
}

/** `repeats` sequential runs of `node <args>`. */
export async function timeNodeRuns(
  args: string[],
  cwd: string,
  repeats: number,
  timeoutMs: number,
): Promise<ProcessRun[]> {
  const runs: ProcessRun[] = [];
  for (let n = 0; n < repeats; n++) runs.push(await timeNode(args, cwd, timeoutMs));
  return runs;
}

export interface VsixResult {
  bytes?: number;
  builtNow: boolean;
  modified?: string;
  note?: string;
}

/**
 * The size of `isc-plan.vsix`; when it is missing, builds it with `npm run package` (a production
 * build of dist/) and then restores the development build (`node esbuild.mjs`) the rest uses.
 */
export function vsixSize(repo: string): VsixResult {
  const file = path.join(repo, 'isc-plan.vsix');
  let builtNow = false;
  let note: string | undefined;
  if (!fs.existsSync(file)) {
    builtNow = true;
    const packaged = spawnSync('npm', ['run', 'package'], { cwd: repo, encoding: 'utf8', timeout: 600_000 });
    if (packaged.status !== 0) {
      note = `npm run package failed (${packaged.status ?? packaged.signal}): ${(packaged.stderr || packaged.stdout).slice(-300)}`;
    }
    spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repo, encoding: 'utf8', timeout: 300_000 });
  }
  if (!fs.existsSync(file)) return { builtNow, note: note ?? 'no isc-plan.vsix' };
  const stat = fs.statSync(file);
  return { bytes: stat.size, builtNow, modified: stat.mtime.toISOString(), ...(note ? { note } : {}) };
}
