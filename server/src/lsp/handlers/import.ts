import * as path from 'path';
import type { ImportParams, ImportResult } from '../../../../shared/import';
import { ImportRequest } from '../../../../shared/import';
import { describeConversion, importFile } from '../../service/import/importFile';
import { checkPlan, summaryLine } from '../../service/import/checkImported';
import { ImportError } from '../../service/import/importedPlan';
import { answer } from '../answer';
import type { FeatureRegistrar } from '../session';

type Session = Parameters<FeatureRegistrar>[0];

const FAILED: ImportResult = { error: 'The import failed unexpectedly; see the ISC Plan log.' };

/** Converts the input and sums up the plan as it would be checked beside the input (its catalogs). */
function importPlan(session: Session, params: ImportParams): ImportResult {
  try {
    const conversion = importFile(params.fileName, params.text);
    const what = describeConversion(conversion);
    // Only an absolute path says where the plan will lie; without one the catalogs cannot be found.
    if (!path.isAbsolute(params.fileName)) {
      return {
        planText: conversion.planText,
        suggestedName: conversion.suggestedName,
        summary: `${what}: ${conversion.requests} request${conversion.requests === 1 ? '' : 's'}`,
      };
    }
    const check = checkPlan(
      session.service,
      path.join(path.dirname(params.fileName), conversion.suggestedName),
      conversion.planText,
    );
    return {
      planText: conversion.planText,
      suggestedName: conversion.suggestedName,
      summary: `${what}: ${summaryLine(check)}`,
    };
  } catch (error) {
    if (error instanceof ImportError) return { error: error.message };
    throw error;
  }
}

/** `iscPlan/import`: a plan from what ISC already gives the user (the "Import from ISC…" command). */
export const registerImport: FeatureRegistrar = (session) => {
  session.connection.onRequest(
    ImportRequest.type,
    answer(session, 'import', FAILED, (params: ImportParams) => importPlan(session, params)),
  );
  return {};
};
