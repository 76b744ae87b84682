import * as fs from 'fs';
import * as path from 'path';
import type { MergedCatalog } from '../../../../server/src/service/catalog/types';
import type { ServiceOptions } from '../../../../server/src/service/planService';
import type { ResolvedCatalogs } from '../../../../server/src/service/workspace/catalogResolver';
import { ROOT, serviceFor } from '../../helpers';
import { REPO_ROOT } from '../../../repoPaths';

/** The folder of the test fixtures. */
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');

/** A tenant export of Acme (copied from samples/export): the ISC API's answers, unchanged, with fake secrets. */
export function exportFile(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, 'export', name), 'utf8');
}

/** Every export file, as an in-memory workspace folder `export/`. */
export function exportFolder(): Record<string, string> {
  const names = [
    'sources.json',
    'service-desk-integrations.json',
    'status-check-configuration.json',
    'sp-config.json',
    'acme-extra.sources.yaml',
  ];
  return Object.fromEntries(names.map((name) => [`export/${name}`, exportFile(name)]));
}

/** A minimal plan (one Create on `source`) with the given header lines. */
export function planWith(header: string, source = 'Active Directory'): string {
  return `kind: ProvisioningPlan\nidentity: { name: jane.doe }\n${header}accountRequests:\n  - { source: ${source}, operation: Create }\n`;
}

/** Opens `target` among `files` and resolves the catalogs of its first document. */
export function resolveFor(
  files: Record<string, string>,
  target: string,
  options: Partial<ServiceOptions> = {},
): ResolvedCatalogs {
  const service = serviceFor(files, options);
  const file = path.join(ROOT, target);
  const state = service.open(file, files[target]!);
  const doc = state?.docs[0];
  if (!state || doc?.kind !== 'plan') throw new Error(`${target} is not a plan`);
  return service.catalogsOf(state, doc);
}

/** The merged catalog of `target`, which must have one. */
export function catalogFor(
  files: Record<string, string>,
  target: string,
  options: Partial<ServiceOptions> = {},
): MergedCatalog {
  const catalog = resolveFor(files, target, options).catalog;
  if (!catalog) throw new Error(`${target} has no catalog`);
  return catalog;
}

/** A path under the in-memory root, as the service names it. */
export function at(relative: string): string {
  return path.join(ROOT, relative);
}
