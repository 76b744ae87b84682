import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { withFuzzSection } from '../../bench/fuzzSection';
import { REPO_ROOT } from '../repoPaths';
import { FAMILIES, selectFamilies } from './families';
import type { CaseResult, PassResult } from './pass';
import { replayCommand, runPass } from './pass';

/**
 * `npm run fuzz -- [--cases N] [--seed N] [--case I] [--family NAME]... [--keep] [--record] [--verbose]`
 *
 * Runs a pass of the fuzzer (test/fuzz) over the built CLI and server (dist/) and prints the cases
 * run and the failures, each with the command that replays it. A pass of 100,000 cases or more, or
 * one with --record, writes its result into bench/RESULTS.md (the section `npm run bench` keeps).
 * --case I runs case I alone (with the seed and families of the pass that found it) and keeps its
 * files for a look; --verbose prints every case with its time. Exit status 0 when no case failed, 1 otherwise, 2 on bad usage.
 */

const USAGE =
  'usage: npm run fuzz -- [--cases N] [--seed N] [--case I] [--family NAME]... [--keep] [--record] [--verbose]';
const LONG_PASS = 100_000;

function wholeNumber(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new Error(`${flag} must be a whole number >= 0, not "${value}"`);
  }
  return n;
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`;
}

function printFailure(seed: number, families: string[], failure: CaseResult): void {
  console.log(`FAIL case ${failure.index} [${failure.family}] ${failure.describe}`);
  console.log(`     ${failure.failure}`);
  console.log(`     replay: ${replayCommand(seed, failure.index, families)}`);
  for (const folder of failure.kept) console.log(`     files: ${folder}`);
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** The RESULTS.md section of a pass. */
function resultsSection(result: PassResult, command: string): string {
  const rate = result.cases / (result.ms / 1000);
  const rows = FAMILIES.filter((family) => result.perFamily[family.name] !== undefined).map((family) => {
    const failed = result.failures.filter((f) => f.family === family.name).length;
    return `| ${family.name} | ${(result.perFamily[family.name] ?? 0).toLocaleString('en-US')} | ${failed} |`;
  });
  const failures = result.failures
    .slice(0, 20)
    .map((f) => `- case ${f.index} [${f.family}] ${f.describe}: ${f.failure}`);
  return [
    '## Fuzzer: last long pass',
    '',
    `\`${command}\` (test/fuzz, see CONTRIBUTING.md) on ${new Date().toISOString().slice(0, 10)}, commit ${commit()}: ` +
      `**${result.cases.toLocaleString('en-US')} cases run, failures: ${result.failures.length}**, in ${duration(result.ms)} (${rate.toFixed(1)} cases/s).`,
    '',
    '| family | cases | failures |',
    '| --- | --- | --- |',
    ...rows,
    ...(failures.length ? ['', 'First failures:', '', ...failures] : []),
  ].join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string' },
      seed: { type: 'string' },
      case: { type: 'string' },
      family: { type: 'string', multiple: true },
      keep: { type: 'boolean' },
      record: { type: 'boolean' },
      verbose: { type: 'boolean' },
    },
  });
  const families = values.family ?? [];
  selectFamilies(families);
  const seed = wholeNumber(values.seed, '--seed', 1);
  const only = values.case === undefined ? undefined : wholeNumber(values.case, '--case', 0);
  const cases = only === undefined ? wholeNumber(values.cases, '--cases', 1_000) : 1;
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'cli.js'))) {
    throw new Error('dist/ is missing: run npm run build');
  }
  const command = `npm run fuzz -- --cases ${cases} --seed ${seed}${families.map((f) => ` --family ${f}`).join('')}`;
  console.log(only === undefined ? `${command}` : `replaying case ${only} of seed ${seed}`);
  let done = 0;
  let failed = 0;
  const result = await runPass({
    seed,
    cases,
    ...(only !== undefined ? { first: only } : {}),
    families,
    keep: values.keep === true || only !== undefined,
    onCase(one) {
      done++;
      if (one.failure) {
        failed++;
        printFailure(seed, families, one);
      } else if (only !== undefined || values.verbose) {
        console.log(`ok   case ${one.index} [${one.family}] ${one.describe} (${one.ms} ms)`);
        for (const folder of one.kept) console.log(`     files: ${folder}`);
      }
      if (done % 500 === 0) console.log(`… ${done} cases, ${failed} failed`);
    },
  });
  const rate = result.cases / (result.ms / 1000);
  console.log(
    `${result.cases} cases run, failures: ${result.failures.length} (${duration(result.ms)}, ${rate.toFixed(1)} cases/s)`,
  );
  if (only === undefined && (values.record === true || cases >= LONG_PASS)) {
    const file = path.join(REPO_ROOT, 'bench', 'RESULTS.md');
    const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmark results\n';
    fs.writeFileSync(file, withFuzzSection(previous, resultsSection(result, command)));
    console.log('wrote the result into bench/RESULTS.md');
  }
  return result.failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`fuzz: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  },
);
