import type { Finding } from '../findings/finding';
import { finding } from '../findings/finding';
import type { AccountRequestView } from '../request/accountRequestView';
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

/** The account a request is for (source + nativeIdentity), when it names both. */
export function accountKeyOf(view: AccountRequestView): string | undefined {
  if (!view.source || !view.nativeIdentity) return undefined;
  // Flattened once here, so that the per-edit check below only hashes ready strings.
  return `${view.source.value}\u0000${view.nativeIdentity.value}`.normalize();
}

/**
 * `conflicting-account-requests`: two requests for one account (source + nativeIdentity) that
 * cannot both happen. Reported on the second request's operation.
 */
export function conflictingAccountRequests(
  requests: readonly { view: AccountRequestView | null; accountKey: string | undefined }[],
): Finding[] {
  const findings: Finding[] = [];
  const seen = new Map<string, { operation: string; index: number }[]>();
  requests.forEach(({ view, accountKey }, index) => {
    const operation = view?.operation;
    if (!view || !accountKey || !operation) return;
    const earlier = seen.get(accountKey);
    if (!earlier) {
      seen.set(accountKey, [{ operation: operation.value, index }]);
      return;
    }
    const clash = earlier.find(
      (e) =>
        e.operation === 'Delete' ||
        operation.value === 'Delete' ||
        EXCLUSIVE[operation.value]?.includes(e.operation),
    );
    if (clash) {
      findings.push(
        finding(
          'conflicting-account-requests',
          operation.node.start,
          operation.node.end,
          `This ${operation.value} and the ${clash.operation} of request ${clash.index + 1} are for the same account (${view.source?.value ?? ''}, ${view.nativeIdentity?.value ?? ''}) and cannot both happen; ISC does not guarantee their order. Remove one of them.`,
        ),
      );
    }
    earlier.push({ operation: operation.value, index });
  });
  return findings;
}
