import { DEFAULT_RUNS, DEFAULT_SEED } from './prediction';

/**
 * The extension's settings (`iscPlan.*`), shared by the client (which declares them) and the
 * server (which reads them per resource). Values are sanitised here, at the boundary.
 */
export interface IscPlanSettings {
  /** Catalog files used when a plan names none and none lies beside it (paths relative to the workspace folder). */
  catalogs: string[];
  simulation: {
    /** Monte Carlo runs for hovers and code lenses (the dry run view has its own control). */
    runs: number;
    seed: number;
    /** Submission time of editor predictions, ISO 8601; empty: now (rounded to the quarter hour). */
    submittedAt: string;
  };
  codeLens: { enabled: boolean };
}

export const DEFAULT_SETTINGS: IscPlanSettings = {
  catalogs: [],
  simulation: { runs: DEFAULT_RUNS, seed: DEFAULT_SEED, submittedAt: '' },
  codeLens: { enabled: true },
};

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function integer(value: unknown, fallback: number, min: number, max: number): number {
  const n = typeof value === 'number' ? value : Number.NaN;
  return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.trunc(n))) : fallback;
}

/** Turns whatever the client sent into valid settings, falling back to defaults field by field. */
export function sanitiseSettings(raw: unknown): IscPlanSettings {
  const value = record(raw);
  const simulation = record(value.simulation);
  const codeLens = record(value.codeLens);
  return {
    catalogs: Array.isArray(value.catalogs)
      ? value.catalogs.filter((c): c is string => typeof c === 'string' && c.trim() !== '')
      : [],
    simulation: {
      runs: integer(simulation.runs, DEFAULT_SETTINGS.simulation.runs, 10, 100_000),
      seed: integer(simulation.seed, DEFAULT_SETTINGS.simulation.seed, 0, 2 ** 31 - 1),
      submittedAt:
        typeof simulation.submittedAt === 'string' && !Number.isNaN(Date.parse(simulation.submittedAt))
          ? simulation.submittedAt
          : '',
    },
    codeLens: {
      enabled: typeof codeLens.enabled === 'boolean' ? codeLens.enabled : DEFAULT_SETTINGS.codeLens.enabled,
    },
  };
}
