import type { SeqNode } from '../syntax/ast';

/**
 * Where the requests of a YAML block sequence lie: request `i` owns the lines from the line of its
 * `- ` marker up to the next request's marker line (the last one up to `end`). Each request can
 * then be re-parsed from its own lines when an edit touches only them.
 */
export interface Segments {
  /** Column of every request's `-` marker. */
  indent: number;
  /** Offset of the start of each request's marker line. */
  starts: number[];
  /** End of the last request's lines. */
  end: number;
}

/** The segments of a block sequence, or undefined when its layout does not allow re-parsing parts alone. */
export function findSegments(text: string, seq: SeqNode, documentEnd: number): Segments | undefined {
  if (seq.items.length === 0) return undefined;
  const starts: number[] = [];
  let indent = -1;
  for (const item of seq.items) {
    const marker = markerOf(text, item.start);
    if (!marker || (indent !== -1 && marker.column !== indent)) return undefined;
    if (starts.length > 0 && marker.lineStart <= starts[starts.length - 1]!) return undefined;
    indent = marker.column;
    starts.push(marker.lineStart);
  }
  const last = seq.items[seq.items.length - 1]!;
  const end = lineEndAfter(text, last.end, documentEnd);
  if (end <= starts[starts.length - 1]!) return undefined;
  return { indent, starts, end };
}

/** The `- ` marker before an item's content on the same line, preceded only by spaces. */
function markerOf(text: string, itemStart: number): { lineStart: number; column: number } | undefined {
  let i = itemStart - 1;
  while (i >= 0 && text.charCodeAt(i) === 32) i--;
  if (i < 0 || text.charCodeAt(i) !== 45 /* - */ || i === itemStart - 1) return undefined;
  const dash = i;
  i--;
  while (i >= 0 && text.charCodeAt(i) === 32) i--;
  if (i >= 0 && text.charCodeAt(i) !== 10) return undefined;
  return { lineStart: i + 1, column: dash - (i + 1) };
}

function lineEndAfter(text: string, offset: number, limit: number): number {
  if (offset > 0 && text.charCodeAt(offset - 1) === 10) return Math.min(offset, limit);
  const newline = text.indexOf('\n', offset);
  return Math.min(newline === -1 ? text.length : newline + 1, limit);
}

/** Index of the segment holding `offset` (start inclusive, end exclusive), or -1 outside all segments. */
export function segmentAt(segments: Segments, offset: number): number {
  if (offset < segments.starts[0]! || offset >= segments.end) return -1;
  let low = 0;
  let high = segments.starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (segments.starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** End of segment `index`. */
export function segmentEnd(segments: Segments, index: number): number {
  return index + 1 < segments.starts.length ? segments.starts[index + 1]! : segments.end;
}
