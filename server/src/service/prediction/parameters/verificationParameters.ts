/**
 * Requests that no scheduled aggregation verifies (docs/prediction-model.md#verification): a password change,
 * which no source ever returns, and a flat-file source without an upload cadence, which ISC
 * aggregates only when someone uploads a file.
 */

import type { CatalogSource } from '../../catalog/types';
import { UPLOAD_REASON, isFlatFileSource } from '../../catalog/fileSource';
import { checkQuartz, quartzWallClock } from '../../time/cron';
import type { PredictionRequest } from '../input/predictionInput';
import type { Assumptions } from './defaults';

/** Why a committed change is never verified although nothing failed. */
export type ByDesign = { kind: 'password' } | { kind: 'upload' };

function isPassword(name: string): boolean {
  return name.trim().toLowerCase() === 'password';
}

/** A Modify whose every attribute request sets the password (and nothing else is asked). */
export function changesOnlyPassword(request: PredictionRequest): boolean {
  const attributes = request.attributeRequests;
  return (
    request.operation === 'Modify' &&
    request.permissionCount === 0 &&
    attributes.length > 0 &&
    attributes.every((a) => isPassword(a.name) && a.operation !== 'Remove')
  );
}

/** A request with an attribute request that sets or changes the password. */
export function changesPassword(request: PredictionRequest): boolean {
  return request.attributeRequests.some((a) => isPassword(a.name) && a.operation !== 'Remove');
}

/** The schedule as a usable Quartz expression, else undefined. */
function usableSchedule(schedule: string | undefined): string | undefined {
  if (schedule === undefined || schedule === '') return undefined;
  return checkQuartz(schedule).ok && quartzWallClock(schedule) !== undefined ? schedule : undefined;
}

/**
 * How the unit is verified when the source's aggregation schedule does not decide it: by design
 * never (a password change; a flat-file source without an upload cadence), else undefined, and
 * the reason is noted. A flat-file source with a schedule is noted as read as an upload cadence.
 */
export function verificationByDesign(
  request: PredictionRequest,
  part: 'permissionRequests' | null,
  name: string,
  source: CatalogSource | undefined,
  notes: Assumptions,
): ByDesign | undefined {
  if (part === null && request.operation === 'Modify' && changesPassword(request)) {
    if (changesOnlyPassword(request)) {
      notes.add(
        `A password change is never verified: sources never return passwords, so no aggregation of ${name} can show it. The prediction ends it at committed and counts it as success (not verifiable by design, not a failure).`,
      );
      return { kind: 'password' };
    }
    notes.add(
      `The password in this request is never verified (sources never return passwords); the aggregation of ${name} verifies its other attribute requests.`,
    );
  }
  if (!isFlatFileSource(source) || source!.features.includes('NO_AGGREGATION')) return undefined;
  const given = source!.aggregation?.schedule?.trim();
  if (given?.toLowerCase() === 'none') return undefined;
  const upload = `${name} is a flat-file source: ISC aggregates it when someone uploads a file, not on a schedule of its own`;
  if (usableSchedule(given) !== undefined) {
    notes.add(`${upload}. Its aggregation.schedule "${given}" is read as the team's upload cadence.`);
    return undefined;
  }
  const why = given
    ? `its aggregation.schedule "${given}" cannot be used as an upload cadence`
    : "no aggregation.schedule gives the team's upload cadence";
  notes.add(`${upload}, and ${why}, so verified stays empty: ${UPLOAD_REASON}.`);
  return { kind: 'upload' };
}

/** Whether a request changes a password, only or among other attributes (it changes how it is verified). */
export function passwordKey(request: PredictionRequest): string {
  if (request.operation !== 'Modify') return '';
  if (changesOnlyPassword(request)) return '\u0002only';
  return changesPassword(request) ? '\u0002some' : '';
}
