import type { PlainValue, ValueNode } from '../syntax/ast';
import { getValue, stringOf, toValue } from '../syntax/ast';
import type { ConnectorTiming, LearnedFrom, ManualTiming, Quantiles, TicketState } from './types';
import type { BusinessHours, Weekday } from '../time/calendars';

const WEEKDAYS: readonly Weekday[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** A `{p50, p90}` duration, when both are non-negative numbers with p50 <= p90; else undefined. */
export function quantilesOf(value: PlainValue | undefined): Quantiles | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { p50, p90 } = value;
  if (typeof p50 !== 'number' || typeof p90 !== 'number' || p50 < 0 || p90 < p50) return undefined;
  return { p50, p90 };
}

function rateOf(value: PlainValue | undefined): number | undefined {
  return typeof value === 'number' && value >= 0 && value <= 1 ? value : undefined;
}

/** Reads a source's `timing` block; invalid fields are left out (the schema reports them). */
export function readTiming(
  node: ValueNode | null | undefined,
): { connector?: ConnectorTiming; manual?: ManualTiming; learned?: LearnedFrom } | undefined {
  if (node?.kind !== 'map') return undefined;
  const timing: { connector?: ConnectorTiming; manual?: ManualTiming; learned?: LearnedFrom } = {};
  const learned = learnedOf(toValue(getValue(node, 'learned') ?? null));
  if (learned) timing.learned = learned;
  const connector = toValue(getValue(node, 'connector') ?? null);
  if (connector && typeof connector === 'object' && !Array.isArray(connector)) {
    const c: ConnectorTiming = {};
    assignQuantiles(c, connector, ['queueMinutes', 'executeSeconds', 'visibilityMinutes']);
    if (typeof connector.concurrency === 'number' && connector.concurrency >= 1) {
      c.concurrency = Math.floor(connector.concurrency);
    }
    for (const key of ['failureRate', 'retryableShare', 'attributeFailureRate'] as const) {
      const rate = rateOf(connector[key]);
      if (rate !== undefined) c[key] = rate;
    }
    timing.connector = c;
  }
  const manual = getValue(node, 'manual');
  if (manual?.kind === 'map') timing.manual = readManualTiming(manual);
  return timing;
}

const DAY_TEXT = /^\d{4}-\d{2}-\d{2}$/;

/** `timing.learned` when whole (a count, two days, the fields); else undefined (the schema reports it). */
function learnedOf(value: PlainValue | undefined): LearnedFrom | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { activities, from, to, fields } = value;
  if (typeof activities !== 'number' || !(activities >= 0) || !Array.isArray(fields)) return undefined;
  if (typeof from !== 'string' || typeof to !== 'string' || !DAY_TEXT.test(from) || !DAY_TEXT.test(to)) {
    return undefined;
  }
  return { activities, from, to, fields: fields.filter((f): f is string => typeof f === 'string') };
}

function assignQuantiles<K extends string>(
  target: Partial<Record<K, Quantiles>>,
  source: { [key: string]: PlainValue },
  keys: readonly K[],
): void {
  for (const key of keys) {
    const q = quantilesOf(source[key]);
    if (q) target[key] = q;
  }
}

function readManualTiming(node: ValueNode): ManualTiming {
  const manual: ManualTiming = {};
  const completion = quantilesOf(toValue(getValue(node, 'completionHours') ?? null));
  if (completion) manual.completionHours = completion;
  const drift = rateOf(toValue(getValue(node, 'driftRate') ?? null));
  if (drift !== undefined) manual.driftRate = drift;
  const businessHours = readBusinessHours(getValue(node, 'businessHours'));
  if (businessHours) manual.businessHours = businessHours;
  return manual;
}

/** Reads `businessHours` (manual timing, an SDIM's ticket workflow); undefined when unusable. */
export function readBusinessHours(hours: ValueNode | null | undefined): BusinessHours | undefined {
  if (hours?.kind !== 'map') return undefined;
  const days = toValue(getValue(hours, 'days') ?? null);
  const start = stringOf(getValue(hours, 'start'));
  const end = stringOf(getValue(hours, 'end'));
  const list = Array.isArray(days)
    ? days.filter((d): d is Weekday => WEEKDAYS.includes(d as Weekday))
    : undefined;
  if (list && start && end && isClock(start) && isClock(end) && start < end) {
    return { days: list, start, end };
  }
  return undefined;
}

/** `HH:MM` on a 24-hour clock. */
export function isClock(text: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(text);
}

/** Reads an SDIM's `ticketWorkflow`: states in order, the last one terminal. */
export function readTicketWorkflow(node: ValueNode | null | undefined): TicketState[] | undefined {
  if (node?.kind !== 'seq') return undefined;
  const states: TicketState[] = [];
  for (const item of node.items) {
    const status = stringOf(getValue(item, 'status'));
    if (!status) continue;
    const state: TicketState = { status };
    const hours = quantilesOf(toValue(getValue(item, 'hours') ?? null));
    if (hours) state.hours = hours;
    const chance = rateOf(toValue(getValue(item, 'failureChance') ?? null));
    if (chance !== undefined) state.failureChance = chance;
    states.push(state);
  }
  return states.length > 0 ? states : undefined;
}
