import type { Finding } from '../findings/finding';
import { finding } from '../findings/finding';
import type { MapNode, PairNode, ValueNode } from '../syntax/ast';

/**
 * A plain value cut by commas inside a YAML flow mapping: `{ value: CN=All-Staff,OU=Groups }`
 * is read as `value: CN=All-Staff` and a key `OU=Groups` without a value. YAML ends a plain
 * value at a comma inside `{ }` (and `[ ]`); the user meant one value.
 */
export interface CommaSplit {
  /** The keys that are really the rest of the value. */
  strays: PairNode[];
  finding: Finding;
}

/** Every comma split in the flow mappings of `root`, found in the YAML text the nodes point into. */
export function commaSplits(root: ValueNode | null, text: string | undefined): CommaSplit[] {
  if (!root || text === undefined) return [];
  const found: CommaSplit[] = [];
  const visit = (node: ValueNode | null): void => {
    if (!node || node.kind === 'scalar') return;
    if (node.kind === 'seq') {
      node.items.forEach(visit);
      return;
    }
    if (text[node.start] === '{') found.push(...splitsOf(node, text));
    node.pairs.forEach((pair) => visit(pair.value));
  };
  visit(root);
  return found;
}

function splitsOf(map: MapNode, text: string): CommaSplit[] {
  const found: CommaSplit[] = [];
  for (let i = 0; i < map.pairs.length; i++) {
    const cut = map.pairs[i]!.value;
    if (cut?.kind !== 'scalar' || !isPlain(cut, text)) continue;
    const strays: PairNode[] = [];
    let end = cut.end;
    for (let j = i + 1; j < map.pairs.length && isStray(map.pairs[j]!, end, text); j++) {
      strays.push(map.pairs[j]!);
      end = map.pairs[j]!.key.end;
    }
    if (strays.length === 0) continue;
    found.push({ strays, finding: splitFinding(map.pairs[i]!, strays, text, end) });
    i += strays.length;
  }
  return found;
}

function isPlain(node: ValueNode, text: string): boolean {
  return node.end > node.start && !`"'[{|>&*!`.includes(text[node.start]!);
}

/** A key right after a comma that follows `after`, with no `:` and no value: the value's next part. */
function isStray(pair: PairNode, after: number, text: string): boolean {
  if (!/^\s*,\s*$/.test(text.slice(after, pair.key.start))) return false;
  if (!isPlain(pair.key, text)) return false;
  const value = pair.value;
  if (value && !(value.kind === 'scalar' && value.value === null && value.start === value.end)) return false;
  return /^\s*[,}]/.test(text.slice(pair.key.end));
}

function splitFinding(cut: PairNode, strays: PairNode[], text: string, end: number): Finding {
  const value = cut.value!;
  const whole = text.slice(value.start, end);
  const quoted = `"${whole.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const names = strays.map((s) => text.slice(s.key.start, s.key.end)).join(', ');
  const key = String(cut.key.value);
  const message =
    `Inside { } a comma ends a value: "${key}" is read as ${text.slice(value.start, value.end)}, and ` +
    `${names} as ${strays.length === 1 ? 'a key' : 'keys'}. Quote the value to keep its commas: ${key}: ${quoted}`;
  return finding('schema', value.start, end, message, [
    { kind: 'rewrite', title: `Quote the value: ${quoted}`, start: value.start, end, text: quoted },
  ]);
}
