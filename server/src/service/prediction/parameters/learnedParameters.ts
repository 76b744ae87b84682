/**
 * Where a source's learned figures come from (`timing.learned`, written by `isc-plan calibrate`;
 * docs/prediction-model.md#calibration), in the words the hover and the dry-run view show:
 * "learned from 412 activities (Sep–Nov 2026)". A learned figure is given by the catalog, so it is
 * no assumption; this says what it rests on.
 */

import type { CatalogSource } from '../../catalog/types';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** What each learned field is called in a sentence, per channel. */
const FIELD_NAMES: Record<'connector' | 'manual', Record<string, string>> = {
  connector: {
    queueMinutes: 'time until visible (queue, execution and replication together)',
    failureRate: 'failure rate',
  },
  manual: { completionHours: 'completion time', driftRate: 'drift rate' },
};

/** `2026-09-02` and `2026-11-27` as `Sep–Nov 2026`; `Nov 2025–Feb 2026` across a year. */
export function monthSpan(from: string, to: string): string {
  const [fromYear, fromMonth] = [from.slice(0, 4), MONTHS[Number(from.slice(5, 7)) - 1] ?? from];
  const [toYear, toMonth] = [to.slice(0, 4), MONTHS[Number(to.slice(5, 7)) - 1] ?? to];
  if (fromYear !== toYear) return `${fromMonth} ${fromYear}–${toMonth} ${toYear}`;
  return fromMonth === toMonth ? `${fromMonth} ${fromYear}` : `${fromMonth}–${toMonth} ${fromYear}`;
}

/** The provenance line of a source's learned figures for a unit of `channel`; undefined when none apply. */
export function learnedNote(
  name: string,
  source: CatalogSource | undefined,
  channel: 'connector' | 'manual' | 'ticketing',
): string | undefined {
  const learned = source?.timing?.learned;
  if (!learned || channel === 'ticketing') return undefined;
  const names = learned.fields.flatMap((field) => {
    const text = FIELD_NAMES[channel][field];
    return text ? [text] : [];
  });
  if (names.length === 0) return undefined;
  const count = learned.activities.toLocaleString('en-US');
  return `${name}: ${names.join(', ')} learned from ${count} activities (${monthSpan(learned.from, learned.to)}) by isc-plan calibrate.`;
}
