/**
 * What a configuration change does to fulfilment: the comparison of a plan's prediction under two
 * catalog sets (docs/formats.md#diff). Computed by the plan service (`service/diff/`), printed by
 * `isc-plan diff` and shown by the dry-run view after "ISC Plan: Compare with Git HEAD". Offsets
 * into the plan's text; the CLI and the client turn them into lines.
 */

import { RequestType } from 'vscode-languageserver-protocol';
import type { Channel, Outcomes } from './prediction';

/** The milestones a diff compares, in order. */
export const DIFF_MILESTONES = ['approved', 'started', 'committed', 'verified'] as const;
export type DiffMilestone = (typeof DIFF_MILESTONES)[number];

/** Where a request (or its split-off part) goes on one side. */
export interface Route {
  channel: Channel;
  target: string | null;
}

/** A milestone quantile that moved by more than the threshold; null: reached in under 1 % of runs. */
export interface MilestoneShift {
  milestone: DiffMilestone;
  quantile: 'p50' | 'p90';
  baseMinutes: number | null;
  headMinutes: number | null;
}

/** An outcome whose share of the runs moved by at least one percentage point. */
export interface OutcomeShift {
  outcome: keyof Outcomes;
  base: number;
  head: number;
}

/** A diagnostic of the plan that only one side has. */
export interface DiagnosticChange {
  change: 'new' | 'vanished';
  code: string;
  severity: string;
  message: string;
  /** Offsets in the plan's text. */
  start: number;
  end: number;
}

/** One request (or its split-off `permissionRequests` part) whose fulfilment differs. */
export interface RequestDiff {
  /** Index of the request in its plan document, from 0. */
  index: number;
  part: 'permissionRequests' | null;
  source: string;
  operation: string;
  /** Offset of the request in the plan's text (its line is where SARIF and the editor point). */
  start: number;
  base: Route;
  head: Route;
  /** Channel or target differ. */
  routeChanged: boolean;
  milestones: MilestoneShift[];
  outcomes: OutcomeShift[];
  diagnostics: DiagnosticChange[];
  /** The `--fail-on` gates this request trips, as given. */
  tripped: string[];
}

/** One plan document of a plan file and its requests that differ. */
export interface PlanDiff {
  /** The plan file as given (CLI) or its absolute path (editor). */
  file: string;
  /** Index of the plan document in its file, from 0. */
  document: number;
  name: string | null;
  /** How many requests were compared. */
  compared: number;
  /** The requests that differ, in the plan's order (a request, then its split-off part). */
  requests: RequestDiff[];
  /** Diagnostics of the plan outside its requests (its header, `catalog:`) that only one side has. */
  diagnostics: DiagnosticChange[];
}

/** What one `--fail-on` gate found: one line per request that trips it. */
export interface GateResult {
  gate: string;
  trips: string[];
}

/** The whole comparison. */
export interface DiffReport {
  /** The two catalog sets, as given (`origin/main`, a folder, `working tree`). */
  base: string;
  head: string;
  /** The submission time of both sides, an ISO instant in UTC. */
  at: string;
  runs: number;
  seed: number;
  /** A milestone moved when it changed by more than this share of its base value (and 5 minutes). */
  threshold: number;
  plans: PlanDiff[];
  gates: GateResult[];
  summary: { plans: number; requests: number; changed: number; routeChanges: number };
}

/** The smallest move of a milestone that counts, whatever the threshold: below it is noise. */
export const MIN_SHIFT_MINUTES = 5;

/** The smallest move of an outcome's share that counts. */
export const MIN_OUTCOME_SHIFT = 0.01;

/** The default `--threshold`: a milestone moved when it changed by more than 10 %. */
export const DEFAULT_DIFF_THRESHOLD = 0.1;

/** The client asks the server to compare a catalog with its text at git HEAD ("ISC Plan: Compare with Git HEAD"). */
export interface CompareCatalogParams {
  /** The catalog's URI (an open document or a file). */
  uri: string;
  /** The catalog's text at the base revision; null: the file does not exist there. */
  baseText: string | null;
  /** How the base is named in the report, e.g. `HEAD (3102ac7)`. */
  baseLabel: string;
}

/** `iscPlan/compareCatalog`: the client sends it, the server answers with the diff of the plans that use the catalog. */
export const CompareCatalogRequest = {
  method: 'iscPlan/compareCatalog',
  type: new RequestType<CompareCatalogParams, DiffReport | null, void>('iscPlan/compareCatalog'),
};
