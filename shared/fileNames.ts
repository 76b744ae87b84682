/**
 * Which files are plans and which are source catalogs: recognised by name alone, the same way by
 * the server, the CLI and the VS Code client (`package.json` repeats the patterns for its menus and
 * languages, and a test holds the two together).
 */

/** Plan files: `*.plan.yaml`, `*.plan.yml`, `*.plan.json`. */
export const PLAN_FILE = /\.plan\.(ya?ml|json)$/i;
/** Source catalogs: `*.sources.yaml`, `*.sources.yml`, `*.sources.json`. */
export const CATALOG_FILE = /\.sources\.(ya?ml|json)$/i;
/** Plan files in YAML, the form `isc-plan import` and the templates write. */
export const YAML_PLAN_FILE = /\.plan\.ya?ml$/i;
/** Source catalogs in YAML, the form the templates write. */
export const YAML_CATALOG_FILE = /\.sources\.ya?ml$/i;

export type FileRole = 'plan' | 'catalog';
export type FileFormat = 'yaml' | 'json';

export interface FileType {
  role: FileRole;
  format: FileFormat;
}

/** The role and format of a plan or catalog file by its name; undefined for any other file. */
export function fileTypeOf(path: string): FileType | undefined {
  const role: FileRole | undefined = PLAN_FILE.test(path)
    ? 'plan'
    : CATALOG_FILE.test(path)
      ? 'catalog'
      : undefined;
  if (!role) return undefined;
  return { role, format: /\.json$/i.test(path) ? 'json' : 'yaml' };
}

/** A plan file's name without its `.plan.yaml` (`.yml`, `.json`) ending. */
export function planBaseName(path: string): string {
  return path.replace(PLAN_FILE, '');
}

/**
 * A path named for a YAML plan or catalog: unchanged when it already is one, else with
 * `.plan.yaml` (`.sources.yaml`) in place of a `.yaml`/`.yml` ending, or added.
 */
export function yamlFileNameFor(role: FileRole, path: string): string {
  const [pattern, ending] =
    role === 'plan' ? [YAML_PLAN_FILE, '.plan.yaml'] : [YAML_CATALOG_FILE, '.sources.yaml'];
  return pattern.test(path) ? path : path.replace(/(\.ya?ml)?$/i, ending);
}
