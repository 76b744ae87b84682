/**
 * Calendars of the dry run, precomputed once per prediction so that every Monte Carlo sample is a
 * binary search: aggregation run times per source, and business-hours intervals per owner. All
 * times are minutes from the submission; wall-clock arithmetic goes through a `ZoneClock` built on
 * `Intl.DateTimeFormat`, which handles daylight saving time.
 */

import type { BusinessHours, Weekday } from '../catalog/types';
import type { QuartzSchedule } from './cron';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Nothing is simulated further out than this (minutes); later milestones count as not reached. */
export const HORIZON_MINUTES = 6 * 365 * 24 * 60;

/** True when the runtime knows the IANA time zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** A time zone's UTC offsets, sampled lazily and kept as a table of transitions. */
export class ZoneClock {
  readonly timeZone: string;
  private readonly format: Intl.DateTimeFormat | null;
  private readonly changes: number[] = [];
  private readonly offsets: number[] = [];
  private readonly coveredFrom: number;
  private coveredTo: number;
  private baseOffset: number;

  /** `around`: epoch ms near which most questions fall (the submission). */
  constructor(timeZone: string, around: number) {
    this.timeZone = timeZone;
    const utc = timeZone === 'UTC' || timeZone === 'Etc/UTC';
    this.format = utc
      ? null
      : new Intl.DateTimeFormat('en-US', {
          timeZone,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
        });
    this.coveredFrom = Math.floor((around - 40 * DAY) / MINUTE) * MINUTE;
    this.coveredTo = this.coveredFrom;
    this.baseOffset = this.rawOffset(this.coveredFrom);
  }

  /** Offset (ms) of local time from UTC at epoch ms `utc`. */
  offsetAt(utc: number): number {
    if (this.format === null) return 0;
    if (utc < this.coveredFrom) return this.rawOffset(utc);
    if (utc > this.coveredTo) this.extend(Math.max(utc, this.coveredTo + 366 * DAY));
    let lo = 0;
    let hi = this.changes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.changes[mid]! <= utc) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? this.baseOffset : this.offsets[lo - 1]!;
  }

  /** Wall-clock ms (local fields read as UTC) of an instant. */
  toWall(utc: number): number {
    return utc + this.offsetAt(utc);
  }

  /**
   * The instant of a wall-clock time. An ambiguous time (clocks going back) is its earlier instant;
   * a time that does not exist (clocks going forward) is the instant the gap ends.
   */
  toUtc(wall: number): number {
    if (this.format === null) return wall;
    const before = this.offsetAt(wall - DAY);
    const after = this.offsetAt(wall + DAY);
    if (before === after) return wall - before;
    const early = wall - before;
    const late = wall - after;
    const earlyValid = this.offsetAt(early) === before;
    const lateValid = this.offsetAt(late) === after;
    if (earlyValid && lateValid) return Math.min(early, late);
    if (earlyValid) return early;
    if (lateValid) return late;
    return this.nextChange(Math.min(early, late));
  }

  private nextChange(utc: number): number {
    for (const change of this.changes) if (change > utc) return change;
    return utc;
  }

  private extend(until: number): void {
    const step = 7 * DAY;
    let time = this.coveredTo;
    let offset = this.offsetAtCovered(time);
    while (time < until) {
      const next = time + step;
      const nextOffset = this.rawOffset(next);
      if (nextOffset !== offset) {
        const change = this.bisect(time, next, offset);
        this.changes.push(change);
        this.offsets.push(this.rawOffset(change));
        offset = this.rawOffset(next);
        if (this.offsets[this.offsets.length - 1] !== offset) {
          // Two changes within a week: sample the rest of the week again from the first change.
          time = change;
          continue;
        }
      }
      time = next;
    }
    this.coveredTo = time;
  }

  private offsetAtCovered(utc: number): number {
    return this.changes.length === 0 || this.changes[0]! > utc ? this.baseOffset : this.offsets[this.offsets.length - 1]!;
  }

  /** First minute in (lo, hi] whose offset differs from `offset`. */
  private bisect(lo: number, hi: number, offset: number): number {
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (this.rawOffset(mid) === offset) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  private rawOffset(utc: number): number {
    if (this.format === null) return 0;
    const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    for (const part of this.format.formatToParts(new Date(utc))) {
      if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
    }
    const wall = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
    return wall - Math.floor(utc / 1000) * 1000;
  }
}

