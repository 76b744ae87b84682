import { ZoneClock } from '../service/time/zoneClock';
import { UsageError } from './context';

/** `--at`: a date, or a date and time, with an optional UTC offset (`Z`, `+01:00`, `-0500`). */
const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** The instant `--at` names, and the zone an offset-less time was read in (for a note). */
export interface SubmissionTime {
  at: number;
  /** Set when `--at` had no offset: the time zone it was read in. */
  readIn?: string;
}

/**
 * The submission time of `--at`. A time with an offset is that instant; one without is read in
 * `timeZone` (the catalog's, else UTC), so that the result does not depend on the machine's `TZ`.
 * Impossible dates and times (2026-02-30, 25:00) are refused rather than rolled over.
 */
export function parseSubmissionTime(at: string, timeZone: string | null): SubmissionTime {
  const match = ISO_TIME.exec(at.trim());
  const refuse = (why: string): never => {
    throw new UsageError(`--at ${why}, not "${at}"`);
  };
  if (!match) return refuse('must be an ISO 8601 time such as 2026-11-25T09:00:00Z');
  const [year, month, day, hour, minute, second, milli] = match.slice(1, 8).map((f) => Number(f ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (hour > 23 || minute > 59 || second > 59) refuse('names a time of day that does not exist');
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, milli);
  const date = new Date(wall);
  if (month < 1 || month > 12 || date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) {
    refuse(`names a day that does not exist (${match[1]}-${match[2]}-${match[3]})`);
  }
  const offset = match[8];
  if (offset !== undefined) return { at: wall - offsetMinutes(offset) * 60_000 };
  const zone = timeZone ?? 'UTC';
  return { at: new ZoneClock(zone, wall).toUtc(wall), readIn: zone };
}

function offsetMinutes(offset: string): number {
  if (offset.toUpperCase() === 'Z') return 0;
  const digits = offset.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}
