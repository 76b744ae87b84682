import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_DIFF_THRESHOLD } from '../../../shared/diff';
import { fileTypeOf } from '../../../shared/fileNames';
import { DEFAULT_RUNS, DEFAULT_SEED, SIMULATION_LIMITS } from '../../../shared/prediction';
import type { DiffPlanFile, DiffSide } from '../service/diff/diffPlans';
import { diffPlans } from '../service/diff/diffPlans';
import type { Gate } from '../service/diff/gates';
import { parseGate } from '../service/diff/gates';
import { PlanService } from '../service/planService';
import type { ServiceHost } from '../service/workspace/serviceHost';
import type { FileSetHost } from '../platform/catalogSets';
import { fileSetHost, gitRevisionHost } from '../platform/catalogSets';
import { readTextFile } from '../platform/nodeFiles';
import type { CliContext } from './context';
import { UsageError } from './context';
import type { PositionOf } from './diffOutput';
import { diffJson, diffMarkdown, diffSarif, diffText } from './diffOutput';
import { wholeNumber } from './predict';
import { parseSubmissionTime } from './submissionTime';
import { expandInputs } from './validate';

/** Options of `isc-plan diff` (docs/formats.md#diff). */
export interface DiffArgs {
  base: string | undefined;
  head?: string | undefined;
  plans: string[];
  runs?: string | undefined;
  seed?: string | undefined;
  at?: string | undefined;
  threshold?: string | undefined;
  format: string;
  failOn: string[];
}

const FORMATS = ['text', 'json', 'sarif', 'markdown'];
const YAML_OR_JSON = /\.(ya?ml|json)$/i;

/** One side's host and name, and, for a set of files, a check of which stood in for nothing. */
interface ResolvedSide {
  host: ServiceHost;
  label: string;
  files?: FileSetHost;
}

/**
 * The catalogs of one side: the working tree (no value), a folder or file whose files stand in
 * for the catalogs of the same name, or a git revision read without touching the working tree.
 */
function resolveSide(ctx: CliContext, flag: string, spec: string | undefined): ResolvedSide {
  if (spec === undefined) return { host: ctx.host, label: 'working tree' };
  if (spec.trim() === '') throw new UsageError(`${flag} needs a folder, a file or a git revision`);
  const absolute = path.resolve(ctx.cwd, spec);
  if (fs.existsSync(absolute)) {
    const files = fs.statSync(absolute).isDirectory()
      ? fs
          .readdirSync(absolute, { withFileTypes: true })
          .filter((entry) => entry.isFile() && YAML_OR_JSON.test(entry.name))
          .map((entry) => path.join(absolute, entry.name))
          .sort()
      : [absolute];
    if (files.length === 0) throw new UsageError(`${flag} ${spec}: the folder holds no YAML or JSON file`);
    const host = fileSetHost(files, ctx.host);
    return { host, label: spec, files: host };
  }
  const host = gitRevisionHost(ctx.cwd, spec, ctx.host);
  if (typeof host === 'string') throw new UsageError(`${flag} ${spec}: ${host}`);
  return { host, label: `${spec} (${host.commit.slice(0, 12)})` };
}

function parseThreshold(value: string | undefined): number {
  if (value === undefined) return DEFAULT_DIFF_THRESHOLD;
  const match = /^(\d+(?:\.\d+)?)%?$/.exec(value.trim());
  if (!match) throw new UsageError(`--threshold must be a percentage such as 10%, not "${value}"`);
  return Number(match[1]) / 100;
}

function parseGates(specs: readonly string[]): Gate[] {
  return specs.map((spec) => {
    const gate = parseGate(spec);
    if (typeof gate === 'string') throw new UsageError(gate);
    return gate;
  });
}

