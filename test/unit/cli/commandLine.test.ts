import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../../repoPaths';

/** The bundled programs behind package.json's `bin` (built by `node esbuild.mjs`). */
const PACKAGE = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
};
const CLI = path.join(REPO_ROOT, PACKAGE.bin['isc-plan']!);
const SERVER = path.join(REPO_ROOT, PACKAGE.bin['isc-plan-language-server']!);

function run(program: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [program, ...args], {
    encoding: 'utf8',
    input: '',
    timeout: 15000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

suite('cli: isc-plan version and help', () => {
  for (const arg of ['--version', '-v', 'version']) {
    test(`isc-plan ${arg} prints the package's version and exits 0`, () => {
      assert.deepEqual(run(CLI, arg), { code: 0, stdout: `${PACKAGE.version}\n`, stderr: '' });
    });
  }

  for (const args of [
    ['--help'],
    ['-h'],
    ['help'],
    ['validate', '--help'],
    ['simulate', 'x.plan.yaml', '-h'],
  ]) {
    test(`isc-plan ${args.join(' ')} prints the usage and exits 0`, () => {
      const result = run(CLI, ...args);
      assert.equal(result.code, 0);
      assert.equal(result.stderr, '');
      assert.match(result.stdout, /^Usage:\n {2}isc-plan validate /);
      assert.match(result.stdout, /isc-plan version \| --version \| -v/);
    });
  }
});

suite('cli: isc-plan-language-server command line', () => {
  for (const arg of ['--help', '-h']) {
    test(`${arg} prints the transports and exits 0`, () => {
      const result = run(SERVER, arg);
      assert.equal(result.code, 0);
      assert.equal(result.stderr, '');
      assert.match(
        result.stdout,
        /^Usage: isc-plan-language-server --stdio \| --node-ipc \| --socket=PORT \| --pipe=NAME\n/,
      );
    });
  }

  test('--version prints the package version', () => {
    assert.deepEqual(run(SERVER, '--version'), { code: 0, stdout: `${PACKAGE.version}\n`, stderr: '' });
  });

  const refused: [string[], string][] = [
    [[], 'no transport given: start it with --stdio'],
    [['--clientProcessId=1'], 'no transport given: start it with --stdio'],
    [['--socket'], '--socket needs a number'],
    [['--socket=port'], '--socket needs a number'],
    [['--pipe='], '--pipe needs a name'],
    [['--stdio', '--node-ipc'], 'give one transport, not several'],
    [['--studio'], 'unknown argument "--studio"'],
  ];
  for (const [args, message] of refused) {
    test(`"${args.join(' ')}" exits 2 with one line and the usage on stderr, no stack trace`, () => {
      const result = run(SERVER, ...args);
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      const [first, second] = result.stderr.split('\n');
      assert.equal(first, `isc-plan-language-server: ${message}`);
      assert.match(second!, /^Usage: isc-plan-language-server /);
      assert.ok(result.stderr.length < 1000, `stderr is short, not ${result.stderr.length} characters`);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    });
  }
});
