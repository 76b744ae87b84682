import type { Finding } from '../findings/finding';
import { shiftFinding } from '../findings/finding';
import type { Limits } from '../syntax/limits';
import { parseYamlRegion } from '../syntax/yamlSyntax';
import type { SeqNode, ValueNode } from '../syntax/ast';
import { shiftNode } from '../syntax/ast';
import type { SyntaxDocument } from '../syntax/syntaxDocument';
import type { PlanDocument } from './planDocument';
import { refreshHeader } from './planDocument';
import { createRequestState, requestFindings } from './requestState';
import type { Segments } from './requestSegments';
import { findSegments, segmentAt, segmentEnd } from './requestSegments';
import type { ParsedDocument } from './sourceFile';

/** One change of a text, in the coordinates of the text before it. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

interface Region {
  first: number;
  last: number;
  start: number;
  oldEnd: number;
}

/** The change being applied to a plan document: the text after it and how far it moves what follows. */
interface Edit {
  doc: PlanDocument;
  text: string;
  delta: number;
  limits: Limits;
}

/**
 * Applies a change to the documents of a YAML plan file by re-parsing only the requests whose
 * lines it touched. Returns false, leaving the documents untouched, whenever that cannot be done
 * with certainty of giving what a full parse would give; the caller then parses the whole file.
 */
export function applyIncrementally(
  docs: ParsedDocument[],
  newText: string,
  change: TextChange,
  limits: Limits,
): boolean {
  const docIndex = docs.findIndex(
    (d) => d.kind === 'plan' && d.segments && containsChange(d.segments, d.syntax, change),
  );
  const doc = docs[docIndex] as PlanDocument | undefined;
  if (!doc?.segments || !doc.requestsNode) return false;
  if (!reparsableInParts(doc, doc.segments)) return false;
  const delta = change.text.length - (change.end - change.start);
  const region = affectedRegion(doc.segments, change);
  const parsed = reparse({ doc, text: newText, delta, limits }, region);
  if (!parsed) return false;
  splice(doc, parsed, delta, newText);
  for (let i = docIndex + 1; i < docs.length; i++) shiftDocument(docs[i]!, delta);
  return true;
}

/**
 * Whether requests of the document can be re-parsed alone with the certainty of giving what a full
 * parse gives. Not when an alias may share a node between requests (`&name` anywhere), when there is
 * a syntax error anywhere (its cause may lie in another request than the one it is reported in: an
 * unclosed bracket makes the parser stumble on the next request), or when a finding before the
 * requests reaches into them (the fix of a repeated `accountRequests:` key spans them).
 */
function reparsableInParts(doc: PlanDocument, segments: Segments): boolean {
  if (doc.syntax.anchors) return false;
  const isError = (f: Finding): boolean => f.code === 'yaml-syntax';
  if (doc.syntax.findings.some(isError) || doc.requests.some((state) => state.syntax.some(isError))) {
    return false;
  }
  const first = segments.starts[0]!;
  return !doc.syntax.findings.some((f) => {
    const reach = Math.max(
      f.end,
      ...(f.fixes ?? []).map((fix) => ('end' in fix ? fix.end : 'after' in fix ? fix.after : 0)),
    );
    return f.start < first && reach > first;
  });
}

function containsChange(segments: Segments, syntax: SyntaxDocument, change: TextChange): boolean {
  if (change.start < segments.starts[0]!) return false;
  if (change.end < segments.end) return true;
  // Appending after the last request is safe only when nothing follows it in the document.
  return change.start === segments.end && change.end === segments.end && segments.end === syntax.end;
}

function affectedRegion(segments: Segments, change: TextChange): Region {
  const count = segments.starts.length;
  let first = segmentAt(segments, change.start);
  if (first === -1) first = count - 1;
  if (first > 0 && change.start === segments.starts[first]) first--;
  let last = segmentAt(segments, change.end);
  if (last === -1) last = count - 1;
  return { first, last, start: segments.starts[first]!, oldEnd: segmentEnd(segments, last) };
}

interface Reparsed {
  region: Region;
  items: ValueNode[];
  segments: Segments;
  findings: Finding[];
  /** Where the re-parsed requests end, as a full parse would end their sequence. */
  end: number;
}

function reparse(edit: Edit, region: Region): Reparsed | undefined {
  const { doc, delta } = edit;
  const attempt = parseRegion(edit, region);
  if (attempt && attempt.findings.every((f) => f.code === 'duplicate-key')) return attempt;
  // A syntax error may swallow the following request (an unclosed quote or bracket). Re-parse one
  // more request with it: if that one comes out exactly as before, the damage stayed inside.
  const segments = doc.segments!;
  if (region.last + 1 >= segments.starts.length) return undefined;
  const wider: Region = { ...region, last: region.last + 1, oldEnd: segmentEnd(segments, region.last + 1) };
  const extended = parseRegion(edit, wider);
  if (!extended) return undefined;
  const next = doc.requests[wider.last]!;
  const nextStart = segments.starts[wider.last]! + delta;
  const newStarts = extended.segments.starts;
  if (newStarts[newStarts.length - 1] !== nextStart) return undefined;
  if (extended.findings.some((f) => f.start >= nextStart && f.code !== 'duplicate-key')) return undefined;
  const replayed = createRequestState(extended.items[extended.items.length - 1]!, []);
  if (
    JSON.stringify(replayed.value) !== JSON.stringify(next.value) ||
    next.syntax.some((f) => f.code !== 'duplicate-key')
  ) {
    return undefined;
  }
  return extended;
}

