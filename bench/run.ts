/**
 * `npm run bench`: measures the budgets of docs/architecture.md#performance in one run, side by side with
 * yaml-language-server and the `yaml` package, and writes bench/RESULTS.md.
 *
 *   node out/bench/run.js [--quick] [--skip=yaml-ls,editor,cli,calibrate,prediction,lsp,bounded,development,floor] [--only=...] [--profile] [--report]
 *
 * --quick     fewer repetitions (for trying the benchmark, not for results)
 * --skip=...  leave parts out (their rows say "not measured")
 * --only=...  run only these parts (e.g. --only=bounded; the `yaml` floor of the editor scenario is part `floor-parse`)
 * --report    only write bench/RESULTS.md again from the last run's bench/.work/results.json
 * --profile   run our server with --cpu-prof and summarise where its time goes; writes
 *             bench/.work/RESULTS-profiled.md instead of bench/RESULTS.md (profiling slows the server)
 *
 * Everything runs sequentially; generated files go to bench/.work/ (git-ignored).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { measureActivation } from './activation';
import { calibrateBench, calibrateLine } from './calibrateBench';
import { timeNodeRuns, vsixSize, writeSmallPlans } from './cliBench';
import { diffBench } from './diffBench';
import { benchBounded } from './editBench';
import { fuzzSection, withFuzzSection } from './fuzzSection';
import { writeGenerated } from './generate';
import type { FloorSamples } from './inProcess';
import { parseFloor, predictionBench, timeParse } from './inProcess';
import type { ServerSpec } from './lspBench';
import { benchServer } from './lspBench';
import { networkIsolation } from './lspSession';
import { METHOD } from './notes';
import { summariseProfiles } from './profile';
import { consoleTable, machine, machineSection, markdownTable } from './report';
import type { BenchResults } from './results';
import { SIZES } from './results';
import { buildRows, details } from './rows';
import { writeBundledPlanSchema } from './schemaBundle';
import { messageOf } from './stats';

const repo = path.resolve(__dirname, '../..');
const work = path.join(repo, 'bench', '.work');
/** The copy of dist/ this run measures (see snapshotDist). */
const snapshot = path.join(work, 'dist');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const profile = args.includes('--profile');
const skipped = (args.find((a) => a.startsWith('--skip='))?.slice('--skip='.length) ?? '')
  .split(',')
  .filter(Boolean);
const only = (args.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? '')
  .split(',')
  .filter(Boolean);
const skip = (part: string): boolean => skipped.includes(part) || (only.length > 0 && !only.includes(part));

