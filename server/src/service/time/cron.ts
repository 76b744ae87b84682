import { Cron } from 'croner';

/**
 * Quartz cron expressions as ISC schedules use them (seconds field, `?`, `L`, `W`, `#`, weekday
 * numbers 1 = Sunday, optional year). Syntax is checked here, field by field, so that the message
 * names the field; the calendar arithmetic is croner's.
 */

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  special: RegExp;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

const FIELDS: readonly FieldSpec[] = [
  { name: 'seconds', min: 0, max: 59, special: /^$/ },
  { name: 'minutes', min: 0, max: 59, special: /^$/ },
  { name: 'hours', min: 0, max: 23, special: /^$/ },
  { name: 'day-of-month', min: 1, max: 31, special: /^(\?|L|LW|L-\d{1,2}|\d{1,2}W)$/ },
  { name: 'month', min: 1, max: 12, names: MONTHS, special: /^$/ },
  {
    name: 'day-of-week',
    min: 1,
    max: 7,
    names: DAYS,
    special: /^(\?|L|[1-7]L|[1-7]#[1-5]|[A-Z]{3}L|[A-Z]{3}#[1-5])$/,
  },
  { name: 'year', min: 1970, max: 2099, special: /^$/ },
];

export type CronCheck = { ok: true } | { ok: false; message: string };

/** Checks Quartz syntax. The message says which field is wrong and what it allows. */
export function checkQuartz(expression: string): CronCheck {
  const parts = expression.trim().split(/\s+/);
  if (parts.length < 6 || parts.length > 7) {
    return {
      ok: false,
      message: `"${expression}" has ${parts.length} field${parts.length === 1 ? '' : 's'}; a Quartz cron expression as ISC uses has 6 or 7 (seconds minutes hours day-of-month month day-of-week [year]), e.g. "0 0 2 * * ?".`,
    };
  }
  for (let i = 0; i < parts.length; i++) {
    const problem = checkField(parts[i]!.toUpperCase(), FIELDS[i]!);
    if (problem) {
      return { ok: false, message: `In "${expression}", the ${FIELDS[i]!.name} field ${problem}.` };
    }
  }
  const dom = parts[3]!;
  const dow = parts[5]!;
  if ((dom === '?') === (dow === '?')) {
    return {
      ok: false,
      message: `In "${expression}", exactly one of day-of-month and day-of-week must be "?" (Quartz cannot combine both), e.g. "0 0 2 * * ?" or "0 0 2 ? * 2".`,
    };
  }
  return { ok: true };
}

function checkField(field: string, spec: FieldSpec): string | undefined {
  for (const item of field.split(',')) {
    if (item === '') return 'has an empty list item';
    if (spec.special.test(item)) {
      if (field.includes(',') && item === '?') return 'cannot list "?" with other values';
      continue;
    }
    const problem = checkItem(item, spec);
    if (problem) return problem;
  }
  return undefined;
}

function checkItem(item: string, spec: FieldSpec): string | undefined {
  const [range, step, extra] = item.split('/');
  if (extra !== undefined) return `has "${item}" with more than one "/"`;
  if (step !== undefined && !/^\d+$/.test(step)) return `has the step "${step}", which is not a number`;
  if (range === '*') return undefined;
  const bounds = range!.split('-');
  if (bounds.length > 2) return `has "${item}", which is not a value, a range a-b, or a step`;
  for (const bound of bounds) {
    const value = valueOf(bound, spec);
    if (value === undefined) {
      const allowed = spec.names ? ` or ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : '';
      return `has "${bound}", which is not a number from ${spec.min} to ${spec.max}${allowed}`;
    }
  }
  return undefined;
}

function valueOf(text: string, spec: FieldSpec): number | undefined {
  const byName = spec.names?.indexOf(text) ?? -1;
  if (byName >= 0) return byName + spec.min;
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= spec.min && value <= spec.max ? value : undefined;
}

/** A valid schedule whose runs can be listed. */
export interface QuartzSchedule {
  expression: string;
  /** Runs strictly after `from`, in epoch milliseconds, until `until` or `limit` runs. */
  runsBetween(from: number, until: number, limit: number): number[];
}

/** The croner options that make it read Quartz as ISC writes it. */
const QUARTZ_OPTIONS = {
  alternativeWeekdays: true,
  mode: '6-or-7-parts',
  sloppyRanges: true,
  paused: true,
} as const;

/**
 * Builds a schedule for a valid Quartz expression in a time zone. Returns undefined when the
 * expression is valid Quartz that the calendar library cannot evaluate (e.g. `L-3`), so callers
 * fall back to a default and say so.
 */
export function quartzSchedule(expression: string, timeZone: string): QuartzSchedule | undefined {
  if (!checkQuartz(expression).ok) return undefined;
  let cron: Cron;
  try {
    cron = new Cron(expression.trim(), { ...QUARTZ_OPTIONS, timezone: timeZone });
  } catch {
    return undefined;
  }
  return scheduleOf(expression, cron);
}

/**
 * Like `quartzSchedule`, but on the wall clock: times are epoch milliseconds whose UTC fields are
 * the local date and time (croner's `utcOffset: 0`). Croner's own time-zone handling costs about
 * 100-200 µs per run; the dry run converts wall-clock times itself with precomputed zone offsets.
 */
export function quartzWallClock(expression: string): QuartzSchedule | undefined {
  if (!checkQuartz(expression).ok) return undefined;
  try {
    return scheduleOf(expression, new Cron(expression.trim(), { ...QUARTZ_OPTIONS, utcOffset: 0 }));
  } catch {
    return undefined;
  }
}

/** Where {@link firesFrom2026} starts looking: a fixed instant, so the answer never depends on the day it is asked. */
const NEVER_FIRES_REFERENCE = Date.UTC(2026, 0, 1);

/**
 * False when a valid Quartz expression has no run at all from 2026 on: a date that does not exist
 * (`0 0 0 30 2 ?`, the 31st of a 30-day month) or only past years. True when it runs, or when the
 * calendar library cannot evaluate it (other checks report that).
 */
export function firesFrom2026(expression: string): boolean {
  const schedule = quartzWallClock(expression);
  return !schedule || schedule.runsBetween(NEVER_FIRES_REFERENCE, Number.MAX_SAFE_INTEGER, 1).length > 0;
}

function scheduleOf(expression: string, cron: Cron): QuartzSchedule {
  return {
    expression,
    runsBetween(from, until, limit) {
      const runs: number[] = [];
      let cursor = new Date(from);
      while (runs.length < limit) {
        const next = cron.nextRun(cursor);
        if (!next || next.getTime() > until) break;
        runs.push(next.getTime());
        cursor = next;
      }
      return runs;
    },
  };
}
