/**
 * The plan service's own syntax tree, shared by YAML and JSON files. Every node keeps UTF-16
 * offsets into the file's text (`start` inclusive, `end` exclusive), so diagnostics, hovers and
 * code lenses land on the exact key or value in either format.
 */

export type ScalarValue = string | number | boolean | null;

interface NodeBase {
  start: number;
  end: number;
}

export interface ScalarNode extends NodeBase {
  kind: 'scalar';
  value: ScalarValue;
}

export interface PairNode {
  key: ScalarNode;
  /** `null` when the key has no value at all (`key:` in YAML). */
  value: ValueNode | null;
}

export interface MapNode extends NodeBase {
  kind: 'map';
  pairs: PairNode[];
}

export interface SeqNode extends NodeBase {
  kind: 'seq';
  items: ValueNode[];
}

export type ValueNode = ScalarNode | MapNode | SeqNode;

/** A JSON-like value built from a node. */
export type PlainValue = ScalarValue | PlainValue[] | { [key: string]: PlainValue };

/** The pair of `map` whose key is `key`, the last one if the key repeats (as YAML and JSON loaders do). */
export function getPair(map: MapNode, key: string): PairNode | undefined {
  let found: PairNode | undefined;
  for (const pair of map.pairs) {
    if (pair.key.value === key) found = pair;
  }
  return found;
}

/** The value node under `key`, if `node` is a map that has it. */
export function getValue(node: ValueNode | null | undefined, key: string): ValueNode | null | undefined {
  if (!node || node.kind !== 'map') return undefined;
  return getPair(node, key)?.value;
}

/** The string value of a scalar node, or undefined for anything else. */
export function stringOf(node: ValueNode | null | undefined): string | undefined {
  if (!node || node.kind !== 'scalar' || node.value === null) return undefined;
  return typeof node.value === 'string' ? node.value : String(node.value);
}

/**
 * Builds the plain value of a node. Keys keep the last value when repeated, like the `yaml` and
 * JSON loaders; the repetition itself is reported as `duplicate-key`.
 */
export function toValue(node: ValueNode | null): PlainValue {
  if (node === null) return null;
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toValue);
    case 'map': {
      const result: { [key: string]: PlainValue } = {};
      for (const pair of node.pairs) {
        const key = pair.key.value === null ? '' : String(pair.key.value);
        if (key === '__proto__') {
          Object.defineProperty(result, key, {
            value: toValue(pair.value),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        } else {
          result[key] = toValue(pair.value);
        }
      }
      return result;
    }
  }
}

/** Follows a JSON pointer-like path (already split and unescaped) from `node`. */
export function nodeAtPath(
  node: ValueNode | null,
  path: readonly (string | number)[],
): { node: ValueNode | null; pair?: PairNode } | undefined {
  let current: ValueNode | null = node;
  let pair: PairNode | undefined;
  for (const segment of path) {
    if (!current) return undefined;
    if (current.kind === 'seq') {
      const index = typeof segment === 'number' ? segment : Number(segment);
      const item = current.items[index];
      if (item === undefined) return undefined;
      current = item;
      pair = undefined;
    } else if (current.kind === 'map') {
      pair = getPair(current, String(segment));
      if (!pair) return undefined;
      current = pair.value;
    } else {
      return undefined;
    }
  }
  return pair ? { node: current, pair } : { node: current };
}

/** Moves every offset of `node` and its descendants by `delta`, in place. */
export function shiftNode(node: ValueNode | null, delta: number): void {
  if (!node || delta === 0) return;
  node.start += delta;
  node.end += delta;
  if (node.kind === 'map') {
    for (const pair of node.pairs) {
      pair.key.start += delta;
      pair.key.end += delta;
      shiftNode(pair.value, delta);
    }
  } else if (node.kind === 'seq') {
    for (const item of node.items) shiftNode(item, delta);
  }
}

/** What sits at an offset: the innermost node, and the pair when the offset is on a key or its value. */
export interface NodeHit {
  /** Innermost node containing the offset (a key scalar when on a key). */
  node: ValueNode;
  /** The path from the root to that node (keys and indexes). */
  path: (string | number)[];
  /** Set when the offset is on a pair's key. */
  onKey: boolean;
  /** The pair the offset belongs to (on its key or inside its value), if any. */
  pair?: PairNode;
  /** The map or sequence holding the node. */
  parent?: MapNode | SeqNode;
}

/** Finds the innermost node at `offset` (inclusive of a node's end, so a cursor after a word still hits it). */
export function nodeAt(root: ValueNode | null, offset: number): NodeHit | undefined {
  if (!root || offset < root.start || offset > root.end) return undefined;
  let hit: NodeHit = { node: root, path: [], onKey: false };
  for (;;) {
    const current = hit.node;
    let next: NodeHit | undefined;
    if (current.kind === 'map') {
      for (const pair of current.pairs) {
        if (offset >= pair.key.start && offset <= pair.key.end) {
          next = {
            node: pair.key,
            path: [...hit.path, String(pair.key.value)],
            onKey: true,
            pair,
            parent: current,
          };
          break;
        }
        const value = pair.value;
        if (value && offset >= value.start && offset <= value.end) {
          next = {
            node: value,
            path: [...hit.path, String(pair.key.value)],
            onKey: false,
            pair,
            parent: current,
          };
          break;
        }
      }
    } else if (current.kind === 'seq') {
      const index = current.items.findIndex((item) => offset >= item.start && offset <= item.end);
      const item = current.items[index];
      if (item) next = { node: item, path: [...hit.path, index], onKey: false, parent: current };
    }
    if (!next || next.node === current) return hit;
    hit = next;
    if (hit.onKey) return hit;
  }
}
