/**
 * Extension activation in a real VS Code (code-server + headless Chromium, as the integration
 * suite runs): starts code-server with the log level at trace, runs the tiny probe suite
 * (`activation/probe.ts`), and reads the activation from the extension host's own log
 * (`<user-data>/logs/<session>/exthost<N>/remoteexthost.log`) and from what VS Code measured.
 */
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';
import { runSuiteInBrowser } from '../test/harness/browser';
import { findCodeServer, installExtension, startCodeServer } from '../test/harness/codeServer';
import { BENCH_CATALOG, generatedRequest } from './generate';
import { messageOf, withTimeout } from './stats';

/** One activation, as the logs and VS Code saw it (ms; undefined when not found). */
export interface Activation {
  /** `first`: the first start in a fresh profile (no code cache yet); `later`: the next start in that profile. */
  start?: 'first' | 'later';
  /** What the extension's output says of its client code cache: `used`, `built`, `rejected` or `absent`. */
  codeCache?: string;
  /**
   * What the extension's output says of the time activating held the extension host's thread: activate()
   * and, on a first start, loading the client once a worker thread has built its code cache.
   */
  blockedMs?: number;
  /** Of that, loading the client bundle (compiling it, through the code cache if there is one, and its module set-up). */
  bundleLoadMs?: number;
  /** From the log: `_doActivateExtension` (code loading starts) → `_callActivateOptional` (activate() is called). */
  logLoadMs?: number;
  /** The extension host's performance marks: will/didLoadExtensionCode, will/didActivateExtension. */
  markLoadMs?: number;
  markActivateMs?: number;
  /** Node module loads of the extension's own files (ms each), including any after activate() returned. */
  loads?: { file: string; start: number; ms: number }[];
  /** The longest extension-host event-loop block from opening the plan until the extension is active (probe). */
  eventLoopMaxMs?: number;
  /** VS Code's ActivationTimes (Startup Performance view): Load Code, Call Activate, Finish Activate. */
  loadCodeMs?: number;
  callActivateMs?: number;
  finishActivateMs?: number;
  event?: string;
  logFile?: string;
  logLines: string[];
  error?: string;
}

export interface ActivationResult {
  measured: boolean;
  reason?: string;
  variant: string;
  runs: Activation[];
}

/** What a run measures: the extension, and the workspace file whose language activates it. */
interface Target {
  id: string;
  open: string;
}

const ISC_PLAN: Target = { id: 'isc-plan.isc-plan', open: 'probe.plan.yaml' };
/** The minimal vscode-languageclient extension (activation/floorClient.ts). */
const FLOOR: Target = { id: 'isc-plan-bench.bench-floor', open: 'probe.floor.yaml' };

const TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}\.\d{3})/;

function timeOf(line: string): number | undefined {
  const m = TIME.exec(line);
  return m ? Date.parse(`${m[1]}T${m[2]}Z`) : undefined;
}

/** Every file below `dir` whose name matches `pattern`. */
function findFiles(dir: string, pattern: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((rel) => pattern.test(path.basename(rel)))
    .map((rel) => path.join(dir, rel));
}

/** Reads the activation of `extensionId` from the extension host logs and the extension's output log below `workDir`. */
export function activationFromLogs(
  workDir: string,
  extensionId: string,
): Pick<
  Activation,
  'logLoadMs' | 'logFile' | 'logLines' | 'event' | 'codeCache' | 'blockedMs' | 'bundleLoadMs'
> {
  const logs = findFiles(path.join(workDir, 'ud', 'logs'), /exthost\d*\.log$/);
  for (const file of logs) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const start = lines.find((l) => l.includes(`ExtensionService#_doActivateExtension ${extensionId},`));
    if (!start) continue;
    const call = lines.find((l) => l.includes(`ExtensionService#_callActivateOptional ${extensionId}`));
    const ours = lines.filter((l) => /ExtensionService#\w+ .*isc-plan/.test(l) && l.length < 400);
    const t0 = timeOf(start);
    const t1 = call ? timeOf(call) : undefined;
    const started = startedLineOf(path.join(path.dirname(file), extensionId));
    return {
      ...started,
      logFile: path.relative(workDir, file),
      logLines: ours.slice(0, 6),
      event: /activationEvent: '([^']*)'/.exec(start)?.[1],
      ...(t0 !== undefined && t1 !== undefined ? { logLoadMs: t1 - t0 } : {}),
    };
  }
  return {
    logLines: [`no "_doActivateExtension ${extensionId}" line in ${logs.length} extension host log(s)`],
  };
}

