import type { Finding } from '../findings/finding';
import { changeTo, finding } from '../findings/finding';
import { checkQuartz, firesFrom2026 } from '../time/cron';
import type { MapNode, ValueNode } from '../syntax/ast';
import { getPair, getValue, stringOf, toValue } from '../syntax/ast';
import { closest } from '../text/closest';
import { quantilesOf } from '../catalog/readTiming';
import { STATUS_CHECK_DEFAULTS } from '../catalog/iscDefaults';
import { workflowP90Hours } from './workflowQuantile';

const MAPPED_STATUSES = ['Committed', 'Queued', 'Failed'];

function maps(node: ValueNode | null | undefined): MapNode[] {
  return node?.kind === 'seq' ? node.items.filter((i): i is MapNode => i.kind === 'map') : [];
}

/** The catalog rules of docs/rules.md#catalog-rules for one SourceCatalog document (or a plan's inline sources). */
export function catalogRules(root: MapNode, sourcesKey = 'sources'): Finding[] {
  const sources = maps(getValue(root, sourcesKey));
  const integrations = maps(getValue(root, 'serviceDeskIntegrations'));
  const maxDays = Number(
    toValue(getValue(getValue(root, 'statusCheck'), 'provisioningMaxStatusCheckDays') ?? null),
  );
  return [
    ...duplicateNames(sources, 'source'),
    ...duplicateNames(integrations, 'service desk integration'),
    ...sources.flatMap((source) => cronRule(source)),
    ...(sourcesKey === 'sources' ? cronRule(root, 'identityRefresh') : []),
    ...multipleManagers(integrations),
    ...integrations.flatMap((sdim) =>
      integrationRules(sdim, Number.isFinite(maxDays) && maxDays > 0 ? maxDays : undefined),
    ),
  ];
}

function duplicateNames(entries: readonly MapNode[], what: string): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  // SDIM names are documented as unique (ServiceDeskIntegrationDto); source names are not.
  const unique =
    what === 'source'
      ? "ISC source names are unique (the model's assumption)"
      : 'ISC requires unique integration names';
  for (const entry of entries) {
    const node = getValue(entry, 'name');
    const name = stringOf(node);
    if (!name || !node) continue;
    if (seen.has(name)) {
      findings.push(
        finding(
          'duplicate-source',
          node.start,
          node.end,
          `A second ${what} named "${name}" in this catalog file; ${unique}, and isc-plan could not tell which one a plan means. Remove or rename one.`,
        ),
      );
    }
    seen.add(name);
  }
  return findings;
}

/** `invalid-cron` on the `schedule` of `block` (a source's aggregation, the catalog's identity refresh). */
function cronRule(entry: MapNode, block = 'aggregation'): Finding[] {
  const node = getValue(getValue(entry, block), 'schedule');
  const schedule = stringOf(node);
  if (!node || schedule === undefined || schedule.trim().toLowerCase() === 'none') return [];
  const check = checkQuartz(schedule);
  if (!check.ok) {
    return [
      finding('invalid-cron', node.start, node.end, `Not a valid Quartz cron expression: ${check.message}`),
    ];
  }
  if (firesFrom2026(schedule)) return [];
  const message = `"${schedule.trim()}" never runs: no date from 2026 on matches it (a day the month does not have, such as 30 February, or only past years). Nothing would ever be ${block === 'aggregation' ? 'aggregated, so no change would be verified' : 'refreshed'}; fix the day, month or year.`;
  return [finding('invalid-cron', node.start, node.end, message)];
}

