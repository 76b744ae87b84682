import type { Finding } from '../findings';
import { finding } from '../findings';
import type { AccountRequestView } from '../model/requestView';
import type { MapNode } from '../syntax/ast';

/** `no-catalog`: placed on the plan's `kind` key (or its first key). */
export function noCatalogFinding(root: MapNode): Finding | undefined {
  const anchor = root.pairs.find((p) => p.key.value === 'kind')?.key ?? root.pairs[0]?.key;
  if (!anchor) return undefined;
  return finding(
    'no-catalog',
    anchor.start,
    anchor.end,
    'This plan has no source catalog (no catalog: key, no *.sources.yaml next to it or above it, none in the settings or on the command line) and no inline sources:, so no channel can be predicted. Point catalog: at a catalog or a tenant export.',
  );
}

const EXCLUSIVE: Record<string, string[]> = {
  Enable: ['Disable'],
  Disable: ['Enable'],
  Lock: ['Unlock'],
  Unlock: ['Lock'],
};

/**
 * `conflicting-account-requests`: two requests for one account (source + nativeIdentity) that
 * cannot both happen. Reported on the second request's operation.
 */
export function conflictingAccountRequests(views: readonly AccountRequestView[]): Finding[] {
  const findings: Finding[] = [];
  const seen = new Map<string, { operation: string; index: number }[]>();
  views.forEach((view, index) => {
    const operation = view.operation;
    if (!view.source || !view.nativeIdentity || !operation) return;
    const key = `${view.source.value}\u0000${view.nativeIdentity.value}`;
    const earlier = seen.get(key) ?? [];
    const clash = earlier.find(
      (e) => e.operation === 'Delete' || operation.value === 'Delete' || EXCLUSIVE[operation.value]?.includes(e.operation),
    );
    if (clash) {
      findings.push(
        finding(
          'conflicting-account-requests',
          operation.node.start,
          operation.node.end,
          `This ${operation.value} and the ${clash.operation} of request ${clash.index + 1} are for the same account (${view.source.value}, ${view.nativeIdentity.value}) and cannot both happen; ISC does not guarantee their order. Remove one of them.`,
        ),
      );
    }
    earlier.push({ operation: operation.value, index });
    seen.set(key, earlier);
  });
  return findings;
}