function log(message: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** Notes the load average as a part starts (the machine has other work; RESULTS.md shows it). */
function part(results: BenchResults, name: string): void {
  results.loads.push({ part: name, load: os.loadavg()[0]! });
}

function oursSpec(beforeOpen: () => void): ServerSpec {
  const profiling = profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(work, 'profiles')}`] : [];
  return {
    name: 'isc-plan',
    args: [...profiling, path.join(snapshot, 'server.js'), '--stdio'],
    languageId: 'isc-plan-yaml',
    settings: { iscPlan: { simulation: { submittedAt: '2026-11-25T09:00:00Z' } } },
    versioned: true,
    calls: quick ? 10 : 50,
    opens: quick ? 2 : 5,
    edits: quick ? 8 : 20,
    lensRounds: quick ? 2 : 5,
    beforeOpen,
  };
}

/**
 * yaml-language-server with our bundled plan schema. Its globs (picomatch, `**` prefixed) do not let
 * `**` cross a dot folder, so plain `*.plan.yaml` would match nothing under bench/.work/: the
 * association names the folder (`.work/plans/*.plan.yaml`), which matches exactly the same files here.
 */
export function ylsSpec(schemaFile: string, plansFolder: string): ServerSpec {
  const pattern = `${path.basename(path.dirname(plansFolder))}/${path.basename(plansFolder)}/*.plan.yaml`;
  const yaml = {
    schemas: { [URI.file(schemaFile).toString()]: pattern },
    validate: true,
    hover: true,
    completion: true,
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
    format: { enable: false },
  };
  return {
    name: 'yaml-language-server',
    args: [path.join(repo, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
    languageId: 'yaml',
    settings: { yaml, http: { proxy: '', proxyStrictSSL: true }, '[yaml]': {}, editor: {} },
    versioned: false,
    calls: quick ? 5 : 20,
    opens: quick ? 1 : 3,
    edits: quick ? 4 : 20,
    lensRounds: 0,
  };
}

async function editorScenarios(results: BenchResults, plans: Record<number, string>): Promise<void> {
  const schema = writeBundledPlanSchema(repo, path.join(work, 'plan.schema.bundled.json'));
  for (const size of SIZES) {
    if (skip('lsp') && skip('floor-parse')) continue;
    const file = plans[size]!;
    const text = fs.readFileSync(file, 'utf8');
    part(results, `editor scenario, ${size}`);
    const paired: FloorSamples = { ms: [], cpuMs: [] };
    const floor = { ...parseFloor(text, quick ? 3 : 9), paired };
    results.floor[size] = floor;
    log(`parseDocument ${size}: ${results.floor[size].ms.map((m) => m.toFixed(0)).join(' ')} ms`);
    if (skip('lsp')) continue;
    results.ours[size] = await benchServer(
      oursSpec(() => timeParse(text, paired)),
      file,
      text,
      size,
    );
    log(
      `isc-plan ${size}: open ${results.ours[size].openMs.map((m) => m.toFixed(0)).join(' ')} ms; errors ${results.ours[size].errors.length}`,
    );
    if (skip('yaml-ls')) continue;
    results.yls[size] = await benchServer(ylsSpec(schema, path.dirname(file)), file, text, size);
    log(
      `yaml-language-server ${size}: open ${results.yls[size].openMs.map((m) => m.toFixed(0)).join(' ')} ms; errors ${results.yls[size].errors.length}`,
    );
  }
}

async function boundedScenario(results: BenchResults, file: string): Promise<void> {
  part(results, 'bounded work, 10000');
  const spec = oursSpec(() => undefined);
  results.bounded = await benchBounded(repo, spec, file, fs.readFileSync(file, 'utf8'), 10_000, {
    opens: quick ? 2 : 4,
    edits: quick ? 6 : 20,
    dryRunRuns: quick ? 20 : 100,
  });
  const b = results.bounded;
  log(
    `bounded: cold open ${b.coldOpenMs?.toFixed(0)} ms (cold parse ${b.coldFloorMs?.toFixed(0)} ms); ranged ${b.rangedEditMs.map((m) => m.toFixed(0)).join(' ')}; full text ${b.fullTextEditMs.map((m) => m.toFixed(0)).join(' ')}; dry run ${JSON.stringify(b.dryRun)}; errors ${b.errors.join('; ')}`,
  );
}

async function cliScenarios(results: BenchResults, plans: Record<number, string>): Promise<void> {
  part(results, 'command line');
  const cli = path.join(snapshot, 'cli.js');
  const small = path.join(work, 'validate-1000');
  writeSmallPlans(small, 1000, 5);
  results.validate = await timeNodeRuns([cli, 'validate', small], work, 3, 120_000);
  log(
    `validate 1,000 small plans: ${results.validate.map((r) => `${r.ms.toFixed(0)} ms (exit ${r.status})`).join(', ')}`,
  );
  const simulate = [
    cli,
    'simulate',
    plans[1_000]!,
    '--runs',
    '1000',
    '--seed',
    '1',
    '--at',
    '2026-11-25T09:00:00Z',
    '--format',
    'json',
  ];
  results.cliSimulate = await timeNodeRuns(simulate, work, 3, 120_000);
  log(
    `isc-plan simulate 1,000 × 1,000: ${results.cliSimulate.map((r) => `${r.ms.toFixed(0)} ms (exit ${r.status})`).join(', ')}`,
  );
  if (skip('diff')) return;
  results.diff = await diffBench(cli, work, 3);
  log(
    `isc-plan diff 1,000 plans × 10: ${results.diff.map((r) => `${r.ms.toFixed(0)} ms (exit ${r.status})`).join(', ')}`,
  );
}

/** `isc-plan calibrate` over 100,000 synthetic activities (bench/calibrateBench.ts). */
function calibrateScenario(results: BenchResults): void {
  part(results, 'calibrate');
  try {
    results.calibrate = calibrateBench(work, quick ? 1 : 3);
    log(calibrateLine(results.calibrate));
  } catch (error) {
    results.calibrate = { error: messageOf(error) };
  }
}

async function editorActivation(results: BenchResults): Promise<void> {
  part(results, 'activation');
  const runs = quick ? 1 : 3;
  // --skip=development or --skip=floor leaves out an activation variant.
  for (const variant of (['vsix', 'development', 'floor'] as const).filter((v) => !skip(v))) {
    const result = await measureActivation(repo, path.join(work, 'activation'), runs, variant);
    results.activation.push(result);
    log(
      `activation (${variant}): ${result.measured ? result.runs.map((r) => `${r.loadCodeMs ?? '?'}+${r.callActivateMs ?? '?'} ms`).join(', ') : `not measured: ${result.reason}`}`,
    );
  }
}

/**
 * Copies dist/server.js and dist/cli.js (and their maps) to bench/.work/dist/ and measures those, so a
 * rebuild of dist/ during the run (others' tests package the extension) cannot mix two builds.
 * Returns what was copied: build time and kind (development build with source map, or production).
 */
function snapshotDist(): Record<string, string> {
  fs.rmSync(snapshot, { recursive: true, force: true });
  fs.mkdirSync(snapshot, { recursive: true });
  const builds: Record<string, string> = {};
  for (const name of ['server.js', 'cli.js', 'extension.js']) {
    const source = path.join(repo, 'dist', name);
    if (!fs.existsSync(source)) throw new Error(`dist/${name} is missing: run \`node esbuild.mjs\` first`);
    const hasMap = fs.existsSync(`${source}.map`);
    builds[name] =
      `${fs.statSync(source).mtime.toISOString()} (${hasMap ? 'development build' : 'production build, no source map'})`;
    if (name === 'extension.js') continue;
    fs.copyFileSync(source, path.join(snapshot, name));
    if (hasMap) fs.copyFileSync(`${source}.map`, path.join(snapshot, `${name}.map`));
  }
  return builds;
}

function generatePlans(): Record<number, string> {
  const plans: Record<number, string> = {};
  for (const size of SIZES) plans[size] = writeGenerated(path.join(work, 'plans'), size);
  return plans;
}

async function main(): Promise<void> {
  if (args.includes('--report')) {
    write(JSON.parse(fs.readFileSync(path.join(work, 'results.json'), 'utf8')) as BenchResults);
    return;
  }
  const results: BenchResults = {
    machine: machine(`npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`),
    quick,
    isolated: networkIsolation(),
    planBytes: {},
    floor: {},
    ours: {},
    yls: {},
    activation: [],
    skipped: only.length > 0 ? [...skipped, `all but ${only.join(', ')}`] : skipped,
    loads: [],
    builds: snapshotDist(),
  };
  fs.rmSync(path.join(work, 'profiles'), { recursive: true, force: true });
  const plans = generatePlans();
  for (const size of SIZES) results.planBytes[size] = fs.statSync(plans[size]!).size;
  log(
    `plans: ${SIZES.map((s) => `${s} (${(results.planBytes[s]! / 1e6).toFixed(2)} MB)`).join(', ')}; load ${os.loadavg()[0]!.toFixed(2)}`,
  );
  await editorScenarios(results, plans);
  if (!skip('bounded')) await boundedScenario(results, plans[10_000]!);
  if (!skip('prediction')) {
    part(results, 'prediction');
    try {
      results.prediction = predictionBench(plans[1_000]!, 1000, quick ? 3 : 5);
    } catch (error) {
      results.prediction = { error: messageOf(error) };
    }
  }
  if (!skip('cli')) await cliScenarios(results, plans);
  if (!skip('calibrate')) calibrateScenario(results);
  if (!skip('vsix')) results.vsix = vsixSize(repo);
  if (!skip('editor')) await editorActivation(results);
  if (profile) results.profile = summariseProfiles(path.join(work, 'profiles'));
  results.machine.loadEnd = os.loadavg();
  fs.writeFileSync(
    path.join(
      work,
      profile ? 'results-profiled.json' : only.length > 0 ? 'results-only.json' : 'results.json',
    ),
    JSON.stringify(results),
  );
  write(results);
}

function write(results: BenchResults): void {
  const rows = buildRows(results);
  console.log(`\n${consoleTable(rows)}\n`);
  const doc = [
    '# Benchmark results',
    '',
    'Generated by `npm run bench` (bench/run.ts); medians unless a row says p95. See the details below the table for every sample, the checks that the comparison is fair, and how each row is measured.',
    '',
    machineSection(results.machine),
    '',
    markdownTable(rows),
    '',
    details(results),
    METHOD,
  ].join('\n');
  // A profiled run is slower than a plain one: its results do not replace RESULTS.md.
  // Nor do the results of some parts only (--only).
  const file = profile
    ? path.join(work, 'RESULTS-profiled.md')
    : only.length > 0
      ? path.join(work, 'RESULTS-only.md')
      : path.join(repo, 'bench', 'RESULTS.md');
  // The fuzzer's last long pass (npm run fuzz) stays as it was.
  const fuzz = fs.existsSync(file) ? fuzzSection(fs.readFileSync(file, 'utf8')) : '';
  fs.writeFileSync(file, fuzz ? withFuzzSection(doc, fuzz) : doc);
  log(`wrote ${path.relative(repo, file)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench failed: ${messageOf(error)}`);
    process.exit(1);
  },
);
