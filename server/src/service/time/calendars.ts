/**
 * Calendars of the dry run, precomputed once per prediction so that every Monte Carlo sample is a
 * binary search: aggregation run times per source, and business-hours intervals per owner. All
 * times are minutes from the submission; wall-clock arithmetic goes through a `ZoneClock` built on
 * `Intl.DateTimeFormat`, which handles daylight saving time.
 */

import type { QuartzSchedule } from './cron';
import type { ZoneClock } from './zoneClock';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Nothing is simulated further out than this (minutes); later milestones count as not reached. */
export const HORIZON_MINUTES = 6 * 365 * 24 * 60;

export type Weekday = 'Mon' | 'Tue' | 'Wed' | 'Thu' | 'Fri' | 'Sat' | 'Sun';

/** Working hours of the people who complete work items and tickets, as the catalog gives them. */
export interface BusinessHours {
  days: Weekday[];
  /** `HH:MM`, 24-hour clock, in the catalog's time zone. */
  start: string;
  end: string;
}

/** Grows a Float64Array by doubling, keeping the first `used` values. */
function grow(array: Float64Array, used: number): Float64Array {
  const next = new Float64Array(Math.max(16, array.length * 2));
  next.set(array.subarray(0, used));
  return next;
}

/**
 * First index in sorted `values[0, count)` whose value is at least `x`, or above it when `strictly`
 * (count when none). Small enough for the optimiser to inline into the hot loop's callers.
 */
