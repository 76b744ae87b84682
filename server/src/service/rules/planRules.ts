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

/** A request's part in the check: its account and operation (the strings the check compares). */
type AccountRequest = { view: AccountRequestView | null; accountKey: string | undefined };

/** A clash found: the request whose operation is reported, and the earlier one it clashes with. */
interface Clash {
  index: number;
  earlier: { operation: string; index: number };
}

/** The last check of each list of requests: what it compared, and the clashes it found. */
const lastCheck = new WeakMap<readonly AccountRequest[], { compared: Compared[]; clashes: Clash[] }>();

/** What the check reads of a request. */
type Compared = { account: string | undefined; operation: string | undefined };

function comparedOf({ view, accountKey }: AccountRequest): Compared {
  return { account: accountKey, operation: view?.operation?.value };
}

function unchanged(compared: readonly Compared[], requests: readonly AccountRequest[]): boolean {
  if (compared.length !== requests.length) return false;
  for (let i = 0; i < compared.length; i++) {
    const { account, operation } = compared[i]!;
    const request = requests[i]!;
    if (account !== request.accountKey || operation !== request.view?.operation?.value) return false;
  }
  return true;
}

/**
 * `conflicting-account-requests`: two requests for one account (source + nativeIdentity) that
 * cannot both happen. Reported on the second request's operation. The clashes found are kept per
 * list of requests: after an edit that changed no account or operation (most keystrokes), they are
 * only placed again, without hashing every request of a large plan anew.
 */
export function conflictingAccountRequests(requests: readonly AccountRequest[]): Finding[] {
  const last = lastCheck.get(requests);
  let clashes = last && unchanged(last.compared, requests) ? last.clashes : undefined;
  if (!clashes) {
    clashes = findClashes(requests);
    lastCheck.set(requests, { compared: requests.map(comparedOf), clashes });
  }
  return clashes.map(({ index, earlier }) => {
    const view = requests[index]!.view!;
    const operation = view.operation!;
    return finding(
      'conflicting-account-requests',
      operation.node.start,
      operation.node.end,
      `This ${operation.value} and the ${earlier.operation} of request ${earlier.index + 1} are for the same account (${view.source?.value ?? ''}, ${view.nativeIdentity?.value ?? ''}) and cannot both happen; ISC does not guarantee their order. Remove one of them.`,
    );
  });
}

function findClashes(requests: readonly AccountRequest[]): Clash[] {
  const clashes: Clash[] = [];
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
    if (clash) clashes.push({ index, earlier: clash });
    earlier.push({ operation: operation.value, index });
  });
  return clashes;
}