/** The plan files named (folders searched, globs expanded), read; unreadable ones are reported. */
function readPlans(
  ctx: CliContext,
  inputs: readonly string[],
): { files: DiffPlanFile[]; unreadable: boolean } {
  const found = expandInputs(ctx.cwd, inputs.length > 0 ? inputs : ['.'], (note) =>
    ctx.stderr(`isc-plan: ${note}\n`),
  ).filter((file) => fileTypeOf(file.absolute)?.role !== 'catalog');
  const files: DiffPlanFile[] = [];
  let unreadable = false;
  for (const file of found) {
    const read = readTextFile(file.absolute);
    if ('error' in read) {
      ctx.stderr(`isc-plan: cannot read ${file.shown}: ${read.error}\n`);
      unreadable = true;
    } else {
      files.push({ path: file.absolute, shown: file.shown, text: read.text });
    }
  }
  return { files, unreadable };
}

/** Positions in the plans' texts, for the outputs. */
function positions(files: readonly DiffPlanFile[]): PositionOf {
  const documents = new Map<string, TextDocument>();
  const texts = new Map(files.map((f) => [f.shown, f.text]));
  return (file, offset) => {
    let doc = documents.get(file);
    if (!doc) {
      doc = TextDocument.create('file:///x', 'yaml', 0, texts.get(file) ?? '');
      documents.set(file, doc);
    }
    return doc.positionAt(offset);
  };
}

/**
 * The one submission time of both sides. Its plans may use catalogs of different time zones, so a
 * time without a UTC offset has no single reading: it is refused.
 */
function diffSubmissionTime(at: string | undefined, now: number): number {
  if (at === undefined) return now;
  const time = parseSubmissionTime(at, null);
  if (time.readIn !== undefined) {
    throw new UsageError(
      `--at needs a UTC offset for diff (e.g. 2026-11-30T09:00:00+01:00): its plans may use catalogs of different time zones, not "${at}"`,
    );
  }
  return time.at;
}

/** `isc-plan diff`: what the catalogs of BASE and HEAD change in the fulfilment of the plans. Returns the exit status. */
export function runDiff(ctx: CliContext, args: DiffArgs, now = Date.now()): number {
  if (!FORMATS.includes(args.format)) {
    throw new UsageError(`--format must be ${FORMATS.join(', ')}; not "${args.format}"`);
  }
  if (args.base === undefined) {
    throw new UsageError('diff needs --base: a folder, a catalog file or a git revision such as origin/main');
  }
  const gates = parseGates(args.failOn);
  const options = {
    submittedAt: diffSubmissionTime(args.at, now),
    runs: wholeNumber(args.runs, '--runs', DEFAULT_RUNS, 1, SIMULATION_LIMITS.maxRuns),
    seed: wholeNumber(args.seed, '--seed', DEFAULT_SEED, 0, SIMULATION_LIMITS.maxSeed),
    threshold: parseThreshold(args.threshold),
    gates,
  };
  const baseSide = resolveSide(ctx, '--base', args.base);
  const headSide = resolveSide(ctx, '--head', args.head);
  const { files, unreadable } = readPlans(ctx, args.plans);
  const side = (resolved: ResolvedSide): DiffSide => ({
    service: new PlanService(resolved.host, ctx.serviceOptions),
    host: resolved.host,
    label: resolved.label,
  });
  const report = diffPlans(side(baseSide), side(headSide), files, options);
  for (const [flag, resolved] of [
    ['--base', baseSide],
    ['--head', headSide],
  ] as const) {
    const unused = resolved.files?.names.filter((name) => !resolved.files!.used.has(name)) ?? [];
    for (const name of unused) {
      ctx.stderr(
        `isc-plan: warning: ${flag} ${resolved.label}: ${name} stands in for no catalog of the compared plans\n`,
      );
    }
  }
  const position = positions(files);
  const output =
    args.format === 'json'
      ? diffJson(report, position)
      : args.format === 'sarif'
        ? diffSarif(report, position, ctx.version)
        : args.format === 'markdown'
          ? diffMarkdown(report, position)
          : diffText(report, position);
  ctx.stdout(output);
  for (const gate of report.gates) {
    for (const trip of gate.trips) ctx.stderr(`isc-plan: --fail-on ${gate.gate}: ${trip}\n`);
  }
  if (unreadable) return 2;
  return report.gates.some((g) => g.trips.length > 0) ? 1 : 0;
}
