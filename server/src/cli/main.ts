import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import type { RuleConfig } from '../service/findings/ruleConfig';
import { parseRuleConfig, parseRuleOption } from '../service/findings/ruleConfig';
import type { CliContext, CliIo } from './context';
import { UsageError } from './context';
import { runDiff } from './diff';
import { runCalibrate } from './calibrate';
import { runImport } from './import';
import { createNodeHost } from '../platform/nodeFiles';
import { runPredict } from './predict';
import { runPull } from './pull';
import { runValidate } from './validate';

declare const ISC_PLAN_VERSION: string | undefined;

const USAGE = `Usage:
  isc-plan validate [PATH|GLOB]... [--catalog FILE]... [--rule CODE=SEVERITY]... [--format text|json|sarif]
  isc-plan predict  PLAN [--catalog FILE]... [--runs N] [--seed N] [--at ISO-TIME] [--format text|json|markdown]
  isc-plan simulate PLAN [--catalog FILE]... [--runs N] [--seed N] [--at ISO-TIME] [--moment HOURS]
                         [--scenario SPEC]... [--fail-on failed|stalled|drift]... [--format text|json|markdown|trigger]
  isc-plan import   FILE... [--out PATH] [--catalog FILE]...
  isc-plan pull     [--out DIR] [--activities SINCE] [--sources NAME...] [--timeout SECONDS]
  isc-plan diff     --base CATALOGS [--head CATALOGS] [PLAN|FOLDER|GLOB]... [--catalog FILE]... [--runs N] [--seed N]
                    [--at ISO-TIME] [--threshold PERCENT] [--fail-on GATE]... [--format text|json|sarif|markdown]
  isc-plan calibrate ACTIVITIES... [--catalog FILE]... [--out FILE] [--holdout 20%] [--as-of ISO-TIME]
                    [--format text|json|markdown]
  isc-plan help | --help | -h            this text (also COMMAND --help)
  isc-plan version | --version | -v      the version

Scenarios: outage:SOURCE:HOURS, away:OWNER:DAYS, backlog:SDIM:FACTOR, failure:SOURCE:RATE.
Diff: CATALOGS is a folder or file (its files stand in for the catalogs of the same name) or a git revision
(origin/main: the catalogs as they are there, the working tree untouched); HEAD defaults to the working tree.
Gates: channel-change, slower:PERCENT, sla:MILESTONE[.p50|.p90]<=DURATION (e.g. sla:verified<=24h).
Import: ISC account-activity search documents, Provisioning Completed trigger payloads and IdentityIQ
ProvisioningPlan XML become NAME.plan.yaml beside each FILE (or in --out); an existing file is never overwritten.
Calibrate: ISC account activities (AccountActivity records or account-activity search documents, JSON arrays
or one per line) become a catalog overlay of learned timing (default calibrated.sources.yaml) and a back-test.
Pull: reads the tenant SAIL_BASE_URL with the API client SAIL_CLIENT_ID / SAIL_CLIENT_SECRET (read-only) into DIR
(default isc-tenant/); --activities 90d or an ISO date also reads the account activities since then.
Exit status: 0 no errors; 1 errors found (validate, or in a plan import wrote) or an outcome named by --fail-on occurs (simulate)
or a --fail-on gate trips (diff);
2 bad usage or unreadable input.`;

const OPTIONS = {
  catalog: { type: 'string', multiple: true },
  rule: { type: 'string', multiple: true },
  format: { type: 'string' },
  runs: { type: 'string' },
  seed: { type: 'string' },
  at: { type: 'string' },
  moment: { type: 'string' },
  scenario: { type: 'string', multiple: true },
  'fail-on': { type: 'string', multiple: true },
  out: { type: 'string' },
  activities: { type: 'string' },
  sources: { type: 'string', multiple: true },
  timeout: { type: 'string' },
  base: { type: 'string' },
  head: { type: 'string' },
  threshold: { type: 'string' },
  holdout: { type: 'string' },
  'as-of': { type: 'string' },
} as const;

type OptionName = keyof typeof OPTIONS;

/** The options each command takes; any other is a usage error that names the command that takes it. */
const COMMAND_OPTIONS: Record<string, readonly OptionName[]> = {
  validate: ['catalog', 'rule', 'format'],
  predict: ['catalog', 'rule', 'format', 'runs', 'seed', 'at'],
  simulate: ['catalog', 'rule', 'format', 'runs', 'seed', 'at', 'moment', 'scenario', 'fail-on'],
  import: ['out', 'catalog'],
  pull: ['out', 'activities', 'sources', 'timeout'],
  diff: ['base', 'head', 'catalog', 'rule', 'format', 'runs', 'seed', 'at', 'threshold', 'fail-on'],
  calibrate: ['catalog', 'out', 'holdout', 'as-of', 'format'],
};

/** Refuses an option the command does not take: `predict does not take --moment (simulate does)`. */
function checkOptions(command: string, values: Values): void {
  const allowed = COMMAND_OPTIONS[command];
  if (!allowed) throw new UsageError(`unknown command "${command}"; run isc-plan --help`);
  const other = (Object.keys(values) as OptionName[]).find((name) => !allowed.includes(name));
  if (other === undefined) return;
  const owners = Object.keys(COMMAND_OPTIONS).filter((c) => COMMAND_OPTIONS[c]!.includes(other));
  const owner = owners.length === 1 ? ` (${owners[0]} does)` : '';
  throw new UsageError(`${command} does not take --${other}${owner}; run isc-plan ${command} --help`);
}

