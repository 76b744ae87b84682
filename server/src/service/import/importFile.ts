/**
 * Plans from what ISC already gives an admin (an account-activity search document, a Provisioning
 * Completed trigger payload, an IdentityIQ ProvisioningPlan XML): one input file's text in, one
 * plan file's text out. Pure: the CLI and the language server read and write the files.
 */

import type { RecordKind } from './importedPlan';
import { ImportError } from './importedPlan';
import { countedKind, recognise } from './recognise';
import { writePlanFile } from './writePlan';

/** The most account requests one input may hold: a provisioning plan has a handful; more is not a plan to predict. */
export const MAX_IMPORTED_REQUESTS = 10_000;

/** What converting one input gave. */
export interface ImportConversion {
  kind: RecordKind;
  /** The plan file's text: YAML, one document per record. */
  planText: string;
  /** `<input base name>.plan.yaml`. */
  suggestedName: string;
  /** Records in the input; plans may be fewer (records without account requests are left out). */
  records: number;
  plans: number;
  requests: number;
}

/** The last part of a path, whichever separator it uses. */
function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

/** `<input base name without its extension>.plan.yaml` (`activity.json` → `activity.plan.yaml`). */
export function suggestedPlanName(fileName: string): string {
  const base = baseName(fileName)
    .replace(/\.[^.]*$/, '')
    .replace(/\.plan$/i, '');
  return `${base === '' ? 'imported' : base}.plan.yaml`;
}

/**
 * Converts the text of one input file (`fileName` only names it in the plan's first comment);
 * `catalogs`, relative to where the plan will lie, become its `catalog:` key. Throws ImportError.
 */
export function importFile(
  fileName: string,
  text: string,
  catalogs: readonly string[] = [],
): ImportConversion {
  const file = recognise(text);
  const requests = file.plans.reduce((sum, plan) => sum + plan.requests.length, 0);
  if (requests > MAX_IMPORTED_REQUESTS) {
    throw new ImportError(
      `holds ${requests.toLocaleString('en-US')} account requests; isc-plan imports at most ${MAX_IMPORTED_REQUESTS.toLocaleString('en-US')} from one file (docs/formats.md#limits): split the input.`,
    );
  }
  return {
    kind: file.kind,
    planText: writePlanFile(file, baseName(fileName), catalogs),
    suggestedName: suggestedPlanName(fileName),
    records: file.records,
    plans: file.plans.length,
    requests,
  };
}

/** `a plan from an ISC account-activity search document`, `2 plans from 2 Provisioning Completed trigger payloads`. */
export function describeConversion(conversion: ImportConversion): string {
  return `${conversion.plans === 1 ? 'a plan' : `${conversion.plans} plans`} from ${countedKind(conversion.kind, conversion.records)}`;
}
