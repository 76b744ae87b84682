/**
 * `Intl.DateTimeFormat`s that read the local date and time fields of an IANA time zone, cached by
 * zone: the plan service's wall-clock arithmetic and the outputs' zoned times share them.
 */

/**
 * Formatters by time zone: building an `Intl.DateTimeFormat` costs milliseconds, and the language
 * server predicts again on every edit. A cache of pure values, the same for every caller.
 */
const FORMATS = new Map<string, Intl.DateTimeFormat | null>();

/** The formatter reading local fields in `timeZone`, or null when the runtime does not know it. */
export function zoneFormat(timeZone: string): Intl.DateTimeFormat | null {
  let format = FORMATS.get(timeZone);
  if (format !== undefined) return format;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    format = null;
  }
  if (FORMATS.size > 64) FORMATS.clear();
  FORMATS.set(timeZone, format);
  return format;
}
