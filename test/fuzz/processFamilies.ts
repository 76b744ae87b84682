import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { CATALOG } from '../unit/helpers';
import { VALID_PLAN } from '../unit/cli/cliHelpers';
import { REPO_ROOT } from '../repoPaths';
import type { Family, FuzzCase } from './fuzzCase';
import { BUDGET, firstFailure } from './fuzzCase';
import { cliFailure, internalFailure } from './oracle';

/**
 * Cases that need the built CLI as a real process (issue 19, defects 1 and 10): paths that name a
 * FIFO or a device, and a reader that closes the pipe early (`| head -1`).
 */

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

/**
 * The address space of the CLI process (KiB): a read that grows without end (`/dev/zero`) ends
 * the process at 1.5 GB instead of taking the machine's memory. Node itself needs well under that.
 */
const ADDRESS_SPACE_KIB = 1_500_000;

/** What a process run gave; `signal` is set when it was killed (by the budget or itself). */
export interface ProcessRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * Runs `node dist/cli.js ARGS` in `cwd` under the address-space limit, killed after `timeoutMs`.
 * With `closeAfterFirstChunk` the reader closes stdout after the first chunk, as `head -1` does.
 */
export function runCli(
  cwd: string,
  args: string[],
  timeoutMs: number,
  closeAfterFirstChunk = false,
): Promise<ProcessRun> {
  const quoted = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('/bin/sh', ['-c', `ulimit -v ${ADDRESS_SPACE_KIB}; exec ${quoted}`], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (closeAfterFirstChunk) child.stdout.destroy();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/** The oracle of a process run: within its time, not killed, exit 0–2, and nothing internal said. */
function processFailure(run: ProcessRun, timeoutMs: number): string | undefined {
  if (run.timedOut) return `no exit within ${timeoutMs} ms (hang)`;
  if (run.signal) return `killed by ${run.signal}; stderr: ${run.stderr.slice(0, 200)}`;
  return cliFailure({ code: run.code ?? -1, stdout: run.stdout, stderr: run.stderr });
}

/** Whether a `validate --format json` report has no diagnostic at all. */
function silent(stdout: string): boolean {
  try {
    const report = JSON.parse(stdout) as { files: { diagnostics: unknown[] }[] };
    return report.files.every((f) => f.diagnostics.length === 0);
  } catch {
    return false;
  }
}

const SPECIAL = [
  'fifo',
  '/dev/zero',
  '/dev/urandom',
  '/dev/null',
  'link-to-/dev/zero',
  'link-loop',
  'link-to-fifo',
];
/** How the special file is reached: the plan's `catalog:`, `--catalog`, a discovered catalog name, the plan itself. */
const REACHED = ['catalog-key', 'catalog-option', 'discovered', 'plan'] as const;

/** Makes `name` in `root` the special file `kind` names; returns the path to use for it. */
function makeSpecial(root: string, name: string, kind: string): string {
  const file = path.join(root, name);
  if (kind === 'fifo') execFileSync('mkfifo', [file]);
  else if (kind === 'link-to-fifo') {
    execFileSync('mkfifo', [path.join(root, 'real.fifo')]);
    fs.symlinkSync(path.join(root, 'real.fifo'), file);
  } else if (kind === 'link-loop') {
    fs.symlinkSync(file, file);
  } else if (kind.startsWith('link-to-')) fs.symlinkSync(kind.slice('link-to-'.length), file);
  else return kind;
  return name;
}

/** A FIFO, a device or a symbolic link to one where the CLI expects a plan or a catalog. */
const specialFiles: fc.Arbitrary<FuzzCase> = fc
  .record({
    kind: fc.constantFrom(...SPECIAL),
    reached: fc.constantFrom(...REACHED),
    command: fc.constantFrom('validate', 'predict'),
  })
  .map(({ kind, reached, command }) => ({
    describe: `${command} with ${kind} reached as ${reached}`,
    budgetMs: BUDGET.process,
    async run(ctx) {
      const folder = ctx.folder({});
      const name = reached === 'plan' ? 'special.plan.yaml' : 'special.sources.yaml';
      const target = makeSpecial(folder.root, name, kind);
      let args: string[];
      if (reached === 'plan') args = [target];
      else {
        const key = reached === 'catalog-key' ? `catalog: ${JSON.stringify(target)}\n` : '';
        folder.write(
          'p.plan.yaml',
          VALID_PLAN.replace('kind: ProvisioningPlan\n', `kind: ProvisioningPlan\n${key}`),
        );
        args = ['p.plan.yaml', ...(reached === 'catalog-option' ? ['--catalog', target] : [])];
        if (reached !== 'discovered' && reached !== 'catalog-option') {
          folder.write('acme.sources.yaml', CATALOG);
        }
      }
      const timeoutMs = BUDGET.process - 2_000;
      const run = await runCli(folder.root, [command, ...args, '--format', 'json'], timeoutMs);
      // The discovery of `*.sources.yaml` may pass over what is not a regular file without a word.
      const mustSpeak = command === 'validate' && reached !== 'discovered' && kind !== '/dev/null';
      return firstFailure(
        processFailure(run, timeoutMs),
        mustSpeak &&
          run.code === 0 &&
          silent(run.stdout) &&
          `${kind} was used as a ${reached === 'plan' ? 'plan' : 'catalog'} without a word`,
      );
    },
  }));

/** A plan with `count` requests on an unknown source: many lines of output. */
function noisyPlan(count: number): string {
  const request = (i: number) =>
    `  - { source: Nowhere ${i}, operation: Modify, nativeIdentity: CN=u${i} }\n`;
  return `kind: ProvisioningPlan\nidentity: { name: jane.doe }\naccountRequests:\n${Array.from({ length: count }, (_, i) => request(i)).join('')}`;
}

/** `isc-plan … | head -1`: the reader goes away after the first chunk. */
const earlyClose: fc.Arbitrary<FuzzCase> = fc
  .record({
    count: fc.integer({ min: 500, max: 5_000 }),
    command: fc.constantFrom('validate', 'predict', 'simulate'),
    format: fc.constantFrom('text', 'json', 'markdown', 'sarif'),
  })
  .map(({ count, command, format }) => {
    const usable =
      command === 'validate'
        ? format === 'markdown'
          ? 'text'
          : format
        : format === 'sarif'
          ? 'json'
          : format;
    const requests = command === 'validate' ? count : Math.ceil(count / 10);
    return {
      describe: `${command} --format ${usable} of ${requests} requests | head -1`,
      budgetMs: BUDGET.process,
      async run(ctx) {
        const folder = ctx.folder({ 'acme.sources.yaml': CATALOG, 'big.plan.yaml': noisyPlan(requests) });
        const timeoutMs = BUDGET.process - 2_000;
        const run = await runCli(
          folder.root,
          [command, 'big.plan.yaml', '--format', usable],
          timeoutMs,
          true,
        );
        return firstFailure(
          run.timedOut && `no exit within ${timeoutMs} ms after the reader left (hang)`,
          run.signal !== null && run.signal !== 'SIGPIPE' && `killed by ${run.signal}`,
          /EPIPE|ERR_STREAM|write after end/.test(run.stderr) &&
            `not quiet after the reader left: ${run.stderr.slice(0, 300)}`,
          internalFailure(run.stderr, 'stderr'),
        );
      },
    };
  });

export const PROCESS_FAMILIES: Family[] = [
  { name: 'special-files', weight: 1, arbitrary: specialFiles },
  { name: 'epipe', weight: 1, arbitrary: earlyClose },
];
