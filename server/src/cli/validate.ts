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

/** `isc-plan validate`: checks plan and catalog files; exit 1 when errors are found. */
export function runValidate(ctx: CliContext, inputs: string[], format: string): number {
  if (!['text', 'json', 'sarif'].includes(format)) {
    throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  }
  const files = expandInputs(ctx.cwd, inputs.length > 0 ? inputs : ['.']);
  const service = new PlanService(ctx.host, ctx.serviceOptions);
  const reports: FileReport[] = [];
  let unreadable = false;
  for (const file of files) {
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

/** Paths as given; folders are searched for plan and catalog files; globs are expanded. */
export function expandInputs(cwd: string, inputs: readonly string[]): { shown: string; absolute: string }[] {
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
      for (const found of walk(absolute)) add(path.join(input, path.relative(absolute, found)));
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

function walk(folder: string): string[] {
  const found: string[] = [];
  const entries = fs
    .readdirSync(folder, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) found.push(...walk(full));
    } else if (fileTypeOf(entry.name)) {
      found.push(full);
    }
  }
  return found;
}
