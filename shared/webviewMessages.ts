import type { DiffReport } from './diff';
import type { DryRunModel } from './dryRun';
import { SIMULATION_LIMITS } from './prediction';

/**
 * The messages between the dry-run view and the extension, both directions typed and checked:
 * a message that is not exactly one of these is dropped. Nothing in a message becomes a command,
 * a path or HTML.
 */

/** The options the view's controls set. */
export interface DryRunOptions {
  runs: number;
  seed: number;
  /** Hours after submission for the perspectives; null: at the first verification. */
  moment: number | null;
  scenarios: string[];
}

/** What the view keeps across reloads (`getState`/`setState` in the view, the panel's serializer in the extension). */
export interface DryRunState {
  uri: string;
  options: DryRunOptions;
  /** The perspective tab the user picked last (the view's own; the host does not read it). */
  perspective?: string;
}

/** The request the view shows focused: the plan's document in the file, and the request's index. */
export interface RequestFocus {
  document: number;
  request: number;
}

export type ViewToHost =
  | { type: 'ready' }
  | { type: 'options'; options: DryRunOptions }
  | { type: 'export'; format: 'markdown' | 'json' }
  | { type: 'reveal'; document: number; request: number };

export type HostToView =
  | {
      type: 'model';
      model: DryRunModel;
      options: DryRunOptions;
      focus: RequestFocus | null;
    }
  | { type: 'busy' }
  /** What a catalog's change does to the plans that use it ("Compare with Git HEAD", shared/diff.ts). */
  | { type: 'diff'; report: DiffReport }
  /** The simulation gave what the view already shows: only end the busy state (nothing is redrawn). */
  | { type: 'unchanged' }
  | { type: 'error'; message: string };

export const LIMITS = SIMULATION_LIMITS;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInteger(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function keysAre(value: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(value);
  return own.length === keys.length && own.every((k) => keys.includes(k));
}

/** Checks options sent by the view. */
export function parseOptions(value: unknown): DryRunOptions | undefined {
  if (!isRecord(value) || !keysAre(value, ['runs', 'seed', 'moment', 'scenarios'])) return undefined;
  const { runs, seed, moment, scenarios } = value;
  if (!isInteger(runs, 1, LIMITS.maxRuns) || !isInteger(seed, 0, LIMITS.maxSeed)) return undefined;
  if (
    moment !== null &&
    (typeof moment !== 'number' || !Number.isFinite(moment) || moment < 0 || moment > LIMITS.maxMomentHours)
  ) {
    return undefined;
  }
  if (!Array.isArray(scenarios) || scenarios.length > LIMITS.maxScenarios) return undefined;
  if (
    !scenarios.every(
      (s): s is string => typeof s === 'string' && s.length > 0 && s.length <= LIMITS.maxSpecLength,
    )
  ) {
    return undefined;
  }
  return { runs, seed, moment, scenarios: [...scenarios] };
}

/** Checks a message from the view; undefined for anything unknown or malformed. */
export function parseViewMessage(raw: unknown): ViewToHost | undefined {
  if (!isRecord(raw)) return undefined;
  switch (raw.type) {
    case 'ready':
      return keysAre(raw, ['type']) ? { type: 'ready' } : undefined;
    case 'options': {
      const options = keysAre(raw, ['type', 'options']) ? parseOptions(raw.options) : undefined;
      return options ? { type: 'options', options } : undefined;
    }
    case 'export':
      return keysAre(raw, ['type', 'format']) && (raw.format === 'markdown' || raw.format === 'json')
        ? { type: 'export', format: raw.format }
        : undefined;
    case 'reveal':
      return keysAre(raw, ['type', 'document', 'request']) &&
        isInteger(raw.document, 0, 10_000) &&
        isInteger(raw.request, 0, 1_000_000)
        ? { type: 'reveal', document: raw.document, request: raw.request }
        : undefined;
    default:
      return undefined;
  }
}

/** The shape of a diff report, as far as the view reads it without further checks. */
function isDiffReport(value: unknown): value is DiffReport {
  return (
    isRecord(value) &&
    typeof value.base === 'string' &&
    typeof value.head === 'string' &&
    Array.isArray(value.plans) &&
    value.plans.every(
      (plan) => isRecord(plan) && Array.isArray(plan.requests) && Array.isArray(plan.diagnostics),
    ) &&
    isRecord(value.summary)
  );
}

/** Checks a message from the extension, in the view (the view trusts nothing it did not check). */
export function parseHostMessage(raw: unknown): HostToView | undefined {
  if (!isRecord(raw)) return undefined;
  if (raw.type === 'busy' && keysAre(raw, ['type'])) return { type: 'busy' };
  if (raw.type === 'unchanged' && keysAre(raw, ['type'])) return { type: 'unchanged' };
  if (raw.type === 'error' && keysAre(raw, ['type', 'message']) && typeof raw.message === 'string') {
    return { type: 'error', message: raw.message };
  }
  if (raw.type === 'diff' && keysAre(raw, ['type', 'report']) && isDiffReport(raw.report)) {
    return { type: 'diff', report: raw.report };
  }
  if (raw.type !== 'model' || !keysAre(raw, ['type', 'model', 'options', 'focus'])) return undefined;
  const options = parseOptions(raw.options);
  const model = raw.model;
  if (!options || !isRecord(model) || typeof model.uri !== 'string' || !Array.isArray(model.plans)) {
    return undefined;
  }
  const focus = raw.focus;
  if (
    focus !== null &&
    !(isRecord(focus) && isInteger(focus.document, 0, 10_000) && isInteger(focus.request, 0, 1_000_000))
  ) {
    return undefined;
  }
  return {
    type: 'model',
    model: model as unknown as DryRunModel,
    options,
    focus: focus as RequestFocus | null,
  };
}
