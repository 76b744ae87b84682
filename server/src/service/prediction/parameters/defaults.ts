/**
 * The default table of docs/prediction-model.md#defaults and the small helpers that take a catalog value or else
 * a default, writing down each default used (a request's `assumptions`).
 */

import type { ConnectorTiming, ManualTiming, MergedCatalog, Quantiles } from '../../catalog/types';
import { STATUS_CHECK_DEFAULTS } from '../../catalog/iscDefaults';
import type { BusinessHours } from '../../time/calendars';
import type { Scenario } from '../input/predictionInput';

/**
 * The default table of docs/prediction-model.md#defaults. `connector` and `manual` hold a default for every field of
 * a source's `timing.connector` and `timing.manual` (the types make sure of it).
 */
export const DEFAULTS = {
  connector: {
    queueMinutes: { p50: 0.5, p90: 5 },
    executeSeconds: { p50: 5, p90: 60 },
    concurrency: 4,
    failureRate: 0.02,
    retryableShare: 0.5,
    // Connectors answer for an account request as a whole; a per-attribute failure is only a catalog option.
    attributeFailureRate: 0,
    visibilityMinutes: { p50: 1, p90: 15 },
  } satisfies Required<ConnectorTiming>,
  maxRetries: 3,
  retryMinutes: 60,
  manual: {
    completionHours: { p50: 8, p90: 72 },
    businessHours: {
      days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
      start: '09:00',
      end: '17:00',
    } as BusinessHours,
    driftRate: 0.03,
  } satisfies Required<ManualTiming>,
  // Working hours on the SDIM's business calendar: half a working day typically, two at the 90th percentile.
  ticketHours: { p50: 4, p90: 16 },
  ticketFailureChance: 0.05,
  ticketDriftRate: 0.02,
  statusCheckMinutes: STATUS_CHECK_DEFAULTS.provisioningStatusCheckIntervalMinutes,
  statusCheckDays: STATUS_CHECK_DEFAULTS.provisioningMaxStatusCheckDays,
  aggregationSchedule: '0 0 2 * * ?',
  aggregationMinutes: 15,
  /** SailPoint's scheduled identity processing: 08:00 and 20:00 in the tenant's time zone. */
  identityRefreshSchedule: '0 0 8,20 * * ?',
  timeZone: 'UTC',
} as const;

/** Assumption texts in the order found, each once. */
export class Assumptions {
  readonly list: string[] = [];
  private readonly seen = new Set<string>();

  add(text: string): void {
    if (this.seen.has(text)) return;
    this.seen.add(text);
    this.list.push(text);
  }
}

/** What every request of a plan shares while its parameters are resolved. */
export interface ResolveContext {
  catalog: MergedCatalog | undefined;
  timeZone: string;
  /** Said when the time zone is used: why it is UTC. */
  timeZoneNote: string | undefined;
  scenarios: readonly Scenario[];
  /** Whether croner can evaluate an expression, by expression (building a Cron is costly). */
  evaluable: Map<string, boolean>;
}

/** A `{p50, p90}` pair that the model can use (finite, 0 <= p50 <= p90). */
export function usable(quantiles: Quantiles | undefined): quantiles is Quantiles {
  return (
    quantiles !== undefined &&
    Number.isFinite(quantiles.p50) &&
    Number.isFinite(quantiles.p90) &&
    quantiles.p50 >= 0 &&
    quantiles.p90 >= quantiles.p50
  );
}

/** A share the model can use (finite, 0..1). */
export function rate(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value) && value >= 0 && value <= 1;
}

/** A number the model can use as a count or a length: finite and at least `min`. */
export function atLeast(min: number): (value: number | undefined) => value is number {
  return (value): value is number => value !== undefined && Number.isFinite(value) && value >= min;
}

/**
 * The catalog's value if the model can use it (`isUsable`: {@link usable}, {@link rate},
 * {@link atLeast}), else the default, and `text` is noted.
 */
export function valueOr<T>(
  value: T | undefined,
  isUsable: (value: T | undefined) => value is T,
  fallback: T,
  notes: Assumptions,
  text: string,
): T {
  if (isUsable(value)) return value;
  notes.add(text);
  return fallback;
}

/** The scenario of `kind` that names `name` (a source, owner or SDIM), if any. */
export function scenarioFor<K extends Scenario['kind']>(
  ctx: ResolveContext,
  kind: K,
  name: string,
): Extract<Scenario, { kind: K }> | undefined {
  for (const scenario of ctx.scenarios) {
    if (scenario.kind !== kind) continue;
    const target =
      scenario.kind === 'away'
        ? scenario.owner
        : scenario.kind === 'backlog'
          ? scenario.integration
          : scenario.source;
    if (target === name) return scenario as Extract<Scenario, { kind: K }>;
  }
  return undefined;
}
