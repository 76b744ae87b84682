import { holdsLiteral, isSecretAttribute, SECRET_MASK } from '../../catalog/secrets';
import type { MergedCatalog } from '../../catalog/types';
import type { PlanDocument } from '../../document/planDocument';
import type { NodeHit } from '../../syntax/ast';
import { code } from '../../text/markdown';

/**
 * The hover on the value of a secret attribute (`password`, or one the account schema marks
 * `secret`): it shows `********` in place of the value, like every other output.
 */
export function secretValueHover(
  doc: PlanDocument,
  hit: NodeHit,
  offset: number,
  catalog: MergedCatalog | undefined,
): { markdown: string; start: number; end: number } | undefined {
  const [requests, index, attributes] = hit.path;
  if (requests !== 'accountRequests' || typeof index !== 'number' || attributes !== 'attributeRequests') {
    return undefined;
  }
  const view = doc.requests[index]?.view;
  const attribute = view?.attributeRequests.find(
    (a) => a.valueNode !== null && offset >= a.valueNode.start && offset <= a.valueNode.end,
  );
  const name = attribute?.name?.value;
  if (!attribute?.valueNode || !name) return undefined;
  const source = view?.source ? catalog?.findSource(view.source.value) : undefined;
  if (!isSecretAttribute(name, source)) return undefined;
  const lines = [
    `**Secret value** (${code(name)}): ${code(SECRET_MASK)}`,
    `isc-plan never prints a secret attribute's value: reports, the trigger payload, the dry-run view and hovers show ${code(SECRET_MASK)}.`,
  ];
  if (holdsLiteral(attribute.value)) {
    lines.push(
      `This looks like a real value (${code('plaintext-secret')}): a plan file is plain text. Write a placeholder instead.`,
    );
  }
  return { markdown: lines.join('\n\n'), start: attribute.valueNode.start, end: attribute.valueNode.end };
}
