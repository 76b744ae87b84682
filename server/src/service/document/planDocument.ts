import type { Finding } from '../findings/finding';
import type { MapNode, PlainValue, ScalarNode, SeqNode, ValueNode } from '../syntax/ast';
import { getPair, getValue, stringOf, toValue } from '../syntax/ast';
import type { SyntaxDocument } from '../syntax/syntaxDocument';
import { getValidators } from '../schema/schemas';
import { schemaFindings } from '../schema/schemaFindings';
import { customSchemaFindings } from '../schema/customChecks';
import { catalogRules } from '../rules/catalogRules';
import type { RequestState } from './requestState';
import { createRequestState } from './requestState';
import type { Segments } from './requestSegments';
import { findSegments, segmentAt } from './requestSegments';

/** A path named by the plan's `catalog:` key, with the node it was read from. */
export interface CatalogRef {
  path: string;
  node: ScalarNode;
}

/** One plan document of a file: its header, its requests, and how the requests lie in the text. */
export interface PlanDocument {
  kind: 'plan';
  syntax: SyntaxDocument;
  root: MapNode | null;
  /** The `accountRequests` sequence, when it is one. */
  requestsNode: SeqNode | null;
  requests: RequestState[];
  /** Where each request's lines are (YAML block sequences only): enables incremental re-parsing. */
  segments: Segments | undefined;
  /** Schema findings of the header (everything but the requests) and the inline catalog's rules. Syntax findings outside requests stay in `syntax.findings`. */
  headerFindings: Finding[];
  catalogRefs: CatalogRef[];
  /** The inline `sources:` list, when given. */
  inlineSources: ValueNode | null;
  /** Increases with every incremental change of the document's requests (caches above key on it). */
  revision: number;
}

/** Builds a plan document from a parsed YAML or JSON document. */
export function createPlanDocument(syntax: SyntaxDocument, text: string, yaml: boolean): PlanDocument {
  const root = syntax.root?.kind === 'map' ? syntax.root : null;
  const requestsValue = root ? getValue(root, 'accountRequests') : undefined;
  const requestsNode = requestsValue?.kind === 'seq' ? requestsValue : null;
  const segments = yaml && requestsNode ? findSegments(text, requestsNode, syntax.end) : undefined;
  const requests: RequestState[] = [];
  const docSyntax: Finding[] = [];
  const inRequest = assignFindings(syntax.findings, requestsNode, segments, docSyntax, root);
  requestsNode?.items.forEach((item, index) =>
    requests.push(createRequestState(item, inRequest[index] ?? [], yaml ? text : undefined)),
  );
  const doc: PlanDocument = {
    kind: 'plan',
    syntax,
    root,
    requestsNode,
    requests,
    segments,
    headerFindings: [],
    catalogRefs: root ? catalogRefsOf(root) : [],
    inlineSources: root ? (getValue(root, 'sources') ?? null) : null,
    revision: 0,
  };
  syntax.findings = docSyntax;
  doc.headerFindings = headerChecks(doc, yaml ? text : undefined);
  return doc;
}

/** Splits a document's syntax findings between its requests and the rest. */
function assignFindings(
  findings: readonly Finding[],
  seq: SeqNode | null,
  segments: Segments | undefined,
  rest: Finding[],
  root: MapNode | null,
): Finding[][] {
  const perRequest: Finding[][] = [];
  const pairs = root?.pairs ?? [];
  const next = pairs[pairs.findIndex((p) => p.value === seq) + 1];
  const requestsEnd = next ? next.key.start : Infinity;
  for (const f of findings) {
    let index = seq ? requestIndexAt(seq, segments, f.start) : -1;
    // A syntax error past the last line the parser gave a request (a tab in its indentation) ended
    // that request: it is that request's error, so its truncated keys are not also reported.
    if (index < 0 && seq && f.code === 'yaml-syntax' && f.start >= seq.start && f.start < requestsEnd) {
      index = seq.items.reduce((last, item, i) => (item.start <= f.start ? i : last), -1);
    }
    if (index < 0) {
      rest.push(f);
    } else {
      (perRequest[index] ??= []).push(f);
    }
  }
  return perRequest;
}

function requestIndexAt(seq: SeqNode, segments: Segments | undefined, offset: number): number {
  if (segments) return segmentAt(segments, offset);
  return seq.items.findIndex((item) => offset >= item.start && offset < item.end);
}

function catalogRefsOf(root: MapNode): CatalogRef[] {
  const value = getValue(root, 'catalog');
  const nodes = value?.kind === 'seq' ? value.items : value ? [value] : [];
  const refs: CatalogRef[] = [];
  for (const node of nodes) {
    const path = stringOf(node);
    if (path && node.kind === 'scalar') refs.push({ path, node });
  }
  return refs;
}

/**
 * Recomputes the header's findings after the requests changed (cheap: requests are not visited).
 * `yamlText`, the file's text when it is YAML, lets a value cut by a comma inside `{ }` be reported as such.
 */
export function refreshHeader(doc: PlanDocument, yamlText?: string): void {
  doc.headerFindings = headerChecks(doc, yamlText);
}

/** The header's schema check (requests are checked one by one) and the inline catalog's rules. */
function headerChecks(doc: PlanDocument, yamlText: string | undefined): Finding[] {
  if (doc.syntax.findings.some((f) => f.code === 'yaml-syntax')) return [];
  // A request's syntax error past its last parsed line also cut the header: what follows is misread.
  const cut = (state: RequestState): boolean =>
    state.syntax.some((f) => f.code === 'yaml-syntax' && f.start >= state.node.end);
  if (doc.requests.some(cut)) return [];
  if (!doc.root) return rootShapeFindings(doc, yamlText);
  const value: { [key: string]: PlainValue } = {};
  for (const pair of doc.root.pairs) {
    const key = String(pair.key.value);
    value[key] =
      key === 'accountRequests' && pair.value?.kind === 'seq'
        ? pair.value.items.map(() => null)
        : toValue(pair.value);
  }
  const findings = schemaFindings(getValidators().planHeader, value, doc.root, yamlText);
  const origin = getPair(doc.root, 'origin');
  if (origin) findings.push(...customSchemaFindings(origin.value));
  const sources = getPair(doc.root, 'sources');
  if (sources) {
    findings.push(...customSchemaFindings(sources.value));
    findings.push(...catalogRules(doc.root, 'sources'));
  }
  return findings;
}

function rootShapeFindings(doc: PlanDocument, yamlText: string | undefined): Finding[] {
  const root = doc.syntax.root;
  if (!root) return [];
  return schemaFindings(getValidators().planHeader, toValue(root), root, yamlText);
}
