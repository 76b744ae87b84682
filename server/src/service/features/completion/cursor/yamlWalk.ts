import type { Segment } from '../completionTypes';
import type { Line, LineShape } from './yamlLines';
import { lineAt, nextLine, opensBlock, previousLine, quickIndent, shapeOf, unquote } from './yamlLines';

/** A mapping or sequence met on the way from the cursor up to the document's root. */
export interface Level {
  kind: 'map' | 'seq';
  /** Column of its keys (map) or of its `- ` markers (seq). */
  column: number;
  /** Offset of its first line. */
  start: number;
  path: Segment[];
}

/** The path of the mapping at the cursor's column, and the collections around it (innermost first). */
export interface Walk {
  path: Segment[];
  levels: Level[];
}

/** Where the walk starts and what it may use to go faster. */
export interface WalkInput {
  text: string;
  /** Offset of the document's first line: the walk stops there. */
  docStart: number;
  /** A long block sequence whose items the walk jumps over (the plan's `accountRequests`). */
  jump: { start: number; end: number } | undefined;
}

interface OpenLevel {
  kind: 'map' | 'seq';
  column: number;
  start: number;
  /** How many path segments lie between this collection and the cursor. */
  depth: number;
}

/** The path found so far (innermost segment first) and the collection being looked for. */
class PathWalker {
  readonly reversed: Segment[] = [];
  readonly levels: OpenLevel[] = [];
  kind: 'map' | 'seq' = 'map';
  column = 0;

  /** The walk is now inside a collection whose first line is not known yet. */
  open(kind: 'map' | 'seq', column: number): void {
    this.levels.push({ kind, column, start: -1, depth: this.reversed.length });
    this.kind = kind;
    this.column = column;
  }

  /** The innermost open collection starts at `start`. */
  close(start: number): void {
    const last = this.levels[this.levels.length - 1];
    if (last && last.start < 0) last.start = start;
  }

  /** The collection that starts on this line is an item of the sequences whose markers are `marks`. */
  items(marks: number[], start: number): void {
    for (let j = marks.length - 1; j >= 0; j--) {
      this.reversed.push(0);
      this.open('seq', marks[j]!);
      if (j > 0) this.close(start);
    }
  }

  /** The line `at` is a key of the mapping at its content column. */
  memberOf(shape: LineShape, at: Line): void {
    this.open('map', shape.content);
    if (shape.markers.length > 0) {
      this.close(at.start);
      this.items(shape.markers, at.start);
    }
  }

  finish(): Walk {
    const path = this.reversed.reverse();
    const levels = this.levels.map((l) => ({
      kind: l.kind,
      column: l.column,
      start: Math.max(l.start, 0),
      path: path.slice(0, path.length - l.depth),
    }));
    return { path, levels };
  }
}

/**
 * Walks up from the cursor's line to find the path of the mapping whose keys are at `content`
 * (the cursor's line holding the `markers`), by indentation alone: a `key:` line less indented
 * is the parent key; a `- ` line whose content starts at the mapping's column makes the mapping a
 * sequence item. Sibling lines are skipped without being parsed. Undefined when the lines do not
 * fit together (inside a block scalar, or broken indentation).
 */
export function walkUp(input: WalkInput, line: Line, markers: number[], content: number): Walk | undefined {
  const { text, docStart } = input;
  const walker = new PathWalker();
  walker.open('map', content);
  if (markers.length > 0) {
    walker.close(line.start);
    walker.items(markers, line.start);
  }
  let current = line;
  for (;;) {
    if (walker.kind === 'map' && walker.column === 0) break;
    const prev = previousLine(text, current);
    if (!prev || prev.start < docStart) break;
    current = jumped(input, prev, walker) ?? prev;
    if (current !== prev) continue;
    const quick = quickIndent(text, current);
    if (quick.blank || quick.indent > walker.column) continue;
    const shape = shapeOf(text.slice(current.start, current.end));
    if (shape.boundary) {
      walker.close(nextLine(text, current)?.start ?? current.end);
      return walker.finish();
    }
    const step = walker.kind === 'map' ? mapStep(shape, walker.column) : seqStep(shape, walker.column);
    if (step === 'fail') return undefined;
    if (step === 'parent') {
      walker.close(nextLine(text, current)?.start ?? current.end);
      walker.reversed.push(shape.key!);
      walker.memberOf(shape, current);
    } else if (step !== 'skip') {
      walker.close(current.start);
      walker.items(step.markers, current.start);
    }
  }
  walker.close(docStart);
  return walker.finish();
}

