import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../../server/src/cli/main';
import { REPO_ROOT } from '../../repoPaths';

/**
 * Every command output the README and samples/README.md show is real: a block after
 * `<!-- output of: isc-plan ARGS -->` is the whole output of that command, and a block after
 * `<!-- excerpt of: isc-plan ARGS -->` is made of its lines, in order (blank lines aside).
 */
const DOCUMENTS = ['README.md', 'samples/README.md'];
const MARKER = /<!-- (output|excerpt) of: isc-plan ([^>]+?) -->\s*\n```[a-z]*\n([\s\S]*?)\n```/g;

interface Example {
  document: string;
  kind: 'output' | 'excerpt';
  args: string[];
  shown: string;
}

function examplesIn(document: string): Example[] {
  const text = fs.readFileSync(path.join(REPO_ROOT, document), 'utf8');
  return [...text.matchAll(MARKER)].map((m) => ({
    document,
    kind: m[1] as Example['kind'],
    args: m[2]!.trim().split(/\s+/),
    shown: m[3]!,
  }));
}

/** The command's stdout, run in-process from the repository's root. */
function outputOf(args: string[]): string {
  let stdout = '';
  const code = main(args, { cwd: REPO_ROOT, stdout: (text) => (stdout += text), stderr: () => undefined });
  assert.equal(typeof code, 'number', `isc-plan ${args[0]} answers synchronously`);
  return stdout;
}

/** The first shown line that is not, in order, a line of the output; null when all are. */
function missingLine(shown: string, output: string): string | null {
  const lines = output.split('\n');
  let at = 0;
  for (const line of shown.split('\n').filter((l) => l.trim() !== '')) {
    while (at < lines.length && lines[at] !== line) at++;
    if (at === lines.length) return line;
    at++;
  }
  return null;
}

suite('docs: the examples of command output are real', () => {
  const examples = DOCUMENTS.flatMap(examplesIn);

  test('the README shows at least one example, marked as output or excerpt', () => {
    assert.ok(examples.some((e) => e.document === 'README.md'));
  });

  for (const example of examples) {
    test(`${example.document}: ${example.kind} of isc-plan ${example.args.join(' ')}`, () => {
      const output = outputOf(example.args);
      if (example.kind === 'output') assert.equal(example.shown, output.replace(/\n$/, ''));
      else assert.equal(missingLine(example.shown, output), null, 'a line the output does not have');
    });
  }

  test('an excerpt with a line the output lacks, or out of order, is caught', () => {
    assert.equal(missingLine('b\n\nc', 'a\nb\nc\n'), null);
    assert.equal(missingLine('c\nb', 'a\nb\nc\n'), 'b');
    assert.equal(missingLine('x', 'a\nb\n'), 'x');
  });
});
