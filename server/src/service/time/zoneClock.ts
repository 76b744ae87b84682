/**
 * Time-zone offsets from `Intl.DateTimeFormat`, sampled lazily into a table of transitions so that
 * wall-clock arithmetic (aggregation schedules, business hours) is a binary search, DST included.
 */

import { zoneFormat as formatFor } from '../../../../shared/zoneFormat';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** True when the runtime knows the IANA time zone. */
export function isTimeZone(timeZone: string): boolean {
  return formatFor(timeZone) !== null;
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
    this.format = utc ? null : formatFor(timeZone);
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

  /** Samples weekly up to `until`, bisecting each change of offset to the minute. */
  private extend(until: number): void {
    const step = 7 * DAY;
    let time = this.coveredTo;
    let offset = this.offsetAtCovered(time);
    while (time < until) {
      const next = time + step;
      if (this.rawOffset(next) === offset) {
        time = next;
        continue;
      }
      // Continue from the change itself, so a second change within the same week is found too.
      const change = this.bisect(time, next, offset);
      offset = this.rawOffset(change);
      this.changes.push(change);
      this.offsets.push(offset);
      time = change;
    }
    this.coveredTo = time;
  }

  private offsetAtCovered(utc: number): number {
    return this.changes.length === 0 || this.changes[0]! > utc
      ? this.baseOffset
      : this.offsets[this.offsets.length - 1]!;
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
    const wall = Date.UTC(
      fields.year,
      fields.month - 1,
      fields.day,
      fields.hour,
      fields.minute,
      fields.second,
    );
    return wall - Math.floor(utc / 1000) * 1000;
  }
}
