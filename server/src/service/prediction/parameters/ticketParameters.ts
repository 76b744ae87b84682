/**
 * Parameters of the ticketing channel: the SDIM's ticket workflow, its status map (ticket status ->
 * Committed | Queued | Failed), ISC's status checks, and the defaults used where they are missing.
 */

import type { Quantiles, ServiceDeskIntegration, TicketState } from '../../catalog/types';
import type { ResolveContext } from './defaults';
import type { BusinessHours } from '../../time/calendars';
import { weeklyMinutes } from '../../time/calendars';
import { DEFAULTS, rate } from './defaults';
import { num, percent, typical } from '../../../../../shared/format';

/** What ISC makes of a ticket status. */
export type Mapped = 'Queued' | 'Committed' | 'Failed';

/** One status of the SDIM's ticket workflow. */
export interface TicketStateParams {
  status: string;
  mapped: Mapped;
  /** How long the ticket stays in this status; null for 0 (and for a terminal status). */
  hours: Quantiles | null;
  /** Chance that the ticket leaves this status for the Failed status instead of the next one. */
  failureChance: number;
}

/** The ticket process of one request: workflow, status map, status checks. */
export interface TicketParams {
  integration: string;
  /** The workflow in order; the ticket stops at the first status mapped to Committed or Failed. */
  states: TicketStateParams[];
  /** The status a failing ticket ends in (mapped to Failed). */
  failedStatus: string;
  driftRate: number;
  intervalMinutes: number;
  maxDays: number;
  /** When the tickets are worked: the workflow's durations count only inside these hours. */
  businessHours: BusinessHours;
  /** Scenario `backlog`: every duration is multiplied by this. */
  factor: number;
}

/** A statusMap value as ISC's word, or undefined when it is none of the three. */
export function mappedValue(value: unknown): Mapped | undefined {
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  if (word === 'committed') return 'Committed';
  if (word === 'queued') return 'Queued';
  if (word === 'failed') return 'Failed';
  return undefined;
}

/** The status-check settings are strings in ISC's own export: accept numbers and numeric strings. */
function positive(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}

function usableHours(hours: Quantiles | undefined): Quantiles | null {
  if (!hours || !Number.isFinite(hours.p50) || !Number.isFinite(hours.p90) || hours.p50 < 0) return null;
  return hours.p90 >= hours.p50 ? hours : { p50: hours.p50, p90: hours.p50 };
}

function chance(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? Math.min(1, value) : 0;
}

/** Resolves an SDIM's ticket process; `note` receives the assumptions. */
export function resolveTicketing(
  integration: ServiceDeskIntegration | undefined,
  label: string,
  ctx: ResolveContext,
  note: (text: string) => void,
): TicketParams {
  const map = normalizedMap(integration?.statusMap);
  const workflow =
    integration?.ticketWorkflow?.filter((state) => typeof state.status === 'string' && state.status !== '') ??
    [];
  const { states, failedStatus } =
    workflow.length > 0 ? mapWorkflow(workflow, map, label, note) : defaultWorkflow(map, label, note);
  let driftRate = integration?.driftRate;
  if (!rate(driftRate)) {
    driftRate = DEFAULTS.ticketDriftRate;
    note(
      `No drift rate for ${label}: assumed ${percent(driftRate)} of tickets close although the access was not granted. Set driftRate on the integration, e.g. 0.01.`,
    );
  }
  const check = ctx.catalog?.statusCheck;
  let intervalMinutes = positive(check?.provisioningStatusCheckIntervalMinutes);
  if (intervalMinutes === undefined) {
    intervalMinutes = DEFAULTS.statusCheckMinutes;
    note(
      `No provisioningStatusCheckIntervalMinutes in the catalogs: assumed ISC checks ticket status every ${DEFAULTS.statusCheckMinutes} minutes (the value ISC publishes as an example). Set it in the catalog, e.g. statusCheck: { provisioningStatusCheckIntervalMinutes: 30 }.`,
    );
  }
  let maxDays = positive(check?.provisioningMaxStatusCheckDays);
  if (maxDays === undefined) {
    maxDays = DEFAULTS.statusCheckDays;
    note(
      `No provisioningMaxStatusCheckDays in the catalogs: assumed ISC stops checking a ticket after ${DEFAULTS.statusCheckDays} days (the value ISC publishes as an example). Set it in the catalog, e.g. statusCheck: { provisioningMaxStatusCheckDays: 10 }.`,
    );
  }
  const businessHours = ticketHours(integration, label, ctx, note);
  let factor = 1;
  for (const scenario of ctx.scenarios) {
    if (scenario.kind === 'backlog' && scenario.integration === integration?.name) {
      factor = scenario.factor;
      note(`Scenario ${scenario.spec}: every ticket status of ${label} lasts ${num(factor)} times as long.`);
    }
  }
  return {
    integration: label,
    states,
    failedStatus,
    driftRate,
    intervalMinutes,
    maxDays,
    businessHours,
    factor,
  };
}

