import type { PairNode } from '../../syntax/ast';

/**
 * The outline's symbols (document symbols in LSP), in offsets, and the lazy form that builds
 * children only while the outline has room for them.
 */

/** What a symbol of the outline stands for; the LSP layer picks an icon for each. */
export type OutlineKind =
  | 'plan'
  | 'catalog'
  | 'group'
  | 'request'
  | 'connector-request'
  | 'manual-request'
  | 'ticketing-request'
  | 'none-request'
  | 'attribute'
  | 'permission'
  | 'source'
  | 'integration'
  | 'status-map'
  | 'status'
  | 'workflow'
  | 'workflow-state'
  | 'status-check';

/** One symbol of the outline, in offsets: the whole node, and its name to select. */
export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: OutlineKind;
  start: number;
  end: number;
  selectionStart: number;
  selectionEnd: number;
  children: OutlineSymbol[];
}

/** A symbol whose children are built only if the outline has room for them (at most `budget` of them). */
export interface LazySymbol {
  symbol: OutlineSymbol;
  expand: ((budget: number) => LazySymbol[]) | undefined;
}

/** Offsets of a node (or of a name within it). */
export interface Span {
  start: number;
  end: number;
}

/**
 * A symbol without children yet, selecting `selection` (the node's start when there is none). One
 * object shape for every symbol: an outline of thousands of requests allocates little.
 */
export function lazy(
  name: string,
  detail: string | undefined,
  kind: OutlineKind,
  node: Span,
  selection: Span | null | undefined,
  expand?: (budget: number) => LazySymbol[],
): LazySymbol {
  const symbol: OutlineSymbol = {
    name,
    detail,
    kind,
    start: node.start,
    end: node.end,
    selectionStart: selection ? selection.start : node.start,
    selectionEnd: selection ? selection.end : node.start,
    children: [],
  };
  return { symbol, expand };
}

/** A symbol named by a key, spanning the key and its value (a group of entries, a status map...). */
export function pairSymbol(
  pair: PairNode,
  kind: OutlineKind,
  detail: string | undefined,
  expand?: () => LazySymbol[],
): LazySymbol {
  const name = pair.key.value === null || pair.key.value === '' ? '(no key)' : String(pair.key.value);
  const end = Math.max(pair.key.end, pair.value?.end ?? pair.key.end);
  return lazy(name, detail, kind, { start: pair.key.start, end }, pair.key, expand);
}