/**
 * The extension's own output log (next to the extension host's log) says how its client bundle was
 * compiled and how long activating held the extension host's thread.
 */
function startedLineOf(outputDir: string): Pick<Activation, 'codeCache' | 'blockedMs' | 'bundleLoadMs'> {
  for (const file of findFiles(outputDir, /\.log$/)) {
    const text = fs.readFileSync(file, 'utf8');
    const cache = /client code cache: (\w+)/.exec(text)?.[1];
    const loaded = /client code cache: \w+, loaded in ([\d.]+) ms/.exec(text)?.[1];
    const blocked = /held the extension host's thread for ([\d.]+) ms/.exec(text)?.[1];
    if (cache) {
      return {
        codeCache: cache,
        ...(loaded ? { bundleLoadMs: Number(loaded) } : {}),
        ...(blocked ? { blockedMs: Number(blocked) } : {}),
      };
    }
  }
  return {};
}

/** Parses the probe's record: VS Code's own activation stats row `| id | false | 12 | 3 | 80 | onLanguage:... | id |`. */
function activationFromProbe(
  file: string,
): Pick<
  Activation,
  | 'loadCodeMs'
  | 'callActivateMs'
  | 'finishActivateMs'
  | 'markLoadMs'
  | 'markActivateMs'
  | 'eventLoopMaxMs'
  | 'error'
> {
  if (!fs.existsSync(file)) return { error: 'the probe wrote no record' };
  type Mark = { name: string; startTime: number };
  const record = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    startupPerformanceRows?: string[];
    activated?: boolean;
    activeBefore?: boolean;
    marks?: Mark[];
    eventLoopMaxMs?: number;
    loads?: { file: string; start: number; ms: number }[];
  };
  const mark = (name: string): number | undefined =>
    record.marks?.find((m) => m.name.startsWith(`code/extHost/${name}/`))?.startTime;
  const between = (from: string, to: string): number | undefined => {
    const [a, b] = [mark(from), mark(to)];
    return a !== undefined && b !== undefined ? b - a : undefined;
  };
  const row = record.startupPerformanceRows?.find((r) => r.trim().startsWith('|'));
  const cells = row?.split('|').map((c) => c.trim()) ?? [];
  const num = (i: number): number | undefined =>
    Number.isFinite(Number(cells[i])) && cells[i] !== '' ? Number(cells[i]) : undefined;
  const error = !record.activated
    ? 'the extension did not activate'
    : record.activeBefore
      ? 'the extension was active before the plan was opened'
      : undefined;
  const marks = {
    markLoadMs: between('willLoadExtensionCode', 'didLoadExtensionCode'),
    markActivateMs: between('willActivateExtension', 'didActivateExtension'),
  };
  return {
    loadCodeMs: num(3),
    callActivateMs: num(4),
    finishActivateMs: num(5),
    ...marks,
    ...(record.eventLoopMaxMs !== undefined ? { eventLoopMaxMs: record.eventLoopMaxMs } : {}),
    ...(record.loads ? { loads: record.loads } : {}),
    ...(error ? { error } : {}),
  };
}

/** Writes the probe's workspace: a small plan and its catalog. */
function writeProbeWorkspace(folder: string): void {
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'acme.sources.yaml'), BENCH_CATALOG);
  const requests = Array.from({ length: 5 }, (_, i) => generatedRequest(i)).join('');
  fs.writeFileSync(
    path.join(folder, 'probe.plan.yaml'),
    `kind: ProvisioningPlan\nname: Probe\nidentity: { name: jane.doe }\naccountRequests:\n${requests}`,
  );
  fs.copyFileSync(path.join(folder, 'probe.plan.yaml'), path.join(folder, FLOOR.open));
}

/**
 * One code-server run of the probe; `devPath` is the development extension (the repo, or a stub when the
 * .vsix is installed). The logs of a run are removed once read, so a later start in the profile reads its own.
 */
async function activateOnce(
  repo: string,
  workDir: string,
  devPath: string,
  vsix: string | undefined,
  target: Target,
): Promise<Activation> {
  const workspace = path.join(workDir, 'workspace');
  writeProbeWorkspace(workspace);
  if (vsix) installExtension(vsix, workDir);
  fs.rmSync(path.join(workDir, 'ud', 'logs'), { recursive: true, force: true });
  const probeOut = path.join(workDir, 'probe.json');
  const server = await startCodeServer({
    workDir,
    workspacePath: workspace,
    env: {
      ISC_PLAN_BENCH_PROBE_OUT: probeOut,
      ISC_PLAN_BENCH_EXTENSION: target.id,
      ISC_PLAN_BENCH_OPEN: target.open,
    },
    args: ['--log', 'trace'],
  });
  const console: string[] = [];
  try {
    const code = await runSuiteInBrowser({
      origin: server.origin,
      workspacePath: workspace,
      extensionDevelopmentPath: devPath,
      extensionTestsPath: path.join(repo, 'out', 'bench', 'activation', 'probe'),
      workDir,
      timeoutMs: 180_000,
      log: (line) => console.push(line),
    });
    if (code !== 0) throw new Error(`the probe suite exited with ${code}: ${console.slice(-5).join(' | ')}`);
  } finally {
    await server.stop();
  }
  return { ...activationFromLogs(workDir, target.id), ...activationFromProbe(probeOut) };
}

