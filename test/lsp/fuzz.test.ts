import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { fuzzSection, withFuzzSection } from '../../bench/fuzzSection';
import { DEFAULT_FAMILIES, FAMILIES, familyOf, generateCase, roundLength } from '../fuzz/families';
import { NoAnswer, within } from '../fuzz/lspSupport';
import { cliFailure, expectDiagnostic } from '../fuzz/oracle';
import { outsideCode } from '../fuzz/flagFamilies';
import { replayCommand, runPass } from '../fuzz/pass';
import { REPO_ROOT } from '../repoPaths';

/**
 * The fuzzer (test/fuzz, `npm run fuzz`): its machinery, and the short fixed-seed pass CI runs.
 * The pass uses the built CLI and server (dist/), as the other tests of this folder do.
 */

/** The seed and length of the CI pass: one round of the schedule, so every family runs by its weight. */
const CI_SEED = 19;

suite('fuzzer (test/fuzz)', () => {
  test('a pass that names no family runs all but the opt-in ones; a named one runs alone', () => {
    assert.deepEqual(
      DEFAULT_FAMILIES.map((f) => f.name),
      FAMILIES.filter((f) => !f.optIn).map((f) => f.name),
    );
    const optIn = FAMILIES.find((f) => f.optIn);
    if (optIn) assert.equal(familyOf([optIn], 5).name, optIn.name);
  });

  test('one round of the schedule runs every family as often as its weight', () => {
    const round = Array.from({ length: roundLength(FAMILIES) }, (_, i) => familyOf(FAMILIES, i).name);
    for (const family of FAMILIES) {
      assert.equal(round.filter((name) => name === family.name).length, family.weight, family.name);
    }
    assert.deepEqual(
      new Set(round.slice(0, FAMILIES.length)),
      new Set(FAMILIES.map((f) => f.name)),
      'every family comes in the first cases',
    );
  });

  test('a case is the same for the same seed and index, and another for another seed', () => {
    const describe = (seed: number, index: number) => generateCase(FAMILIES, seed, index).fuzzCase.describe;
    const cases = Array.from({ length: 40 }, (_, i) => i);
    assert.deepEqual(
      cases.map((i) => describe(7, i)),
      cases.map((i) => describe(7, i)),
    );
    assert.notDeepEqual(
      cases.map((i) => describe(7, i)),
      cases.map((i) => describe(8, i)),
    );
    assert.equal(replayCommand(7, 12), 'npm run fuzz -- --seed 7 --case 12');
  });

  test('the CLI oracle refuses internal failures, stack traces and unclear errors, and takes a clear one', () => {
    const run = (code: number, stderr: string, stdout = '') => ({ code, stdout, stderr });
    assert.equal(
      cliFailure(run(2, 'isc-plan: --runs must be a whole number from 1 to 100000, not "x"\n')),
      undefined,
    );
    assert.equal(cliFailure(run(1, '', 'p.plan.yaml:1:1 error unknown-source …\n')), undefined);
    assert.match(
      cliFailure(run(2, 'isc-plan: unexpected failure: RangeError: Invalid time value\n'))!,
      /internal failure/,
    );
    assert.match(
      cliFailure(
        run(
          0,
          'node:events:502\n    throw er;\nError: write EPIPE\n    at afterWriteDispatched (node:internal/stream_base_commons:161:15)\n',
        ),
      )!,
      /internal failure/,
    );
    assert.match(cliFailure(run(2, 'isc-plan: one\nisc-plan: two\n'))!, /one clear line/);
    assert.match(cliFailure(run(2, `isc-plan: ${'x'.repeat(2_000)}\n`))!, /characters long/);
    assert.match(cliFailure(run(134, ''))!, /exit status 134/);
    const report = JSON.stringify({
      files: [{ path: 'a.plan.yaml', diagnostics: [{ code: 'schema', message: 'm' }] }],
    });
    assert.match(
      expectDiagnostic(run(1, '', report), 'a.plan.yaml', ['document-limit'])!,
      /expected document-limit, got 1 \[schema\]/,
    );
    assert.equal(expectDiagnostic(run(1, '', report), 'a.plan.yaml'), undefined);
  });

  test('Markdown outside code spans keeps raw HTML and drops what code spans hold', () => {
    assert.equal(outsideCode('a `<img>` b'), 'a  b');
    assert.equal(outsideCode('a ``x`<img>`` <b>'), 'a  <b>');
    assert.equal(outsideCode('```\n<script>\n```\n<i>'), '\n<i>');
    assert.equal(outsideCode('# \\<img src=x> \\`<b>\\`'), '# ·img src=x> ·<b>·');
  });

  test('a server that does not answer is a failure after the deadline, not a wait without end', async () => {
    await assert.rejects(within(new Promise(() => undefined), 50, 'a request'), NoAnswer);
    assert.equal(await within(Promise.resolve(3), 50, 'a request'), 3);
  });

  test("npm run bench keeps the fuzzer's section of bench/RESULTS.md", () => {
    const bench = '# Benchmark results\n\n| a | b |\n';
    const withPass = withFuzzSection(bench, '## Fuzzer: last long pass\n\n100,000 cases run, failures: 0');
    assert.equal(fuzzSection(withPass), '## Fuzzer: last long pass\n\n100,000 cases run, failures: 0');
    const rewritten = withFuzzSection('# Benchmark results\n\nnew table\n', fuzzSection(withPass));
    assert.equal(fuzzSection(rewritten), fuzzSection(withPass));
    assert.ok(rewritten.startsWith('# Benchmark results\n\nnew table\n'));
    assert.equal(fuzzSection(withFuzzSection(withPass, 'second')), 'second');
    const results = fs.readFileSync(path.join(REPO_ROOT, 'bench', 'RESULTS.md'), 'utf8');
    assert.match(
      fuzzSection(results),
      /cases run, failures: \d+/,
      'bench/RESULTS.md holds the last long pass',
    );
  });

  test(`the short pass: seed ${CI_SEED}, one round of every family, ends with no failure`, async function () {
    // Each case has its own budget (test/fuzz/fuzzCase.ts, BUDGET); this only bounds the worst case.
    this.timeout(roundLength(DEFAULT_FAMILIES) * 25_000);
    const result = await runPass({ seed: CI_SEED, cases: roundLength(DEFAULT_FAMILIES) });
    const failures = result.failures.map(
      (f) =>
        `case ${f.index} [${f.family}] ${f.describe}\n    ${f.failure}\n    replay: ${replayCommand(CI_SEED, f.index)}`,
    );
    assert.equal(result.cases, roundLength(DEFAULT_FAMILIES));
    assert.equal(
      failures.length,
      0,
      `${failures.length} of ${result.cases} cases failed:\n${failures.join('\n')}`,
    );
  });
});
