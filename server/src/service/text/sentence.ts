/** Abbreviations whose full stop does not end a sentence (`e.g.`, `i.e.`...). */
const ABBREVIATION = /(?:^|[\s(])(?:e\.g|i\.e|vs|cf|etc|approx|incl)$/i;

/**
 * The first sentence of a text: up to the first `.`, `!` or `?` followed by white space or the
 * end, not counting the stops of abbreviations (`e.g.`), decimals or dotted names (`Source.owner`).
 * The whole text when it has no sentence end; never a piece cut inside a sentence.
 */
export function firstSentence(text: string): string {
  const end = /[.!?](?=\s|$)/g;
  for (let match = end.exec(text); match; match = end.exec(text)) {
    if (ABBREVIATION.test(text.slice(0, match.index))) continue;
    return text.slice(0, match.index + 1);
  }
  return text;
}
