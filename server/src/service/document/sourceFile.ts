import type { FileType } from '../../../../shared/fileNames';
import { recogniseCatalog } from '../catalog/read';
import type { Finding } from '../findings/finding';
import { finding } from '../findings/finding';
import { getValue, stringOf } from '../syntax/ast';
import { parseJsonText } from '../syntax/jsonSyntax';
import type { Limits } from '../syntax/limits';
import { findBinaryContent } from '../syntax/limits';
import type { SyntaxDocument } from '../syntax/syntaxDocument';
import { limitFinding } from '../syntax/syntaxDocument';
import { parseYamlText } from '../syntax/yamlSyntax';
import type { CatalogDocument } from './catalogDocument';
import { createCatalogDocument } from './catalogDocument';
import type { PlanDocument } from './planDocument';
import { createPlanDocument } from './planDocument';

/** A document that is neither a plan nor a catalog (empty, or broken beyond recognition). */
export interface OtherDocument {
  kind: 'other';
  syntax: SyntaxDocument;
  findings: Finding[];
}

export type ParsedDocument = PlanDocument | CatalogDocument | OtherDocument;

/** Parses a whole file into document models. Never throws. */
export function parseFile(path: string, text: string, type: FileType, limits: Limits): ParsedDocument[] {
  const early = fileLevelProblem(text, limits);
  if (early) {
    return [
      {
        kind: 'other',
        syntax: { start: 0, end: text.length, root: null, findings: [early], limited: true },
        findings: [early],
      },
    ];
  }
  const syntaxDocs = type.format === 'json' ? [parseJsonText(text, limits)] : parseYamlText(text, limits);
  return syntaxDocs.map((syntax) => modelOf(syntax, text, path, type));
}

/**
 * The finding of a plan file with no content (nothing, blank lines, YAML comments), which would
 * otherwise pass as clean in YAML and be "value expected" in JSON; undefined for any other file.
 * When it is given, it is the file's only finding: one cause, one message.
 */
export function emptyPlanFinding(
  type: FileType,
  docs: readonly ParsedDocument[],
  text: string,
): Finding | undefined {
  if (type.role !== 'plan') return undefined;
  const empty =
    type.format === 'json'
      ? text.replace(/^\uFEFF/, '').trim() === ''
      : docs.every((d) => d.syntax.root === null && d.syntax.findings.length === 0);
  if (!empty) return undefined;
  return finding(
    'schema',
    0,
    0,
    'The plan file is empty (no document, or only comments): a plan file holds a provisioning plan (kind: ProvisioningPlan, identity:, accountRequests:).',
  );
}

function fileLevelProblem(text: string, limits: Limits): Finding | undefined {
  if (text.length > limits.maxFileLength) {
    const size = (text.length / (1024 * 1024)).toFixed(1);
    const max = (limits.maxFileLength / (1024 * 1024)).toFixed(0);
    return limitFinding(
      0,
      0,
      `This file is ${size} MB; isc-plan analyses files up to ${max} MB, so it is not analysed. Split the plan into several files (a YAML file may also hold several plans separated by ---).`,
    );
  }
  const binary = findBinaryContent(text);
  if (binary) return finding('yaml-syntax', binary.offset, binary.offset + binary.length, binary.message);
  return undefined;
}

/** Decides what a parsed document is: `kind` first, else the file's role. */
export function modelOf(syntax: SyntaxDocument, text: string, path: string, type: FileType): ParsedDocument {
  if (syntax.limited || syntax.root === null) return { kind: 'other', syntax, findings: syntax.findings };
  const kind = stringOf(getValue(syntax.root, 'kind'));
  // A tenant export (docs/formats.md#exports) is recognised by its shape, whatever the file is called.
  const catalogShaped =
    kind === 'SourceCatalog' || (kind === undefined && recogniseCatalog(syntax.root) !== undefined);
  const role = kind === 'ProvisioningPlan' ? 'plan' : catalogShaped ? 'catalog' : type.role;
  return role === 'plan'
    ? createPlanDocument(syntax, text, type.format === 'yaml')
    : createCatalogDocument(syntax, path, type.format === 'yaml' ? text : undefined);
}
