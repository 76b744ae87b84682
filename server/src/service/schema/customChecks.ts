import type { Finding } from '../findings/finding';
import { finding } from '../findings/finding';
import { isClock } from '../catalog/readTiming';
import type { MapNode, ValueNode } from '../syntax/ast';
import { getValue, stringOf } from '../syntax/ast';
import { isTimeZone } from '../time/zoneClock';

/**
 * Structural conditions JSON Schema cannot express, reported as `schema` findings: p50 <= p90 in
 * every duration, a business day that ends after it starts, an IANA time zone.
 */
export function customSchemaFindings(node: ValueNode | null | undefined): Finding[] {
  const findings: Finding[] = [];
  const visit = (current: ValueNode | null | undefined): void => {
    if (!current) return;
    if (current.kind === 'seq') {
      for (const item of current.items) visit(item);
      return;
    }
    if (current.kind !== 'map') return;
    checkDuration(current, findings);
    checkBusinessHours(current, findings);
    for (const pair of current.pairs) {
      if (pair.key.value === 'timeZone') checkTimeZone(pair.value, findings);
      visit(pair.value);
    }
  };
  visit(node);
  return findings;
}

function checkDuration(map: MapNode, findings: Finding[]): void {
  const p50 = getValue(map, 'p50');
  const p90 = getValue(map, 'p90');
  if (p50?.kind !== 'scalar' || p90?.kind !== 'scalar') return;
  if (typeof p50.value !== 'number' || typeof p90.value !== 'number' || p50.value <= p90.value) return;
  findings.push(
    finding(
      'schema',
      p50.start,
      p50.end,
      `p50 (${p50.value}) is greater than p90 (${p90.value}): the median cannot exceed the 90th percentile. Swap them or correct one.`,
    ),
  );
}

function checkBusinessHours(map: MapNode, findings: Finding[]): void {
  const start = getValue(map, 'start');
  const end = getValue(map, 'end');
  const from = stringOf(start);
  const to = stringOf(end);
  if (!getValue(map, 'days') || !from || !to || !end || !isClock(from) || !isClock(to) || from < to) return;
  findings.push(
    finding(
      'schema',
      end.start,
      end.end,
      `The business day ends (${to}) before it starts (${from}); give start and end as HH:MM with start earlier.`,
    ),
  );
}

function checkTimeZone(node: ValueNode | null, findings: Finding[]): void {
  const zone = stringOf(node);
  if (!zone || !node || isTimeZone(zone)) return;
  findings.push(
    finding(
      'schema',
      node.start,
      node.end,
      `"${zone}" is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC).`,
    ),
  );
}