/** A development extension that contributes nothing: the test runner needs one; isc-plan then comes from the .vsix. */
function writeStubExtension(folder: string): string {
  fs.mkdirSync(folder, { recursive: true });
  const manifest = {
    name: 'bench-probe',
    publisher: 'isc-plan-bench',
    version: '0.0.0',
    engines: { vscode: '^1.91.0' },
  };
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
  return folder;
}

/**
 * The floor extension: activation/floorClient.ts bundled and minified as our client is, with a copy of
 * our server, activated by its own language on `*.floor.yaml`.
 */
function writeFloorExtension(repo: string, folder: string): string {
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
  esbuild.buildSync({
    entryPoints: [path.join(repo, 'bench', 'activation', 'floorClient.ts')],
    outfile: path.join(folder, 'extension.js'),
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  fs.copyFileSync(path.join(repo, 'dist', 'server.js'), path.join(folder, 'server.js'));
  const manifest = {
    name: 'bench-floor',
    publisher: 'isc-plan-bench',
    version: '0.0.0',
    engines: { vscode: '^1.91.0' },
    main: './extension.js',
    activationEvents: ['onLanguage:bench-floor'],
    contributes: { languages: [{ id: 'bench-floor', extensions: ['.floor.yaml'] }] },
  };
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
  return folder;
}

/** The development extension of a variant: the repository, the floor, or a stub beside the installed .vsix. */
function developmentPath(repo: string, workRoot: string, variant: Variant): string {
  if (variant === 'development') return repo;
  if (variant === 'floor') return writeFloorExtension(repo, path.join(workRoot, 'floor-extension'));
  return writeStubExtension(path.join(workRoot, 'stub-extension'));
}

/** `vsix`: isc-plan.vsix installed; `development`: the repository's dist/; `floor`: the minimal language client. */
export type Variant = 'development' | 'vsix' | 'floor';

/**
 * Runs the probe `runs` times in fresh profiles, and starts each profile twice: the first activation
 * compiles the client bundle and writes its code cache, the later one uses it. `variant` `development` loads the extension from the
 * repository (as the integration suite does: dist/ of `node esbuild.mjs`); `vsix` installs isc-plan.vsix.
 */
export async function measureActivation(
  repo: string,
  workRoot: string,
  runs: number,
  variant: Variant,
): Promise<ActivationResult> {
  if (!findCodeServer(repo)) {
    return {
      measured: false,
      reason: 'code-server is not installed (node scripts/install-test-editor.mjs)',
      variant,
      runs: [],
    };
  }
  const vsix = path.join(repo, 'isc-plan.vsix');
  if (variant === 'vsix' && !fs.existsSync(vsix)) {
    return { measured: false, reason: 'no isc-plan.vsix', variant, runs: [] };
  }
  const result: ActivationResult = { measured: true, variant, runs: [] };
  const devPath = developmentPath(repo, workRoot, variant);
  const target = variant === 'floor' ? FLOOR : ISC_PLAN;
  for (let n = 0; n < runs; n++) {
    const workDir = path.join(workRoot, `${variant}-${n + 1}`);
    fs.rmSync(workDir, { recursive: true, force: true });
    for (const start of ['first', 'later'] as const) {
      const install = variant === 'vsix' && start === 'first' ? vsix : undefined;
      try {
        const run = await withTimeout(
          activateOnce(repo, workDir, devPath, install, target),
          300_000,
          'activation run',
        );
        result.runs.push({ start, ...run });
      } catch (error) {
        result.runs.push({ start, logLines: [], error: messageOf(error).split('\n').slice(0, 3).join(' ') });
      }
    }
  }
  if (
    result.runs.every((r) => r.error !== undefined && r.loadCodeMs === undefined && r.logLoadMs === undefined)
  ) {
    return { ...result, measured: false, reason: result.runs[0]?.error ?? 'no run' };
  }
  return result;
}
