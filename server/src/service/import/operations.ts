/**
 * Operation spellings of ISC's surfaces mapped to ours. ISC writes the same operation as `ADD`
 * (account activities API) or `Add` (search documents, the trigger, a SaaS connector's change
 * `op`), so matching ignores case. An operation we cannot map is kept as written, with a comment: the
 * produced plan then shows a schema error on it instead of a silent guess.
 */

const ACCOUNT_OPERATIONS = ['Create', 'Modify', 'Delete', 'Enable', 'Disable', 'Lock', 'Unlock'] as const;
const ATTRIBUTE_OPERATIONS = ['Add', 'Set', 'Remove'] as const;

/** An operation in our spelling and the comments that explain how it was obtained. */
export interface MappedOperation {
  operation: string;
  comments: string[];
}

function byCase<T extends string>(known: readonly T[], written: string): T | undefined {
  const lower = written.trim().toLowerCase();
  return known.find((op) => op.toLowerCase() === lower);
}

/** An account operation (`op`, `accountOperation`, IIQ `op`) in our spelling. */
export function accountOperation(written: string | undefined): MappedOperation {
  if (written === undefined) {
    return { operation: 'Modify', comments: ['The record gives no account operation: imported as Modify.'] };
  }
  const known = byCase(ACCOUNT_OPERATIONS, written);
  if (known) return { operation: known, comments: [] };
  return {
    operation: written,
    comments: [
      `Account operation "${written}" is not one isc-plan knows (Create, Modify, Delete, Enable, Disable, Lock, Unlock): kept as written; correct it by hand.`,
    ],
  };
}

/**
 * An attribute or permission operation in our spelling. IdentityIQ's `Revoke` (remove and keep it
 * from coming back) and `Retain` (keep a value an assignment would otherwise take away) have no ISC
 * equivalent: the closest change ISC can make is used, and the comment says so.
 */
export function attributeOperation(written: string | undefined): MappedOperation {
  if (written === undefined) {
    return {
      operation: 'Set',
      comments: ["The record gives no operation: imported as Set, IdentityIQ's default."],
    };
  }
  const known = byCase(ATTRIBUTE_OPERATIONS, written);
  if (known) return { operation: known, comments: [] };
  const lower = written.trim().toLowerCase();
  if (lower === 'revoke') {
    return {
      operation: 'Remove',
      comments: [
        'IdentityIQ op Revoke (remove, and keep it from being added again): imported as Remove, the closest ISC operation.',
      ],
    };
  }
  if (lower === 'retain') {
    return {
      operation: 'Add',
      comments: [
        'IdentityIQ op Retain (keep the value although an assignment no longer needs it): imported as Add, which makes sure the value is there.',
      ],
    };
  }
  return {
    operation: written,
    comments: [
      `Operation "${written}" is not one isc-plan knows (Add, Set, Remove): kept as written; correct it by hand.`,
    ],
  };
}
