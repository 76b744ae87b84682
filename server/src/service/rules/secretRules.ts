import type { CatalogSource } from '../catalog/types';
import { holdsLiteral, isSecretAttribute, SECRET_MASK } from '../catalog/secrets';
import type { Finding } from '../findings/finding';
import { changeTo, finding } from '../findings/finding';
import type { AccountRequestView } from '../request/accountRequestView';

/**
 * `plaintext-secret`: a literal value for `password` or for an attribute the account schema marks
 * `secret`, on the value node. The message never repeats the value.
 */
export function plaintextSecrets(view: AccountRequestView, source: CatalogSource | undefined): Finding[] {
  const findings: Finding[] = [];
  for (const attribute of view.attributeRequests) {
    const name = attribute.name?.value;
    const node = attribute.valueNode;
    if (!name || !node || !isSecretAttribute(name, source) || !holdsLiteral(attribute.value)) continue;
    const what =
      name.toLowerCase() === 'password'
        ? 'A literal password is written here'
        : `A literal value is written for "${name}", which ${source?.name ?? 'the source'}'s account schema marks secret`;
    findings.push(
      finding(
        'plaintext-secret',
        node.start,
        node.end,
        `${what}. A plan file is plain text, readable by anyone who can read the file or its history: write a placeholder such as ${SECRET_MASK} or {{password}} instead.`,
        node.kind === 'scalar' ? [changeTo(node, SECRET_MASK)] : [],
      ),
    );
  }
  return findings;
}