type Step = 'skip' | 'fail' | 'parent' | { markers: number[] };

/** A line above a mapping whose keys are at `column`. */
function mapStep(shape: LineShape, column: number): Step {
  if (shape.markers.length > 0 && shape.markers[0] === column) return 'skip';
  if (shape.content === column) return shape.markers.length === 0 ? 'skip' : { markers: shape.markers };
  if (opensItem(shape, column)) return { markers: shape.markers };
  if (shape.content < column && shape.key !== undefined && opensBlock(shape.value)) return 'parent';
  return 'fail';
}

/** A line above a sequence whose markers are at `column`. */
function seqStep(shape: LineShape, column: number): Step {
  if (shape.markers.length > 0 && shape.markers[0] === column) return 'skip';
  const j = shape.markers.indexOf(column);
  if (j > 0) return { markers: shape.markers.slice(0, j) };
  if (opensItem(shape, column)) return { markers: shape.markers };
  if (shape.content <= column && shape.key !== undefined && opensBlock(shape.value)) return 'parent';
  return 'fail';
}

/** An item line with nothing after its markers (`-`, `- # note`): the item's content is the block below it. */
function opensItem(shape: LineShape, column: number): boolean {
  return shape.blank && shape.markers.length > 0 && shape.markers[shape.markers.length - 1]! < column;
}

/** Jumps from inside the long sequence to its first item, when the walk is looking for that sequence's parent. */
function jumped(input: WalkInput, line: Line, state: PathWalker): Line | undefined {
  const jump = input.jump;
  if (!jump || state.kind !== 'seq' || line.start <= jump.start || line.start > jump.end) return undefined;
  const first = lineAt(input.text, jump.start);
  return jump.start - first.start === state.column && input.text[jump.start] === '-' ? first : undefined;
}

const SCAN_LIMIT = 5000;

/** The keys (and their values) of the block mapping that starts at `start` with keys at `column`. */
export function mapEntries(text: string, start: number, column: number, skipLine = -1): Map<string, string> {
  const entries = new Map<string, string>();
  let line: Line | undefined = lineAt(text, start);
  let first = true;
  for (let n = 0; line && n < SCAN_LIMIT; n++, line = nextLine(text, line)) {
    const quick = quickIndent(text, line);
    if (quick.blank) continue;
    const shape = shapeOf(text.slice(line.start, line.end));
    if (shape.boundary) {
      if (first) continue;
      break;
    }
    // An item line with nothing after its markers: its keys follow on the next lines.
    if (first && shape.blank && shape.markers.length > 0) continue;
    const opening = first && shape.markers.length > 0 && shape.content === column;
    first = false;
    if (!opening && quick.indent < column) break;
    const atColumn = opening || (quick.indent === column && shape.markers.length === 0);
    if (atColumn && shape.key !== undefined && line.start !== skipLine) {
      entries.set(shape.key, unquote(shape.value));
    }
  }
  return entries;
}

/** The scalar items of the block sequence that starts at `start` with markers at `column`. */
export function seqItems(text: string, start: number, column: number, skipLine = -1): Set<string> {
  const found = new Set<string>();
  let line: Line | undefined = lineAt(text, start);
  for (let n = 0; line && n < SCAN_LIMIT; n++, line = nextLine(text, line)) {
    const quick = quickIndent(text, line);
    if (quick.blank || quick.indent > column) continue;
    const shape = shapeOf(text.slice(line.start, line.end));
    if (shape.boundary || quick.indent < column || shape.markers[0] !== column) break;
    if (line.start === skipLine || shape.markers.length !== 1 || shape.key !== undefined) continue;
    const item = text
      .slice(line.start + shape.content, line.end)
      .replace(/\s+#.*$/, '')
      .trim();
    if (item !== '') found.add(unquote(item));
  }
  return found;
}
