/**
 * A ticket's way through the SDIM's workflow (docs/prediction-model.md#ticket), compiled for
 * sampling: the duration and failure chance of each status, what ISC makes of each status, its
 * status-check window and the service desk's business calendar.
 */

import type { Quantiles } from '../../catalog/types';
import type { BusinessHours, BusinessCalendar } from '../../time/calendars';
import type { TicketParams } from '../parameters/ticketParameters';
import { LogNormal } from './random';

/** Where compiled distributions and calendars come from (the plan's `SimulationCache`, which shares them). */
export interface DistributionSource {
  logNormal(quantiles: Quantiles, minutesPerUnit: number, factor?: number): LogNormal;
  business(hours: BusinessHours, timeZone: string, blockedUntil: number): BusinessCalendar;
}

/** What ISC makes of a ticket status (its SDIM status map). */
export const MAPPED_QUEUED = 0;
export const MAPPED_COMMITTED = 1;
export const MAPPED_FAILED = 2;

const ZERO = LogNormal.constant(0);

/** A ticket's way through the SDIM's workflow, ready for sampling. */
export class TicketProcess {
  /** Duration of each workflow status, in minutes (backlog factor applied). */
  readonly durations: LogNormal[];
  readonly failureChance: Float64Array;
  /** MAPPED_* per status; the failed status is appended after the workflow. */
  readonly mapped: Uint8Array;
  /** Workflow status names, then the failed status at `failedIndex`. */
  readonly statuses: string[];
  readonly failedIndex: number;
  readonly interval: number;
  readonly giveUp: number;
  /** Time of ISC's last status check before it gives up. */
  readonly lastCheck: number;
  readonly driftRate: number;
  readonly workflowLength: number;
  /** The SDIM's business calendar: workflow durations are working time, status checks calendar time. */
  readonly business: BusinessCalendar;

  constructor(params: TicketParams, cache: DistributionSource, timeZone: string) {
    const states = params.states;
    this.workflowLength = states.length;
    this.durations = states.map((state) =>
      state.hours ? cache.logNormal(state.hours, 60, params.factor) : ZERO,
    );
    this.failureChance = Float64Array.from(states, (state) => state.failureChance);
    const found = states.findIndex(
      (state) => state.status === params.failedStatus && state.mapped === 'Failed',
    );
    this.statuses = states.map((state) => state.status);
    if (found < 0) this.statuses.push(params.failedStatus);
    this.failedIndex = found < 0 ? states.length : found;
    this.mapped = Uint8Array.from(this.statuses, (_, i) =>
      i === this.failedIndex ? MAPPED_FAILED : mappedCode(states[i]?.mapped ?? 'Queued'),
    );
    this.interval = params.intervalMinutes;
    this.giveUp = params.maxDays * 24 * 60;
    this.lastCheck = Math.floor(this.giveUp / this.interval) * this.interval;
    this.driftRate = params.driftRate;
    this.business = cache.business(params.businessHours, timeZone, 0);
  }
}

function mappedCode(mapped: 'Queued' | 'Committed' | 'Failed'): number {
  return mapped === 'Committed' ? MAPPED_COMMITTED : mapped === 'Failed' ? MAPPED_FAILED : MAPPED_QUEUED;
}
