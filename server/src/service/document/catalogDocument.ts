import type { CatalogContent } from '../catalog/types';
import { readCatalogDocument } from '../catalog/read';
import type { Finding } from '../findings/finding';
import { finding } from '../findings/finding';
import { catalogRules } from '../rules/catalogRules';
import { customSchemaFindings } from '../schema/customChecks';
import { getValidators } from '../schema/schemas';
import { schemaFindings } from '../schema/schemaFindings';
import { toValue } from '../syntax/ast';
import type { SyntaxDocument } from '../syntax/syntaxDocument';

/** One catalog document of a file: what it was recognised as, its content, and its findings. */
export interface CatalogDocument {
  kind: 'catalog';
  syntax: SyntaxDocument;
  /** Undefined when the document is none of the accepted catalog shapes. */
  content: CatalogContent | undefined;
  findings: Finding[];
}

/**
 * Reads and checks a catalog document (docs/formats.md#catalogs, #exports). `yamlText`, the file's text
 * when it is YAML, lets a value cut by a comma inside `{ }` be reported as such.
 */
export function createCatalogDocument(
  syntax: SyntaxDocument,
  file: string,
  yamlText?: string,
): CatalogDocument {
  const root = syntax.root;
  const content = syntax.limited ? undefined : readCatalogDocument(file, root);
  const findings = [...syntax.findings];
  if (root && !syntax.limited) {
    if (!content) {
      findings.push(
        finding(
          'schema',
          root.start,
          Math.min(root.end, root.start + 1),
          'This is not a catalog isc-plan recognises. Expected kind: SourceCatalog, or an ISC tenant export: a JSON array of sources or of service desk integrations, the status-check configuration, or an SP-Config export.',
        ),
      );
    } else if (content.shape === 'source-catalog' && root.kind === 'map') {
      findings.push(...schemaFindings(getValidators().catalog, toValue(root), root, yamlText));
      findings.push(...customSchemaFindings(root));
      findings.push(...catalogRules(root));
    }
  }
  return { kind: 'catalog', syntax, content, findings };
}