const HELP = new Set(['--help', '-h', 'help']);

/** `isc-plan COMMAND --help`: an option before any `--` asks for the usage. */
function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

type Values = ReturnType<
  typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>
>['values'];

/** An exit status, or the promise of one for commands that wait on the network or a stream. */
export type ExitStatus = number | Promise<number>;

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit status. Commands that
 * only read local files answer synchronously; the others return a promise that never rejects.
 */
export function main(argv: string[], io: CliIo): ExitStatus {
  const version = typeof ISC_PLAN_VERSION === 'string' ? ISC_PLAN_VERSION : '0.0.0-dev';
  try {
    const [command, ...rest] = argv;
    if (command === undefined || HELP.has(command) || wantsHelp(rest)) {
      io.stdout(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v' || command === 'version') {
      io.stdout(`${version}\n`);
      return 0;
    }
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: OPTIONS });
    const ctx: CliContext = {
      ...io,
      isTTY: io.isTTY ?? false,
      env: io.env ?? {},
      version,
      host: createNodeHost(true),
      serviceOptions: serviceOptions(io, values.catalog ?? [], values.rule ?? []),
    };
    const status = runCommand(command, positionals, values, ctx);
    return typeof status === 'number' ? status : status.catch((error: unknown) => failed(error, io));
  } catch (error) {
    return failed(error, io);
  }
}

/** One line on stderr for an error nothing else reported, exit status 2. */
function failed(error: unknown, io: CliIo): number {
  const message =
    error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
      ? (error as Error).message
      : `unexpected failure: ${String((error as Error).stack ?? error)}`;
  io.stderr(`isc-plan: ${message.split('\n')[0]}\n`);
  return 2;
}

/** Runs one subcommand with its parsed options. */
function runCommand(command: string, positionals: string[], values: Values, ctx: CliContext): ExitStatus {
  checkOptions(command, values);
  switch (command) {
    case 'validate':
      return runValidate(ctx, positionals, values.format ?? 'text');
    case 'predict':
    case 'simulate': {
      if (positionals.length > 1) {
        throw new UsageError(`${command} takes one plan file, not ${positionals.length}`);
      }
      const args = {
        plan: positionals[0],
        runs: values.runs,
        seed: values.seed,
        at: values.at,
        format: values.format ?? 'text',
        moment: values.moment,
        scenarios: values.scenario ?? [],
        failOn: values['fail-on'] ?? [],
      };
      return runPredict(ctx, args, command === 'simulate');
    }
    case 'diff':
      return runDiff(ctx, {
        base: values.base,
        head: values.head,
        plans: positionals,
        runs: values.runs,
        seed: values.seed,
        at: values.at,
        threshold: values.threshold,
        format: values.format ?? 'text',
        failOn: values['fail-on'] ?? [],
      });
    case 'import':
      return runImport(ctx, positionals, values.out);
    case 'pull': {
      // `--sources A B C`: the names after --sources are positionals.
      if (positionals.length > 0 && !values.sources) {
        throw new UsageError(`pull takes no file; did you mean --sources ${positionals.join(' ')}?`);
      }
      const sources = [...(values.sources ?? []), ...positionals];
      return runPull(
        { ...ctx, env: ctx.env, progressInPlace: ctx.isTTY },
        { out: values.out, activities: values.activities, timeout: values.timeout, sources },
      );
    }
    case 'calibrate':
      return runCalibrate(ctx, {
        inputs: positionals,
        out: values.out,
        holdout: values.holdout,
        asOf: values['as-of'],
        format: values.format ?? 'text',
      });
    default:
      throw new UsageError(`unknown command "${command}"; run isc-plan --help`);
  }
}

function serviceOptions(
  io: { cwd: string; stderr(text: string): void },
  catalogs: string[],
  rules: string[],
): CliContext['serviceOptions'] {
  const fallbackCatalogs = catalogs.map((c) => path.resolve(io.cwd, c));
  for (const catalog of fallbackCatalogs) {
    if (!fs.existsSync(catalog)) {
      throw new UsageError(`--catalog ${path.relative(io.cwd, catalog)}: no such file`);
    }
  }
  return { root: io.cwd, fallbackCatalogs, rules: { ...readConfig(io), ...ruleOptions(rules) } };
}

function ruleOptions(options: readonly string[]): RuleConfig {
  const rules: RuleConfig = {};
  for (const option of options) {
    const parsed = parseRuleOption(option);
    if (typeof parsed === 'string') throw new UsageError(`--rule ${option}: ${parsed}`);
    rules[parsed.code] = parsed.setting;
  }
  return rules;
}

/** `.isc-plan.yaml` in the current directory, shared with the editor (docs/rules.md#configuration). */
function readConfig(io: { cwd: string; stderr(text: string): void }): RuleConfig {
  const file = path.join(io.cwd, '.isc-plan.yaml');
  if (!fs.existsSync(file)) return {};
  const text = fs.readFileSync(file, 'utf8');
  const { rules, findings } = parseRuleConfig(text);
  for (const f of findings) {
    const line = text.slice(0, f.start).split('\n').length;
    io.stderr(`.isc-plan.yaml:${line}: warning ${f.message}\n`);
  }
  return rules;
}
