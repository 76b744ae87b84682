/**
 * "Did you mean" for every unknown name, bounded so that validation stays linear in the size of
 * the file whatever it holds (docs/formats.md#limits): a name longer than
 * {@link MAX_SUGGESTED_LENGTH} gets no suggestion, candidates are first compared by length and by
 * their letters (cheap lower bounds of the distance), the distance is computed only in a band
 * around the diagonal, and each name has a fixed budget of work. The budget is per name, not per
 * document, so that a name's suggestion never depends on which other names were checked before
 * it (re-checking one request after an edit gives what a fresh check gives).
 */

/** The longest name that gets a suggestion: names are short; a longer one is not a typo. */
export const MAX_SUGGESTED_LENGTH = 64;
/** Units of work (a candidate looked at, a letter counted, a distance cell) one name may use. */
export const SUGGESTION_BUDGET = 100_000;

/**
 * Edit distance between two strings, case-insensitive, bounded for speed: insertions, deletions,
 * substitutions and swaps of two neighbouring letters (`mulit` → `multi`) each count one. Past
 * `bound`, gives `bound + 1`.
 */
export function editDistance(a: string, b: string, bound = Infinity): number {
  return bandedDistance(a.toLowerCase(), b.toLowerCase(), bound).distance;
}

/**
 * The candidate closest to `word`, if it is close enough to be a likely typo: at most a third of
 * the word's length in edits (at least 1, at most 4), or the same word in other case.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  return closestWithWork(word, candidates).best;
}

/** {@link closest}, with the units of work it used (never more than {@link SUGGESTION_BUDGET} and one comparison). */
export function closestWithWork(
  word: string,
  candidates: readonly string[],
): { best: string | undefined; work: number } {
  if (word.length > MAX_SUGGESTED_LENGTH) return { best: undefined, work: 0 };
  const bound = Math.min(4, Math.max(1, Math.floor(word.length / 3)));
  const lower = word.toLowerCase();
  const letters = letterCounts(lower);
  let best: string | undefined;
  let bestDistance = bound + 1;
  let work = 0;
  for (const candidate of candidates) {
    if (work >= SUGGESTION_BUDGET) break;
    work++;
    if (candidate === word || Math.abs(candidate.length - word.length) >= bestDistance) continue;
    const other = candidate.toLowerCase();
    work += other.length;
    if (letterBound(letters, other) >= bestDistance) continue;
    const { distance, cells } = bandedDistance(lower, other, bestDistance - 1);
    work += cells;
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return { best, work };
}

/** How often each letter occurs, folded into 128 bins (folding only lowers {@link letterBound}). */
function letterCounts(text: string): Int32Array {
  const counts = new Int32Array(128);
  for (let i = 0; i < text.length; i++) counts[text.charCodeAt(i) & 127]!++;
  return counts;
}

/**
 * A lower bound of the edit distance from the letters alone: an insertion or deletion changes
 * the counts by one, a substitution by two, a swap not at all.
 */
function letterBound(counts: Int32Array, other: string): number {
  const difference = Int32Array.from(counts);
  for (let i = 0; i < other.length; i++) difference[other.charCodeAt(i) & 127]!--;
  let total = 0;
  for (const d of difference) total += Math.abs(d);
  return Math.ceil(total / 2);
}

/**
 * The restricted Damerau-Levenshtein distance of `x` and `y`, computed only within `bound` of the
 * diagonal (cells further out cannot give a distance within the bound), with the cells computed.
 */
function bandedDistance(x: string, y: string, bound: number): { distance: number; cells: number } {
  if (Math.abs(x.length - y.length) > bound) return { distance: bound + 1, cells: 0 };
  // Any value past the bound stands for "too far"; it stays finite for the typed arrays.
  const far = Math.min(bound + 1, x.length + y.length + 1);
  const width = y.length + 1;
  let before = new Int32Array(width).fill(far);
  let previous = new Int32Array(width).fill(far);
  let current = new Int32Array(width).fill(far);
  for (let j = 0; j < width && j <= bound; j++) previous[j] = j;
  let cells = width;
  for (let i = 1; i <= x.length; i++) {
    const from = Math.max(1, i - bound);
    const to = Math.min(y.length, i + bound);
    // Only the cells next to the band are read besides the band itself: reset them.
    current[from - 1] = from === 1 && i <= bound ? i : far;
    if (to + 1 < width) current[to + 1] = far;
    let rowMin = current[from - 1]!;
    for (let j = from; j <= to; j++) {
      const cost = x.charCodeAt(i - 1) === y.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        value = Math.min(value, before[j - 2]! + 1);
      }
      current[j] = Math.min(value, far);
      rowMin = Math.min(rowMin, current[j]!);
    }
    cells += to - from + 1;
    if (rowMin > bound) return { distance: bound + 1, cells };
    [before, previous, current] = [previous, current, before];
  }
  const distance = previous[y.length]!;
  return { distance: distance > bound ? bound + 1 : distance, cells };
}