/** The SDIM's business hours, else the manual tasks' default week, said as an assumption. */
function ticketHours(
  integration: ServiceDeskIntegration | undefined,
  label: string,
  ctx: ResolveContext,
  note: (text: string) => void,
): BusinessHours {
  const given = integration?.businessHours;
  if (given !== undefined && weeklyMinutes(given) > 0) {
    if (ctx.timeZoneNote) note(ctx.timeZoneNote);
    return given;
  }
  const why =
    given === undefined ? `No business hours for ${label}` : `The business hours of ${label} never open`;
  note(
    `${why}: assumed its tickets are worked Mon-Fri 09:00-17:00 (${ctx.timeZone}), like manual tasks; ISC's status checks keep counting calendar time. Set businessHours on the integration, e.g. { days: [Mon, Tue, Wed, Thu, Fri], start: "08:00", end: "17:00" }.`,
  );
  if (ctx.timeZoneNote) note(ctx.timeZoneNote);
  return DEFAULTS.manual.businessHours;
}

/** The status map with ISC's words, in the catalog's order; undefined when none is given. */
function normalizedMap(statusMap: Record<string, string> | undefined): [string, Mapped][] | undefined {
  if (!statusMap) return undefined;
  const entries: [string, Mapped][] = [];
  for (const status of Object.keys(statusMap)) {
    const mapped = mappedValue(statusMap[status]);
    if (mapped) entries.push([status, mapped]);
  }
  return Object.keys(statusMap).length > 0 ? entries : undefined;
}

function lookup(map: [string, Mapped][], status: string): Mapped | undefined {
  for (const [key, mapped] of map) if (key === status) return mapped;
  const lower = status.toLowerCase();
  for (const [key, mapped] of map) if (key.toLowerCase() === lower) return mapped;
  return undefined;
}

interface Workflow {
  states: TicketStateParams[];
  failedStatus: string;
}

function mapWorkflow(
  workflow: TicketState[],
  map: [string, Mapped][] | undefined,
  label: string,
  note: (text: string) => void,
): Workflow {
  const last = workflow.length - 1;
  const states = workflow.map((state, index): TicketStateParams => {
    let mapped: Mapped | undefined = map
      ? lookup(map, state.status)
      : index === last
        ? 'Committed'
        : 'Queued';
    if (mapped === undefined) {
      note(
        `The status "${state.status}" of ${label}'s ticket workflow is not in its status map: treated as Queued.`,
      );
      mapped = 'Queued';
    }
    return {
      status: state.status,
      mapped,
      hours: usableHours(state.hours),
      failureChance: chance(state.failureChance),
    };
  });
  const named =
    map?.find(([, mapped]) => mapped === 'Failed')?.[0] ??
    states.find((state) => state.mapped === 'Failed')?.status;
  const canFail = states.some((state) => state.failureChance > 0);
  if (!map) {
    const failing = canFail ? '; a ticket that fails ends in "failed", mapped to Failed' : '';
    note(
      `No status map for ${label}: assumed its last workflow status "${workflow[last]!.status}" maps to Committed and the others to Queued${failing}.`,
    );
  } else if (named === undefined && canFail) {
    note(
      `${label} maps no ticket status to Failed: a ticket that fails is assumed to end in "failed", mapped to Failed.`,
    );
  }
  return { states, failedStatus: named ?? 'failed' };
}

function defaultWorkflow(
  map: [string, Mapped][] | undefined,
  label: string,
  note: (text: string) => void,
): Workflow {
  const first = (kind: Mapped): string | undefined => map?.find(([, mapped]) => mapped === kind)?.[0];
  const working = first('Queued') ?? 'open';
  const terminal = first('Committed') ?? 'closed';
  const failed = first('Failed') ?? (map ? 'failed' : 'cancelled');
  note(
    `No ticket workflow for ${label}: assumed one working status "${working}" (${typical(DEFAULTS.ticketHours.p50, DEFAULTS.ticketHours.p90, 'working hours')}; ${percent(DEFAULTS.ticketFailureChance)} end in "${failed}", mapped to Failed) before "${terminal}".`,
  );
  const terminalMapped: Mapped = map ? (lookup(map, terminal) ?? 'Queued') : 'Committed';
  const states: TicketStateParams[] = [
    {
      status: working,
      mapped: 'Queued',
      hours: DEFAULTS.ticketHours,
      failureChance: DEFAULTS.ticketFailureChance,
    },
    { status: terminal, mapped: terminalMapped, hours: null, failureChance: 0 },
  ];
  return { states, failedStatus: failed };
}
