/**
 * Validates a produced plan the way `isc-plan validate` would at the place it is written (so the
 * catalogs beside it are found) and sums it up: requests per predicted channel, errors, warnings.
 */

import type { Channel } from '../../../../shared/prediction';
import { CHANNELS, zeroPerChannel } from '../../../../shared/prediction';
import type { Finding } from '../findings/finding';
import { ensureDecision } from '../document/requestState';
import type { PlanService } from '../planService';

/** What validating a produced plan found. */
export interface PlanCheck {
  requests: number;
  channels: Record<Channel, number>;
  errors: number;
  warnings: number;
  /** Every finding, ordered by place; offsets into the plan text. */
  findings: Finding[];
}

const CHANNEL_ORDER: readonly Channel[] = CHANNELS;

/**
 * Opens `text` as the plan at `path` in `service`, validates it and closes it again. A file the
 * service already holds under `path` (open in the editor) is left alone: the check then runs
 * under a sibling name, which finds the same catalogs.
 */
export function checkPlan(service: PlanService, path: string, text: string): PlanCheck {
  const probe = service.file(path) ? `${path}.import-check` : path;
  const file = service.open(probe, text, { role: 'plan', format: 'yaml' });
  try {
    const findings = service.findings(probe);
    const channels = zeroPerChannel();
    let requests = 0;
    for (const doc of file ? file.docs : []) {
      if (doc.kind !== 'plan' || !file) continue;
      const catalog = service.catalogsOf(file, doc).catalog;
      for (const state of doc.requests) {
        requests++;
        channels[ensureDecision(state, catalog).decision?.channel ?? 'unknown']++;
      }
    }
    const count = (severity: Finding['severity']): number =>
      findings.filter((f) => f.severity === severity).length;
    return { requests, channels, errors: count('error'), warnings: count('warning'), findings };
  } finally {
    service.close(probe);
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `3 requests (2 connector, 1 ticketing), 0 errors, 1 warning`. */
export function summaryLine(check: PlanCheck): string {
  const channels = CHANNEL_ORDER.filter((c) => check.channels[c] > 0).map((c) => `${check.channels[c]} ${c}`);
  return `${plural(check.requests, 'request')}${channels.length > 0 ? ` (${channels.join(', ')})` : ''}, ${plural(check.errors, 'error')}, ${plural(check.warnings, 'warning')}`;
}
