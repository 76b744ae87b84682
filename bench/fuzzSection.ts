/**
 * The fuzzer's section of bench/RESULTS.md (`npm run fuzz`, test/fuzz/main.ts): the fuzzer writes
 * it, and `npm run bench`, which writes the rest of the file, keeps it as it was.
 */

const START = '<!-- fuzz:start -->';
const END = '<!-- fuzz:end -->';

function bounds(results: string): [number, number] | undefined {
  const start = results.indexOf(START);
  const end = start === -1 ? -1 : results.indexOf(END, start);
  return end === -1 ? undefined : [start, end + END.length];
}

/** The body of the fuzzer's section of a RESULTS.md text (without its markers), or '' when it has none. */
export function fuzzSection(results: string): string {
  const found = bounds(results);
  return found ? results.slice(found[0] + START.length, found[1] - END.length).trim() : '';
}

/** `results` with the fuzzer's section set to `body` (appended at the end when it has none). */
export function withFuzzSection(results: string, body: string): string {
  const section = `${START}\n\n${body.trim()}\n\n${END}`;
  const found = bounds(results);
  return found
    ? `${results.slice(0, found[0])}${section}${results.slice(found[1])}`
    : `${results.trimEnd()}\n\n${section}\n`;
}