function multipleManagers(integrations: readonly MapNode[]): Finding[] {
  const findings: Finding[] = [];
  const managedBy = new Map<string, string>();
  for (const sdim of integrations) {
    const name = stringOf(getValue(sdim, 'name')) ?? 'this integration';
    const managed = getValue(sdim, 'managedSources');
    if (managed?.kind !== 'seq') continue;
    for (const item of managed.items) {
      const source = stringOf(item);
      if (!source) continue;
      const earlier = managedBy.get(source);
      if (earlier === undefined || earlier === name) {
        managedBy.set(source, name);
        continue;
      }
      const message = `"${source}" is already managed by "${earlier}"; ISC routes a source through one service desk integration only (the model's assumption: ISC documents no source listed by two), so which one gets the ticket cannot be told. Remove it from one of them.`;
      findings.push(finding('source-multiple-sdims', item.start, item.end, message));
    }
  }
  return findings;
}

function integrationRules(sdim: MapNode, maxDays: number | undefined): Finding[] {
  const findings: Finding[] = [];
  const universal = getPair(sdim, 'universalManager');
  const managed = getPair(sdim, 'managedSources');
  const managedCount = managed?.value?.kind === 'seq' ? managed.value.items.length : 0;
  if (universal && toValue(universal.value) === true && managed && managedCount > 0) {
    findings.push(
      finding(
        'sdim-universal-with-managed',
        managed.key.start,
        managed.key.end,
        'A universal manager (universalManager: true) handles every source; ISC allows no managedSources with it. Remove managedSources or set universalManager to false.',
        [
          {
            kind: 'remove',
            title: 'Remove managedSources',
            start: managed.key.start,
            end: managed.value?.end ?? managed.key.end,
          },
        ],
      ),
    );
  }
  findings.push(...statusMapRules(sdim));
  findings.push(...pollingWindow(sdim, maxDays));
  return findings;
}

function statusMapRules(sdim: MapNode): Finding[] {
  const pair = getPair(sdim, 'statusMap');
  if (!pair || pair.value?.kind !== 'map') return [];
  const findings: Finding[] = [];
  let committed = false;
  for (const entry of pair.value.pairs) {
    const value = stringOf(entry.value);
    if (value === 'Committed') committed = true;
    if (value === undefined || MAPPED_STATUSES.includes(value) || !entry.value) continue;
    const suggestion = closest(value, MAPPED_STATUSES);
    findings.push(
      finding(
        'sdim-status-value',
        entry.value.start,
        entry.value.end,
        `"${value}" is not a status ISC knows: a ticket status maps to Committed, Queued or Failed.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
        suggestion ? [changeTo(entry.value, suggestion)] : [],
      ),
    );
  }
  if (!committed && pair.value.pairs.length > 0) {
    findings.push(
      finding(
        'sdim-no-committed',
        pair.key.start,
        pair.key.end,
        'No ticket status maps to Committed, so ISC could never see a ticket as done; ISC requires at least one Committed status (e.g. closed_complete: Committed).',
      ),
    );
  }
  return findings;
}

function pollingWindow(sdim: MapNode, maxDays: number | undefined): Finding[] {
  const pair = getPair(sdim, 'ticketWorkflow');
  if (!pair || pair.value?.kind !== 'seq') return [];
  const durations = pair.value.items
    .map((state) => quantilesOf(toValue(getValue(state, 'hours') ?? null)))
    .filter((q): q is { p50: number; p90: number } => q !== undefined);
  if (durations.length === 0) return [];
  const p90 = workflowP90Hours(durations);
  const days = maxDays ?? STATUS_CHECK_DEFAULTS.provisioningMaxStatusCheckDays;
  if (p90 <= days * 24) return [];
  const source = maxDays === undefined ? ' (the default: no statusCheck in this file)' : '';
  return [
    finding(
      'sdim-polling-window',
      pair.key.start,
      pair.key.end,
      `This ticket workflow takes ${Math.round(p90)} working hours at the 90th percentile, longer than ISC keeps checking in calendar time (provisioningMaxStatusCheckDays ${days} = ${days * 24} hours${source}): ISC would stop checking before many tickets close, and they would stay pending. Raise provisioningMaxStatusCheckDays or shorten the workflow.`,
    ),
  ];
}
