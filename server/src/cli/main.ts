import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import type { RuleConfig } from '../service/findings/ruleConfig';
import { parseRuleConfig, parseRuleOption } from '../service/findings/ruleConfig';
import type { CliContext, CliIo } from './context';
import { UsageError } from './context';
import { runCalibrate } from './calibrate';
import { runImport } from './import';
import { createNodeHost } from '../platform/nodeFiles';
import { runPredict } from './predict';
import { runValidate } from './validate';

declare const ISC_PLAN_VERSION: string | undefined;

const USAGE = `Usage:
  isc-plan validate [PATH|GLOB]... [--catalog FILE]... [--rule CODE=SEVERITY]... [--format text|json|sarif]
  isc-plan predict  PLAN [--catalog FILE]... [--runs N] [--seed N] [--at ISO-TIME] [--format text|json|markdown]
  isc-plan simulate PLAN [--catalog FILE]... [--runs N] [--seed N] [--at ISO-TIME] [--moment HOURS]
                         [--scenario SPEC]... [--fail-on failed|stalled|drift]... [--format text|json|markdown|trigger]
  isc-plan import   FILE... [--out PATH] [--catalog FILE]...
  isc-plan calibrate ACTIVITIES... [--catalog FILE]... [--out FILE] [--holdout 20%] [--as-of ISO-TIME]
                         [--format text|json|markdown]
  isc-plan help | --help | -h            this text (also COMMAND --help)
  isc-plan version | --version | -v      the version

Scenarios: outage:SOURCE:HOURS, away:OWNER:DAYS, backlog:SDIM:FACTOR, failure:SOURCE:RATE.
Import: ISC account-activity search documents, Provisioning Completed trigger payloads and IdentityIQ
ProvisioningPlan XML become NAME.plan.yaml beside each FILE (or in --out); an existing file is never overwritten.
Calibrate: ISC account activities (AccountActivity records or account-activity search documents, JSON arrays
or one per line) become a catalog overlay of learned timing (default calibrated.sources.yaml) and a back-test.
Exit status: 0 no errors; 1 errors found (validate, or in a plan import wrote) or an outcome named by --fail-on occurs (simulate);
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
  holdout: { type: 'string' },
  'as-of': { type: 'string' },
} as const;

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
      if (command === 'predict' && (values.moment !== undefined || values.scenario || values['fail-on'])) {
        throw new UsageError('--moment, --scenario and --fail-on belong to simulate');
      }
      return runPredict(ctx, args, command === 'simulate');
    }
    case 'import': {
      const others = Object.keys(values).filter((name) => name !== 'out' && name !== 'catalog');
      if (others.length > 0) {
        throw new UsageError(`import takes only --out and --catalog, not --${others[0]}`);
      }
      return runImport(ctx, positionals, values.out);
    }
    case 'calibrate': {
      const allowed = new Set(['out', 'catalog', 'holdout', 'as-of', 'format']);
      const other = Object.keys(values).find((name) => !allowed.has(name));
      if (other) {
        throw new UsageError(
          `calibrate takes --catalog, --out, --holdout, --as-of and --format, not --${other}`,
        );
      }
      return runCalibrate(ctx, {
        inputs: positionals,
        out: values.out,
        holdout: values.holdout,
        asOf: values['as-of'],
        format: values.format ?? 'text',
      });
    }
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
