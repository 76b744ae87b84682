import * as fs from 'fs';
import * as path from 'path';
import { globSync } from 'tinyglobby';
import type { Finding } from '../service/findings/finding';
import { finding } from '../service/findings/finding';
import { fileTypeOf } from '../../../shared/fileNames';
import { PlanService } from '../service/planService';
import type { CliContext } from './context';
import { UsageError } from './context';
import { readTextFile } from '../platform/nodeFiles';
import type { FileReport } from './output';
import { formatJson, formatSarif, formatText, summarise, toDiagnostics } from './output';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'out', 'dist', '.vscode-test']);

const YAML_OR_JSON = /\.(ya?ml|json)$/i;

/** Which files `validate` checks, told to a user whose file was not one of them. */
const WHAT_IS_CHECKED =
  'isc-plan checks plans (*.plan.yaml, *.plan.yml, *.plan.json) and catalogs (*.sources.yaml, *.sources.yml, *.sources.json); a YAML or JSON file named on the command line is checked whatever its name.';

/** `kind: ProvisioningPlan` or `kind: SourceCatalog` at the top level of a YAML or JSON text. */
const KIND_LINE = /^(?:kind:\s*["']?|\s*"kind"\s*:\s*")(ProvisioningPlan|SourceCatalog)\b/m;

/** Files larger than this are not opened to look for a `kind` when a folder is searched. */
const PEEK_LIMIT = 1024 * 1024;

/** `isc-plan validate`: checks plan and catalog files; exit 1 when errors are found. */
export function runValidate(ctx: CliContext, inputs: string[], format: string): number {
  if (!['text', 'json', 'sarif'].includes(format)) {
    throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  }
  const files = expandInputs(ctx.cwd, inputs.length > 0 ? inputs : ['.'], (note) =>
    ctx.stderr(`isc-plan: ${note}\n`),
  );
  const service = new PlanService(ctx.host, ctx.serviceOptions);
  const reports: FileReport[] = [];
  let unreadable = false;
  for (const file of files) {
    if (!fileTypeOf(file.absolute) && !YAML_OR_JSON.test(file.absolute)) {
      ctx.stderr(`isc-plan: ${file.shown} is not a plan or catalog, not checked. ${WHAT_IS_CHECKED}\n`);
      unreadable = true;
      continue;
    }
    const report = validateFile(service, ctx, file);
    if (report) {
      reports.push(report);
    } else {
      unreadable = true;
    }
  }
  const output =
    format === 'json'
      ? formatJson(reports)
      : format === 'sarif'
        ? formatSarif(reports, ctx.version)
        : formatText(reports);
  ctx.stdout(output);
  if (unreadable) return 2;
  return summarise(reports).errors > 0 ? 1 : 0;
}

function validateFile(
  service: PlanService,
  ctx: CliContext,
  file: { shown: string; absolute: string },
): FileReport | undefined {
  const read = readTextFile(file.absolute);
  if ('error' in read) {
    ctx.stderr(`isc-plan: cannot read ${file.shown}: ${read.error}\n`);
    return undefined;
  }
  const type = fileTypeOf(file.absolute) ?? {
    role: 'plan' as const,
    format: /\.json$/i.test(file.absolute) ? ('json' as const) : ('yaml' as const),
  };
  let findings: Finding[];
  if (read.notUtf8 !== undefined) {
    findings = [
      finding(
        'yaml-syntax',
        read.notUtf8,
        read.notUtf8 + 1,
        'The file is not valid UTF-8 text (binary data or another encoding); plan and catalog files are UTF-8.',
      ),
    ];
  } else {
    service.open(file.absolute, read.text, type);
    findings = service.findings(file.absolute);
    service.close(file.absolute);
  }
  return { path: file.shown, diagnostics: toDiagnostics(read.text, findings) };
}

/**
 * Paths as given; folders are searched for plan and catalog files; globs are expanded. A YAML or
 * JSON file in a searched folder that declares a plan or catalog `kind` but is not named like one
 * is skipped, and `note` says so.
 */
export function expandInputs(
  cwd: string,
  inputs: readonly string[],
  note: (text: string) => void = () => undefined,
): { shown: string; absolute: string }[] {
  const result: { shown: string; absolute: string }[] = [];
  const seen = new Set<string>();
  const add = (shown: string): void => {
    const absolute = path.resolve(cwd, shown);
    if (seen.has(absolute)) return;
    seen.add(absolute);
    result.push({ shown, absolute });
  };
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    if (isDirectory(absolute)) {
      const shown = (found: string): string => path.join(input, path.relative(absolute, found));
      const skipped = (found: string, kind: string): void => note(skipNote(shown(found), kind));
      for (const found of walk(absolute, skipped)) add(shown(found));
    } else if (/[*?[\]{}]/.test(input) && !fs.existsSync(absolute)) {
      const matches = globSync(input, { cwd, ignore: ['**/node_modules/**', '**/.git/**'] }).sort();
      if (matches.length === 0) throw new UsageError(`no file matches ${input}`);
      for (const match of matches) add(match);
    } else {
      add(input);
    }
  }
  return result;
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function walk(folder: string, skipped: (file: string, kind: string) => void): string[] {
  const found: string[] = [];
  const entries = fs
    .readdirSync(folder, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) found.push(...walk(full, skipped));
    } else if (fileTypeOf(entry.name)) {
      found.push(full);
    } else if (YAML_OR_JSON.test(entry.name)) {
      const kind = declaredKind(full);
      if (kind) skipped(full, kind);
    }
  }
  return found;
}

/** The plan or catalog `kind` a small YAML or JSON file declares, if any. */
function declaredKind(file: string): string | undefined {
  try {
    if (fs.statSync(file).size > PEEK_LIMIT) return undefined;
    return KIND_LINE.exec(fs.readFileSync(file, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

function skipNote(shown: string, kind: string): string {
  const [role, ending] = kind === 'ProvisioningPlan' ? ['plan', '.plan'] : ['catalog', '.sources'];
  const renamed = path.basename(shown).replace(YAML_OR_JSON, (extension) => `${ending}${extension}`);
  return (
    `skipped ${shown}: it has kind: ${kind}, but a folder is searched only for ${role}s named *${ending}.yaml, ` +
    `*${ending}.yml or *${ending}.json. Rename it ${renamed}, or name the file on the command line.`
  );
}