function parseRegion(edit: Edit, region: Region): Reparsed | undefined {
  const { doc, text, delta, limits } = edit;
  const newEnd = region.oldEnd + delta;
  const parsed = parseYamlRegion(text, region.start, newEnd, limits);
  const root = parsed.root;
  if (parsed.limited || parsed.anchors || root?.kind !== 'seq' || root.items.length === 0) return undefined;
  // yaml ends a sequence whose last item is empty (a lone `- `) before or after its line break
  // depending on comment lines earlier in the sequence, which the requests re-parsed alone lack.
  const last = root.items[root.items.length - 1]!;
  if (
    region.last === doc.segments!.starts.length - 1 &&
    last.kind === 'scalar' &&
    last.value === null &&
    last.start === last.end
  ) {
    return undefined;
  }
  const segments = findSegments(text, root, newEnd);
  if (!segments || segments.indent !== doc.segments!.indent || segments.starts[0] !== region.start) {
    return undefined;
  }
  if (!onlyBlankOrComments(text, segments.end, newEnd)) return undefined;
  segments.end = newEnd;
  return { region, items: root.items, segments, findings: parsed.findings, end: root.end };
}

function onlyBlankOrComments(text: string, from: number, to: number): boolean {
  for (const line of text.slice(from, to).split('\n')) {
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) return false;
  }
  return true;
}

function splice(doc: PlanDocument, parsed: Reparsed, delta: number, text: string): void {
  const { region, items, segments, findings } = parsed;
  const seq = doc.requestsNode as SeqNode;
  const removed = region.last - region.first + 1;
  const lastTouched = region.last === doc.segments!.starts.length - 1;
  // The sequence (and the mapping it ends, if accountRequests is its last key) ends where its last
  // request ends: when that one was re-parsed, the end comes from the new parse, not a shift
  // (trailing blanks and comments after the last request belong to neither).
  const endingWithSeq = lastTouched
    ? [doc.syntax.root, seq].filter((node) => node !== null && node.end === seq.end)
    : [];
  seq.items.splice(region.first, removed);
  doc.requests.splice(region.first, removed);
  shiftAfter(doc.syntax.root, region.oldEnd, delta);
  for (const node of endingWithSeq) node!.end = parsed.end;
  for (let i = region.first; i < doc.requests.length; i++) {
    const state = doc.requests[i]!;
    for (const f of requestFindings(state)) shiftFinding(f, delta);
  }
  const states = items.map((item, index) => {
    const from = segments.starts[index]!;
    const to = index + 1 < items.length ? segments.starts[index + 1]! : segments.end;
    return createRequestState(
      item,
      findings.filter((f) => f.start >= from && f.start < to),
      text,
    );
  });
  seq.items.splice(region.first, 0, ...items);
  doc.requests.splice(region.first, 0, ...states);
  const old = doc.segments!;
  const after = old.starts.slice(region.last + 1).map((s) => s + delta);
  doc.segments = {
    indent: old.indent,
    starts: [...old.starts.slice(0, region.first), ...segments.starts, ...after],
    end: lastTouched ? segments.end : old.end + delta,
  };
  for (const f of doc.syntax.findings) if (f.start >= region.oldEnd) shiftFinding(f, delta);
  doc.syntax.end += delta;
  doc.revision++;
  refreshHeader(doc, text);
}

/** Shifts every node at or after `threshold`, and the end of every node spanning it. */
function shiftAfter(node: ValueNode | null, threshold: number, delta: number): void {
  if (!node || node.end < threshold) return;
  if (node.start >= threshold) {
    shiftNode(node, delta);
    return;
  }
  node.end += delta;
  if (node.kind === 'map') {
    for (const pair of node.pairs) {
      if (pair.key.start >= threshold) {
        pair.key.start += delta;
        pair.key.end += delta;
      }
      shiftAfter(pair.value, threshold, delta);
    }
  } else if (node.kind === 'seq') {
    for (const item of node.items) shiftAfter(item, threshold, delta);
  }
}

/** Moves a whole document that lies after an edit. */
function shiftDocument(doc: ParsedDocument, delta: number): void {
  doc.syntax.start += delta;
  doc.syntax.end += delta;
  shiftNode(doc.syntax.root, delta);
  const findings = new Set<Finding>(doc.syntax.findings);
  if (doc.kind === 'plan') {
    for (const f of doc.headerFindings) findings.add(f);
    for (const state of doc.requests) {
      for (const f of requestFindings(state)) findings.add(f);
    }
    if (doc.segments) {
      doc.segments.starts = doc.segments.starts.map((s) => s + delta);
      doc.segments.end += delta;
    }
  } else {
    for (const f of doc.findings) findings.add(f);
    for (const entry of [
      ...(doc.kind === 'catalog' ? (doc.content?.sources ?? []) : []),
      ...(doc.kind === 'catalog' ? (doc.content?.serviceDeskIntegrations ?? []) : []),
    ]) {
      for (const origin of entry.origins) {
        origin.start += delta;
        origin.end += delta;
        origin.nameStart += delta;
        origin.nameEnd += delta;
      }
    }
  }
  for (const f of findings) shiftFinding(f, delta);
}
