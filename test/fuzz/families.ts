import * as fc from 'fast-check';
import { DOCUMENT_FAMILIES } from './documentFamilies';
import { FLAG_FAMILIES } from './flagFamilies';
import type { Family, FuzzCase } from './fuzzCase';
import { LSP_DOCUMENT_FAMILIES } from './lspDocumentFamilies';
import { LSP_TRAFFIC_FAMILIES } from './lspTrafficFamilies';
import { PROCESS_FAMILIES } from './processFamilies';
import { SIZE_FAMILIES } from './sizeFamilies';

/** Every family of the fuzzer, in the order of the schedule. */
export const FAMILIES: Family[] = [
  ...DOCUMENT_FAMILIES,
  ...SIZE_FAMILIES,
  ...FLAG_FAMILIES,
  ...PROCESS_FAMILIES,
  ...LSP_TRAFFIC_FAMILIES,
  ...LSP_DOCUMENT_FAMILIES,
];

/**
 * One round of the schedule: each family as many times as its weight, interleaved, so that every
 * family comes within the first round (a short pass covers them all, whatever the seed).
 */
function round(families: readonly Family[]): Family[] {
  const order: Family[] = [];
  const most = Math.max(...families.map((f) => f.weight));
  for (let pass = 0; pass < most; pass++) {
    for (const family of families) if (family.weight > pass) order.push(family);
  }
  return order;
}

/** The families of a pass that names none: all but those that run only when named. */
export const DEFAULT_FAMILIES = FAMILIES.filter((family) => !family.optIn);

/** The families a pass runs: the default ones, or those named. */
export function selectFamilies(names: readonly string[]): Family[] {
  if (names.length === 0) return DEFAULT_FAMILIES;
  const unknown = names.filter((name) => !FAMILIES.some((f) => f.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `unknown famil${unknown.length > 1 ? 'ies' : 'y'} ${unknown.join(', ')}; known: ${FAMILIES.map((f) => f.name).join(', ')}`,
    );
  }
  return FAMILIES.filter((f) => names.includes(f.name));
}

/** The family of case `index` of a pass over `families`. */
export function familyOf(families: readonly Family[], index: number): Family {
  const order = round(families);
  return order[index % order.length]!;
}

/** Cases per round of the schedule: a pass of this many cases runs every family at least once. */
export function roundLength(families: readonly Family[]): number {
  return round(families).length;
}

/** The fast-check seed of case `index` of a pass with `seed`: a case replays alone from the two. */
export function caseSeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + Math.imul(index + 1, 0x85ebca6b)) | 0;
}

/** Case `index` of a pass with `seed` over `families`: the same case every time. */
export function generateCase(
  families: readonly Family[],
  seed: number,
  index: number,
): { family: Family; fuzzCase: FuzzCase } {
  const family = familyOf(families, index);
  const [fuzzCase] = fc.sample(family.arbitrary, { seed: caseSeed(seed, index), numRuns: 1 });
  return { family, fuzzCase: fuzzCase! };
}