function firstIndex(values: Float64Array, count: number, x: number, strictly: boolean): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const value = values[mid]!;
    if (value < x || (strictly && value === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How far the run list is kept in memory; later questions ask the schedule directly. */
const LISTED_MINUTES = 3 * 365 * 24 * 60;
/** At most this many runs are kept; later questions ask the schedule directly. */
const LISTED_RUNS = 50_000;
const CHUNK_RUNS = 2000;
const WEEK = 7 * DAY;

/**
 * A schedule that repeats every week on the wall clock (day-of-month `*` or `?`, every month and
 * year, no `L`, `W` or `#`) as plain arithmetic over one week's run times: croner needs tens of
 * microseconds per run, and a dry run may ask for years of daily runs. Undefined otherwise.
 */
export function weeklySchedule(schedule: QuartzSchedule, nearWall: number): QuartzSchedule | undefined {
  const [, , , dom, month, dow, year] = schedule.expression.trim().split(/\s+/);
  const every = (field: string | undefined): boolean => field === '*' || field === '?';
  if (!every(dom) || !every(month) || (year !== undefined && year !== '*') || /[LW#]/i.test(dow ?? '')) {
    return undefined;
  }
  const base = Math.floor(nearWall / WEEK) * WEEK;
  const offsets = schedule.runsBetween(base - 1, base + WEEK - 1, LISTED_RUNS).map((wall) => wall - base);
  if (offsets.length === 0 || offsets.length === LISTED_RUNS) return undefined;
  return {
    expression: schedule.expression,
    runsBetween(from, until, limit) {
      const runs: number[] = [];
      let week = Math.floor((from - base) / WEEK);
      let index = 0;
      while (index < offsets.length && base + week * WEEK + offsets[index]! <= from) index++;
      while (runs.length < limit) {
        if (index === offsets.length) {
          week++;
          index = 0;
        }
        const wall = base + week * WEEK + offsets[index++]!;
        if (wall > until) break;
        runs.push(wall);
      }
      return runs;
    },
  };
}

/** The start times of a source's aggregation runs, listed lazily from the submission on. */
export class AggregationCalendar {
  readonly durationMinutes: number;
  private readonly schedule: QuartzSchedule;
  private readonly clock: ZoneClock;
  private readonly origin: number;
  private starts: Float64Array = new Float64Array(64);
  private count = 0;
  /** Runs are listed completely up to this minute. */
  private listedTo = -1;
  private askedFrom = Infinity;
  private askedAnswer = -Infinity;
  private noRunsAfter = Infinity;

  constructor(schedule: QuartzSchedule, clock: ZoneClock, origin: number, durationMinutes: number) {
    this.schedule = weeklySchedule(schedule, clock.toWall(origin)) ?? schedule;
    this.clock = clock;
    this.origin = origin;
    this.durationMinutes = durationMinutes;
    this.list(60 * 24 * 60);
  }

  /** Start (minutes) of the first run at or after `minutes`; NaN when there is none. */
  nextStart(minutes: number): number {
    if (!(minutes <= HORIZON_MINUTES)) return NaN;
    for (;;) {
      if (minutes <= this.listedTo) {
        const index = firstIndex(this.starts, this.count, minutes, false);
        if (index < this.count) return this.starts[index]!;
      }
      if (this.listedTo >= LISTED_MINUTES || this.count >= LISTED_RUNS || minutes > LISTED_MINUTES) break;
      this.list(Math.max(minutes + 7 * 24 * 60, this.listedTo * 2));
    }
    return this.askSchedule(Math.max(minutes, this.listedTo));
  }

  /** Start (minutes) of the last run at or before `minutes`; NaN when there is none since the origin. */
  startAtOrBefore(minutes: number): number {
    if (Number.isNaN(this.nextStart(minutes)) && minutes > this.listedTo) return NaN;
    const index = firstIndex(this.starts, this.count, minutes, true) - 1;
    return index >= 0 ? this.starts[index]! : NaN;
  }

  /** End (minutes) of the first run starting at or after `minutes`: when that change is verified. */
  verifiedAt(minutes: number): number {
    return this.nextStart(minutes) + this.durationMinutes;
  }

  /**
   * `verifiedAt` for the hot loop, in place: reads minutes from `times[i]` and writes the end of
   * the verifying run there (NaN when none). Numbers pass through the typed array because a double
   * handed to or returned from a call that is not inlined is boxed, a million times per dry run.
   */
  verifyInPlace(times: Float64Array, i: number): void {
    const minutes = times[i]!;
    if (minutes <= this.listedTo) {
      const index = firstIndex(this.starts, this.count, minutes, false);
      if (index < this.count) {
        times[i] = this.starts[index]! + this.durationMinutes;
        return;
      }
    }
    times[i] = this.verifiedAt(minutes);
  }

  private list(untilMinutes: number): void {
    const until = Math.min(untilMinutes, LISTED_MINUTES);
    const fromUtc = this.count > 0 ? this.origin + this.starts[this.count - 1]! * MINUTE : this.origin - 1;
    const wallUntil = this.clock.toWall(this.origin + until * MINUTE) + DAY;
    const runs = this.schedule.runsBetween(this.clock.toWall(fromUtc), wallUntil, CHUNK_RUNS);
    let passed = runs.length < CHUNK_RUNS;
    for (const wall of runs) {
      const minutes = (this.clock.toUtc(wall) - this.origin) / MINUTE;
      // A time skipped by daylight saving maps onto the next real run: keep one.
      if (minutes < 0 || (this.count > 0 && minutes <= this.starts[this.count - 1]!)) continue;
      if (minutes > until) {
        passed = true;
        break;
      }
      if (this.count === this.starts.length) this.starts = grow(this.starts, this.count);
      this.starts[this.count++] = minutes;
    }
    this.listedTo = passed || this.count === 0 ? until : this.starts[this.count - 1]!;
  }

  /** Beyond the listed runs: asks the schedule itself, remembering the last answer. */
  private askSchedule(minutes: number): number {
    if (minutes >= this.askedFrom && minutes <= this.askedAnswer) return this.askedAnswer;
    if (minutes >= this.noRunsAfter) return NaN;
    const wall = this.clock.toWall(this.origin + minutes * MINUTE - 1);
    const [next] = this.schedule.runsBetween(wall, Infinity, 1);
    const start =
      next === undefined ? NaN : Math.max(minutes, (this.clock.toUtc(next) - this.origin) / MINUTE);
    if (!(start <= HORIZON_MINUTES)) {
      this.noRunsAfter = Math.min(this.noRunsAfter, minutes);
      return NaN;
    }
    this.askedFrom = minutes;
    this.askedAnswer = start;
    return start;
  }
}

const WEEKDAYS: readonly Weekday[] = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `HH:MM` as minutes of the day; undefined when malformed. */
export function clockMinutes(text: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return undefined;
  return hours * 60 + minutes;
}

/** Working minutes per week of a business-hours definition (0 when it never opens). */
export function weeklyMinutes(hours: BusinessHours): number {
  const start = clockMinutes(hours.start);
  const end = clockMinutes(hours.end);
  if (start === undefined || end === undefined || start === end) return 0;
  const daily = end > start ? end - start : 24 * 60 - start + end;
  return daily * new Set(hours.days.filter((day) => WEEKDAYS.includes(day))).size;
}

/**
 * Open business-hours intervals of one person's week in a time zone, as minutes from the
 * submission, with the running total of business minutes so that "add N business minutes" is a
 * binary search. `blockedUntil` (minutes) removes working time before it (the person is away).
 */
export class BusinessCalendar {
  private readonly clock: ZoneClock;
  private readonly origin: number;
  private readonly open: boolean[];
  private readonly startOfDay: number;
  private readonly endOfDay: number;
  private readonly blockedUntil: number;
  private starts: Float64Array = new Float64Array(256);
  private ends: Float64Array = new Float64Array(256);
  private cumulative: Float64Array = new Float64Array(256);
  private count = 0;
  private nextDayWall: number;
  /** Business minutes counted before the submission (intervals start the day before). */
  private atSubmission = 0;

  /** `hours` must open at least once a week (see `weeklyMinutes`). */
  constructor(hours: BusinessHours, clock: ZoneClock, origin: number, blockedUntil: number) {
    this.clock = clock;
    this.origin = origin;
    this.open = WEEKDAYS.map((day) => hours.days.includes(day));
    this.startOfDay = clockMinutes(hours.start) ?? 9 * 60;
    const end = clockMinutes(hours.end) ?? 17 * 60;
    this.endOfDay = end > this.startOfDay ? end : end + 24 * 60;
    this.blockedUntil = blockedUntil;
    this.nextDayWall = Math.floor(clock.toWall(origin) / DAY) * DAY - DAY;
    this.generate(60);
    this.atSubmission = this.positionAt(0);
  }

  /** Business minutes counted up to `time` (minutes from the submission) within the listed days. */
  private positionAt(time: number): number {
    let position = 0;
    for (let k = 0; k < this.count && this.starts[k]! < time; k++) {
      position = this.cumulative[k]! + Math.min(time, this.ends[k]!) - this.starts[k]!;
    }
    return position;
  }

  /**
   * The time (minutes) at which `amount` business minutes have passed since `from`; NaN beyond the
   * horizon.
   */
  addBusinessMinutes(from: number, amount: number): number {
    return this.addSlowly(from, amount);
  }

  /**
   * Business minutes between the submission and `time` (minutes from the submission; negative
   * before it): the inverse of `addBusinessMinutes` from 0, for calibration, which reads how much
   * working time passed between two moments of a recorded activity.
   */
  businessMinutesAt(time: number): number {
    while (this.count === 0 || this.ends[this.count - 1]! < time) {
      if (!this.generate(366)) return NaN;
    }
    const k = firstIndex(this.ends, this.count, time, false);
    if (k >= this.count) return NaN;
    const inside = Math.max(0, Math.min(time, this.ends[k]!) - this.starts[k]!);
    return this.cumulative[k]! + inside - this.atSubmission;
  }

  /**
   * For the hot loop, in place (see `AggregationCalendar.verifyInPlace`): reads business minutes
   * from `times[i]`, counted from the submission, and writes the time they have passed there.
   */
  completeInPlace(times: Float64Array, i: number): void {
    const target = this.atSubmission + times[i]!;
    const count = this.count;
    if (
      times[i]! > 0 &&
      count > 0 &&
      target <= this.cumulative[count - 1]! + this.ends[count - 1]! - this.starts[count - 1]!
    ) {
      const last = firstIndex(this.cumulative, count, target, false) - 1;
      times[i] = this.starts[last]! + (target - this.cumulative[last]!);
      return;
    }
    times[i] = this.addSlowly(0, times[i]!);
  }

  private addSlowly(from: number, amount: number): number {
    if (!(amount > 0)) return from;
    while (this.count === 0 || this.ends[this.count - 1]! <= from) {
      if (!this.generate(366)) return NaN;
    }
    const first = firstIndex(this.ends, this.count, from, true);
    const target = this.cumulative[first]! + Math.max(0, from - this.starts[first]!) + amount;
    while (this.totalMinutes() < target) {
      if (!this.generate(366)) return NaN;
    }
    const last = firstIndex(this.cumulative, this.count, target, false) - 1;
    return this.starts[last]! + (target - this.cumulative[last]!);
  }

  private totalMinutes(): number {
    const last = this.count - 1;
    return last < 0 ? 0 : this.cumulative[last]! + this.ends[last]! - this.starts[last]!;
  }

  /** Adds `days` local days of intervals; false once the horizon is reached. */
  private generate(days: number): boolean {
    if ((this.nextDayWall - this.origin) / MINUTE > HORIZON_MINUTES) return false;
    for (let day = 0; day < days; day++) {
      const wall = this.nextDayWall;
      this.nextDayWall += DAY;
      if (!this.open[(Math.floor(wall / DAY) + 4) % 7]) continue;
      const start = Math.max(
        (this.clock.toUtc(wall + this.startOfDay * MINUTE) - this.origin) / MINUTE,
        this.blockedUntil,
      );
      const end = (this.clock.toUtc(wall + this.endOfDay * MINUTE) - this.origin) / MINUTE;
      if (end > start) this.push(start, end);
    }
    return true;
  }

  private push(start: number, end: number): void {
    if (this.count === this.starts.length) {
      this.starts = grow(this.starts, this.count);
      this.ends = grow(this.ends, this.count);
      this.cumulative = grow(this.cumulative, this.count);
    }
    this.cumulative[this.count] = this.totalMinutes();
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }
}
