import type { ParsedDocument } from '../../document/sourceFile';
import type { ValueNode } from '../../syntax/ast';

/** A foldable region: from `start` to `end`, the offset of its last folded character. */
export interface FoldRange {
  start: number;
  end: number;
}

/** The default cap on folding ranges (VS Code keeps 5,000 by default too). */
export const FOLDING_LIMIT = 5_000;

/**
 * One folding range per mapping or sequence spanning several lines (requests, attribute lists,
 * catalog entries...), in YAML and JSON. A collection under a key folds from the key, so that the
 * key stays visible; a bracketed collection keeps its closing bracket visible when that sits on a
 * line of its own. Outer collections come first when the cap is reached; the result is ordered.
 */
export function foldingRanges(
  docs: readonly ParsedDocument[],
  text: string,
  limit = FOLDING_LIMIT,
): FoldRange[] {
  const ranges: FoldRange[] = [];
  const seen = new Set<ValueNode>();
  const queue: { node: ValueNode; from: number }[] = [];
  const enqueue = (node: ValueNode | null, from: number): void => {
    // An alias shares its anchor's node: it is folded once, where it is written.
    if (!node || node.kind === 'scalar' || seen.has(node)) return;
    seen.add(node);
    queue.push({ node, from });
  };
  for (const doc of docs) {
    const root = doc.syntax.root;
    if (!root || root.kind === 'scalar') continue;
    seen.add(root);
    childrenOf(root, enqueue);
  }
  for (let i = 0; i < queue.length && ranges.length < limit; i++) {
    const { node, from } = queue[i]!;
    const end = lastFolded(text, node);
    if (end > from && text.lastIndexOf('\n', end - 1) >= from) ranges.push({ start: from, end });
    childrenOf(node, enqueue);
  }
  return ranges.sort((a, b) => a.start - b.start || b.end - a.end);
}

function childrenOf(node: ValueNode, enqueue: (node: ValueNode | null, from: number) => void): void {
  if (node.kind === 'map') {
    for (const pair of node.pairs) enqueue(pair.value, pair.key.start);
  } else if (node.kind === 'seq') {
    for (const item of node.items) enqueue(item, item.start);
  }
}

/** The last character a collection folds: before its closing bracket, or its last non-blank one. */
function lastFolded(text: string, node: ValueNode): number {
  const opening = text[node.start];
  const bracketed =
    (opening === '[' || opening === '{') && (text[node.end - 1] === ']' || text[node.end - 1] === '}');
  return lastNonBlank(text, node.start + (bracketed ? 1 : 0), node.end - (bracketed ? 1 : 0));
}

function lastNonBlank(text: string, from: number, to: number): number {
  let i = to - 1;
  while (i >= from && /\s/.test(text[i]!)) i--;
  return i;
}