/** Grows a Float64Array by doubling, keeping the first `used` values. */
function grow(array: Float64Array, used: number): Float64Array {
  const next = new Float64Array(Math.max(16, array.length * 2));
  next.set(array.subarray(0, used));
  return next;
}

/** First index in sorted `values[0, count)` whose value is >= `x` (count when none). */
function lowerBound(values: Float64Array, count: number, x: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in sorted `values[0, count)` whose value is > `x` (count when none). */
function upperBound(values: Float64Array, count: number, x: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How far the run list is kept in memory; later questions ask the schedule directly. */
const LISTED_MINUTES = 3 * 365 * 24 * 60;
const CHUNK_RUNS = 2000;

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
    this.schedule = schedule;
    this.clock = clock;
    this.origin = origin;
    this.durationMinutes = durationMinutes;
    this.list(60 * 24 * 60);
  }

  /** Start (minutes) of the first run at or after `minutes`; NaN when there is none. */
  nextStart(minutes: number): number {
    if (!(minutes <= HORIZON_MINUTES)) return NaN;
    if (minutes <= LISTED_MINUTES) {
      for (;;) {
        if (minutes <= this.listedTo) {
          const index = lowerBound(this.starts, this.count, minutes);
          if (index < this.count) return this.starts[index]!;
          if (this.listedTo >= LISTED_MINUTES) break;
        }
        this.list(Math.max(minutes + 7 * 24 * 60, this.listedTo * 2));
      }
    }
    return this.askSchedule(Math.max(minutes, LISTED_MINUTES));
  }

  /**
   * End (minutes) of the first run starting at or after `minutes`: when that change is verified.
   * The common case is kept small enough for the optimiser to inline into the hot loop.
   */
  verifiedAt(minutes: number): number {
    if (minutes <= this.listedTo) {
      const index = lowerBound(this.starts, this.count, minutes);
      if (index < this.count) return this.starts[index]! + this.durationMinutes;
    }
    return this.nextStart(minutes) + this.durationMinutes;
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
    const start = next === undefined ? NaN : Math.max(minutes, (this.clock.toUtc(next) - this.origin) / MINUTE);
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
  }

  /**
   * The time (minutes) at which `amount` business minutes have passed since `from`; NaN beyond the
   * horizon.
   */
  addBusinessMinutes(from: number, amount: number): number {
    if (!(amount > 0)) return from;
    if (this.count > 0 && this.ends[this.count - 1]! > from) {
      const first = upperBound(this.ends, this.count, from);
      const target = this.cumulative[first]! + Math.max(0, from - this.starts[first]!) + amount;
      if (target <= this.totalMinutes()) {
        const last = lowerBound(this.cumulative, this.count, target) - 1;
        return this.starts[last]! + (target - this.cumulative[last]!);
      }
    }
    return this.addSlowly(from, amount);
  }

  private addSlowly(from: number, amount: number): number {
    while (this.count === 0 || this.ends[this.count - 1]! <= from) {
      if (!this.generate(366)) return NaN;
    }
    const first = upperBound(this.ends, this.count, from);
    const target = this.cumulative[first]! + Math.max(0, from - this.starts[first]!) + amount;
    while (this.totalMinutes() < target) {
      if (!this.generate(366)) return NaN;
    }
    const last = lowerBound(this.cumulative, this.count, target) - 1;
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
      const start = Math.max((this.clock.toUtc(wall + this.startOfDay * MINUTE) - this.origin) / MINUTE, this.blockedUntil);
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
