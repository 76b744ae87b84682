import * as fs from 'fs';
import * as path from 'path';
import { YAML_PLAN_FILE } from '../../../shared/fileNames';
import type { ImportConversion } from '../service/import/importFile';
import { importFile } from '../service/import/importFile';
import { checkPlan, summaryLine } from '../service/import/checkImported';
import { ImportError } from '../service/import/importedPlan';
import { PlanService } from '../service/planService';
import type { CliContext } from './context';
import { UsageError } from './context';
import { readTextFile } from '../platform/nodeFiles';
import { toDiagnostics } from './output';

/** One input and the plan file it becomes. */
interface Planned {
  input: string;
  text: string;
  conversion: ImportConversion;
  target: string;
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

type Converted = Omit<Planned, 'target'>;

/** Reads and converts every input; returns the conversions, or the reasons the inputs could not be used. */
function convertAll(
  ctx: CliContext,
  inputs: readonly string[],
): { converted: Converted[]; failures: string[] } {
  const converted: Converted[] = [];
  const failures: string[] = [];
  for (const input of inputs) {
    const read = readTextFile(path.resolve(ctx.cwd, input));
    if ('error' in read) {
      failures.push(`cannot read ${input}: ${read.error}`);
    } else if (read.notUtf8 !== undefined) {
      failures.push(`${input} is not UTF-8 text (binary data or another encoding)`);
    } else {
      try {
        converted.push({ input, text: read.text, conversion: importFile(input, read.text) });
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        failures.push(`${input}: ${error.message}`);
      }
    }
  }
  return { converted, failures };
}

/** Where `--out` sends the plans: a folder (several inputs, an existing folder, a trailing slash) or one `*.plan.yaml` file. */
function placement(
  ctx: CliContext,
  out: string | undefined,
  count: number,
): { folder?: string; file?: string } {
  if (out === undefined) return {};
  const resolved = path.resolve(ctx.cwd, out);
  if (count > 1 || isDirectory(resolved) || /[\\/]$/.test(out)) {
    if (fs.existsSync(resolved) && !isDirectory(resolved)) {
      throw new UsageError(`--out ${out} must be a folder when several files are imported`);
    }
    return { folder: resolved };
  }
  if (!YAML_PLAN_FILE.test(resolved)) {
    throw new UsageError(
      `--out ${out} must name a *.plan.yaml file (plans are recognised by file name) or a folder`,
    );
  }
  return { file: resolved };
}

/**
 * Where each plan goes: next to its input, or as `--out` says. Two inputs may not share a target,
 * and no existing file is ever overwritten: the run is refused before anything is written.
 */
function targets(ctx: CliContext, converted: readonly Converted[], out: string | undefined): Planned[] {
  const place = placement(ctx, out, converted.length);
  const planned = converted.map(({ input, text, conversion }) => ({
    input,
    text,
    conversion,
    target:
      place.file ??
      path.join(place.folder ?? path.dirname(path.resolve(ctx.cwd, input)), conversion.suggestedName),
  }));
  const seen = new Map<string, string>();
  for (const { input, target } of planned) {
    const earlier = seen.get(target);
    if (earlier !== undefined) {
      throw new UsageError(
        `${earlier} and ${input} would both be written to ${shown(ctx, target)}; import them in separate runs or with --out`,
      );
    }
    seen.set(target, input);
  }
  const existing = planned
    .filter(({ target }) => fs.existsSync(target))
    .map(({ target }) => shown(ctx, target));
  if (existing.length > 0) {
    throw new UsageError(
      `${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; isc-plan import never overwrites a file: move it away or choose another --out`,
    );
  }
  return planned;
}

function shown(ctx: CliContext, file: string): string {
  const relative = path.relative(ctx.cwd, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/**
 * The `--catalog` files as the plan's `catalog:` key would name them (relative to the plan, `/`
 * separators), so the plan written checks against the catalogs it was imported with.
 */
function catalogsFrom(ctx: CliContext, target: string): string[] {
  return (ctx.serviceOptions.fallbackCatalogs ?? []).map((catalog) =>
    path.relative(path.dirname(target), catalog).split(path.sep).join('/'),
  );
}

/** Writes one plan, validates it where it now lies and prints its summary; returns its error count. */
function writeAndCheck(ctx: CliContext, service: PlanService, planned: Planned): number {
  const { input, target } = planned;
  const catalogs = catalogsFrom(ctx, target);
  const conversion = catalogs.length === 0 ? planned.conversion : importFile(input, planned.text, catalogs);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // `wx`: should the file have appeared since the check, it is still not overwritten.
  fs.writeFileSync(target, conversion.planText, { flag: 'wx' });
  const check = checkPlan(service, target, conversion.planText);
  const plans = conversion.plans === 1 ? '' : `${conversion.plans} plans, `;
  ctx.stdout(`wrote ${shown(ctx, target)} from ${input}: ${plans}${summaryLine(check)}\n`);
  const serious = check.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
  for (const d of toDiagnostics(conversion.planText, serious)) {
    ctx.stdout(
      `${shown(ctx, target)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}\n`,
    );
  }
  return check.errors;
}

/**
 * `isc-plan import FILE... [--out PATH] [--catalog FILE]...`: one plan file per input, validated
 * after writing. Exit 0 when every plan is free of errors, 1 when one has errors, 2 for bad usage
 * or an input that cannot be read or recognised (then nothing is written).
 */
export function runImport(ctx: CliContext, inputs: readonly string[], out: string | undefined): number {
  if (inputs.length === 0) {
    throw new UsageError('name the file(s) to import, e.g. isc-plan import account-activity.json');
  }
  const { converted, failures } = convertAll(ctx, inputs);
  if (failures.length > 0) {
    for (const failure of failures) ctx.stderr(`isc-plan: ${failure.split('\n')[0]}\n`);
    return 2;
  }
  const planned = targets(ctx, converted, out);
  const service = new PlanService(ctx.host, ctx.serviceOptions);
  let errors = 0;
  for (const plan of planned) errors += writeAndCheck(ctx, service, plan);
  return errors > 0 ? 1 : 0;
}
