import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostic } from '../../helpers';
import { diagnose } from '../../helpers';
import { REPO_ROOT } from '../../../repoPaths';

/** The import fixtures' folder. */
export const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/import');

/** The text of a fixture under `test/fixtures/import/`. */
export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** The catalog whose sources match every import fixture. */
export const IMPORT_CATALOG = fixture('import.sources.yaml');

/** The diagnostics of a produced plan validated beside the matching catalog. */
export function validatePlan(planText: string): Diagnostic[] {
  return diagnose(
    { 'import.sources.yaml': IMPORT_CATALOG, 'imported.plan.yaml': planText },
    'imported.plan.yaml',
  );
}

/** `severity code @line` of each diagnostic (one-based line), for compact assertions. */
export function brief(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.severity} ${d.code} @${d.range.start.line + 1}`);
}
