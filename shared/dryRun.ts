import { RequestType } from 'vscode-languageserver-protocol';
import type { Channel } from './prediction';
import { SIMULATION_LIMITS } from './prediction';
import type { SimulationResult } from './simulation';

/**
 * The dry run as the client and its view see it: the server's simulation of each plan of a file
 * plus a summary, and the requests that ask for it.
 */

/** The summary line of one plan's dry run. */
export interface DryRunSummary {
  channels: Record<Channel, number>;
  /** The request whose verification comes last at the 90th percentile, and when. */
  slowest: { request: number; p50Minutes: number; p90Minutes: number } | null;
  /**
   * Requests that may end without a verified change: the request or a split-off part unverifiable,
   * failed, stalled, drift or not fulfilled in > 1 % of runs.
   */
  atRisk: number;
  assumptions: string[];
  /** Where the figures learned from the tenant's history come from; absent when none is. */
  learned?: string[];
}

export interface DryRunPlan {
  document: number;
  name: string | null;
  summary: DryRunSummary;
  simulation: SimulationResult;
}

/**
 * Why `params` are not dry-run parameters a server accepts (a message naming the field and its
 * range), or undefined when they are. A client is not trusted to send numbers in range.
 */
export function dryRunParamsProblem(params: unknown): string | undefined {
  if (typeof params !== 'object' || params === null) return 'the parameters must be an object';
  const { uri, runs, seed, at, moment, scenarios } = params as Record<string, unknown>;
  const L = SIMULATION_LIMITS;
  if (typeof uri !== 'string') return 'uri must be a string';
  if (!isWhole(runs, 1, L.maxRuns)) return `runs must be a whole number from 1 to ${L.maxRuns}`;
  if (!isWhole(seed, 0, L.maxSeed)) return `seed must be a whole number from 0 to ${L.maxSeed}`;
  if (at !== undefined && (typeof at !== 'string' || at.length > L.maxAtLength)) {
    return `at must be an ISO 8601 time of at most ${L.maxAtLength} characters`;
  }
  if (moment !== undefined && !(typeof moment === 'number' && moment >= 0 && moment <= L.maxMomentHours)) {
    return `moment must be a number of hours from 0 to ${L.maxMomentHours}`;
  }
  const specs = Array.isArray(scenarios) ? (scenarios as unknown[]) : undefined;
  if (
    !specs ||
    specs.length > L.maxScenarios ||
    !specs.every((s) => typeof s === 'string' && s.length <= L.maxSpecLength)
  ) {
    return `scenarios must be a list of at most ${L.maxScenarios} texts of at most ${L.maxSpecLength} characters`;
  }
  return undefined;
}

function isWhole(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** What the dry run of a file is asked for. */
export interface DryRunParams {
  uri: string;
  runs: number;
  seed: number;
  /** Submission time, ISO 8601; default as the editor's predictions (the setting, else now to the quarter hour). */
  at?: string;
  /** Hours after submission at which the perspectives look. */
  moment?: number;
  /** Scenario specs (`outage:SOURCE:HOURS`, `away:OWNER:DAYS`, `backlog:SDIM:FACTOR`, `failure:SOURCE:RATE`). */
  scenarios: string[];
}

export interface DryRunModel {
  uri: string;
  /** The file's name, for titles. */
  fileName: string;
  at: string;
  /** The tenant's time zone (the catalog's `timeZone`) the view shows times in; null: UTC. */
  timeZone: string | null;
  runs: number;
  seed: number;
  scenarios: string[];
  plans: DryRunPlan[];
  /** Errors in the file: the dry run may not reflect what ISC does. */
  errors: number;
  /** Scenario specs that could not be used, with why. */
  scenarioErrors: string[];
  /** Scenarios that run but cannot change anything in these plans, with why. */
  scenarioWarnings: string[];
  /** Where each request of each plan starts in the file (zero-based line and UTF-16 character). */
  requestPositions: { line: number; character: number }[][];
}

/** Client → server: simulate the plans of an open file. Null when the file holds no plan. */
export const DryRunRequest = {
  method: 'iscPlan/dryRun',
  type: new RequestType<DryRunParams, DryRunModel | null, void>('iscPlan/dryRun'),
} as const;

/** Client → server: the names a scenario may use (sources, owners, SDIMs), for pickers. */
export const ScenarioNamesRequest = {
  method: 'iscPlan/scenarioNames',
  type: new RequestType<
    { uri: string },
    { sources: string[]; owners: string[]; integrations: string[] },
    void
  >('iscPlan/scenarioNames'),
} as const;

/** Client → server: the dry run of a file as a report to save (Markdown, or the JSON of `isc-plan simulate`). */
export const DryRunReportRequest = {
  method: 'iscPlan/dryRunReport',
  type: new RequestType<DryRunParams & { format: 'markdown' | 'json' }, string | null, void>(
    'iscPlan/dryRunReport',
  ),
} as const;
