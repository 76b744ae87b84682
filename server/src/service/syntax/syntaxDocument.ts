import type { Finding } from '../findings/finding';
import { finding } from '../findings/finding';
import type { MapNode, ValueNode } from './ast';

/** One parsed YAML document (or the JSON document): its place in the file, its tree and its syntax findings. */
export interface SyntaxDocument {
  /** Offset where the document starts (its `---` marker, if any). */
  start: number;
  /** Offset where the document ends. */
  end: number;
  /** The root node; `null` for an empty document or one that broke a limit. */
  root: ValueNode | null;
  /** `yaml-syntax`, `duplicate-key` and `document-limit` findings. */
  findings: Finding[];
  /** True when a safety limit was hit: nothing else is computed for this document. */
  limited: boolean;
  /** True when the document defines anchors (`&name`): an alias may share a node between its parts. */
  anchors?: boolean;
  /** Index of the document in its file. */
  index?: number;
}

export function limitFinding(offset: number, length: number, message: string): Finding {
  return finding('document-limit', offset, offset + Math.max(length, 0), message);
}

/** `duplicate-key` findings of one mapping, each on the repeated key's second occurrence. */
export function duplicateKeysOf(map: MapNode): Finding[] {
  const pairs = map.pairs;
  if (pairs.length < 2) return [];
  const findings: Finding[] = [];
  const keys = new Set<string>();
  for (const pair of pairs) {
    const key = pair.key.value === null ? '' : String(pair.key.value);
    if (keys.has(key)) {
      findings.push(
        finding(
          'duplicate-key',
          pair.key.start,
          pair.key.end,
          `The key "${key}" appears twice in this mapping; isc-plan reads only the last value. Remove or rename one of them.`,
          [
            {
              kind: 'remove',
              title: `Remove this "${key}"`,
              start: pair.key.start,
              end: pair.value?.end ?? pair.key.end,
            },
          ],
        ),
      );
    }
    keys.add(key);
  }
  return findings;
}

/**
 * Measures how many nodes aliases add when the tree is expanded (the tree shares an anchored node
 * wherever an alias names it). Returns a problem when that exceeds `limit` (a "billion laughs" file).
 */
export function measureAliasExpansion(
  root: ValueNode | null,
  limit: number,
): { start: number; end: number; message: string } | undefined {
  if (!root) return undefined;
  const expanded = new Map<ValueNode, number>();
  const distinct = new Set<ValueNode>();
  const size = (node: ValueNode): number => {
    const known = expanded.get(node);
    distinct.add(node);
    if (known !== undefined) return known;
    let total = 1;
    if (node.kind === 'map') {
      for (const pair of node.pairs) total += 1 + (pair.value ? size(pair.value) : 0);
    } else if (node.kind === 'seq') {
      for (const item of node.items) total += size(item);
    }
    expanded.set(node, total);
    return total;
  };
  const total = size(root);
  let own = 0;
  for (const node of distinct) own += node.kind === 'map' ? 1 + node.pairs.length : 1;
  if (total - own <= limit) return undefined;
  const shown = total > 1e12 ? 'an astronomical number of' : `${Math.round(total).toLocaleString('en-US')}`;
  return {
    start: root.start,
    end: Math.min(root.end, root.start + 1),
    message: `Aliases in this document expand to ${shown} nodes, beyond isc-plan's safety limit of ${limit.toLocaleString('en-US')} added nodes (an "alias bomb"), so it is not analysed. Write the values out, or use fewer nested aliases.`,
  };
}
