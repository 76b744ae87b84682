/**
 * The real-editor harness without an editor: the desktop path must hand @vscode/test-electron's runner the
 * right arguments and environment (checked with a stand-in "VS Code" that records what it was given), and
 * the pure helpers must pick the editor, build the workbench URL and parse the CLI as documented; the E2E check
 * runner must fail the run for any check that did not pass.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CheckRunner } from '../e2e/checks';
import { workbenchUrl } from '../harness/browser';
import { parseArgs } from '../harness/cli';
import { desktopTestOptions, pickEditor, runExtensionTests } from '../harness/runExtensionTests';

interface Recorded {
  argv: string[];
  env: Record<string, string | undefined>;
}

/** Writes an executable that records its arguments and environment to $ISC_PLAN_FAKE_RECORD, then exits with $ISC_PLAN_FAKE_EXIT (default 0). */
function writeStandInEditor(dir: string): string {
  const file = path.join(dir, 'fake-code');
  fs.writeFileSync(
    file,
    [
      `#!${process.execPath}`,
      "const fs = require('fs');",
      'fs.writeFileSync(process.env.ISC_PLAN_FAKE_RECORD, JSON.stringify({ argv: process.argv.slice(2), env: process.env }));',
      'process.exit(Number(process.env.ISC_PLAN_FAKE_EXIT || 0));',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return file;
}

suite('test harness: desktop path', () => {
  const saved: Record<string, string | undefined> = {};
  let dir: string;
  let executable: string;
  let record: string;

  setup(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isc-plan-harness-'));
    executable = writeStandInEditor(dir);
    record = path.join(dir, 'record.json');
    for (const key of ['ISC_PLAN_TEST_EDITOR', 'ISC_PLAN_VSCODE_EXECUTABLE']) saved[key] = process.env[key];
    process.env.ISC_PLAN_TEST_EDITOR = 'desktop';
    process.env.ISC_PLAN_VSCODE_EXECUTABLE = executable;
  });

  teardown(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const options = (extra: Record<string, string> = {}): Parameters<typeof runExtensionTests>[0] => ({
    extensionDevelopmentPath: 'fixtures/ext',
    extensionTestsPath: 'fixtures/ext/out/test/suite',
    workspacePath: 'fixtures/workspace',
    env: { ISC_PLAN_FAKE_RECORD: record, HARNESS_PROBE: 'forty-two', ...extra },
    launchArgs: ['--log', 'trace'],
  });

  test('spawns the given executable with the desktop arguments and the environment', async () => {
    const code = await runExtensionTests(options());
    assert.equal(code, 0);
    const recorded = JSON.parse(fs.readFileSync(record, 'utf8')) as Recorded;
    const argv = recorded.argv;
    assert.ok(argv.includes(`--extensionDevelopmentPath=${path.resolve('fixtures/ext')}`), argv.join(' '));
    assert.ok(
      argv.includes(`--extensionTestsPath=${path.resolve('fixtures/ext/out/test/suite')}`),
      argv.join(' '),
    );
    assert.equal(argv[0], path.resolve('fixtures/workspace'), 'the workspace comes first');
    assert.ok(argv.includes('--disable-extensions'));
    assert.deepEqual(argv.slice(2, 4), ['--log', 'trace'], 'caller launchArgs follow --disable-extensions');
    assert.equal(recorded.env.HARNESS_PROBE, 'forty-two');
  });

  test('resolves with the suite exit code when the editor fails', async () => {
    assert.equal(await runExtensionTests(options({ ISC_PLAN_FAKE_EXIT: '3' })), 3);
  });

  test('names the executable, so test-electron never downloads VS Code', () => {
    const built = desktopTestOptions(options());
    assert.equal(built.vscodeExecutablePath, executable);
    assert.deepEqual(built.launchArgs, [
      path.resolve('fixtures/workspace'),
      '--disable-extensions',
      '--log',
      'trace',
    ]);
    assert.equal(built.extensionTestsEnv?.HARNESS_PROBE, 'forty-two');
  });
});

suite('test harness: helpers', () => {
  test('picks the editor from the environment, then the executable, then the code-server install', () => {
    const installed = (): boolean => true;
    const missing = (): boolean => false;
    assert.equal(pickEditor({ ISC_PLAN_TEST_EDITOR: 'code-server' }, missing), 'code-server');
    assert.equal(pickEditor({ ISC_PLAN_TEST_EDITOR: 'desktop' }, installed), 'desktop');
    assert.equal(pickEditor({ ISC_PLAN_VSCODE_EXECUTABLE: '/x/code' }, installed), 'desktop');
    assert.equal(pickEditor({}, installed), 'code-server');
    assert.equal(pickEditor({}, missing), 'desktop');
    assert.throws(() => pickEditor({ ISC_PLAN_TEST_EDITOR: 'vim' }, installed), /desktop" or "code-server/);
  });

  test('names the extension and its tests as vscode-remote URIs in the workbench payload', () => {
    const url = new URL(workbenchUrl('http://127.0.0.1:4567', '/w/space', '/w/ext', '/w/ext/out/test/suite'));
    assert.equal(url.searchParams.get('folder'), '/w/space');
    assert.deepEqual(JSON.parse(url.searchParams.get('payload')!), [
      ['extensionDevelopmentPath', 'vscode-remote://127.0.0.1:4567/w/ext'],
      ['extensionTestsPath', 'vscode-remote://127.0.0.1:4567/w/ext/out/test/suite'],
    ]);
  });

  test('parses the CLI', () => {
    assert.deepEqual(
      parseArgs([
        '--extension',
        'e',
        '--tests',
        't',
        '--workspace',
        'w',
        '--env',
        'A=b=c',
        '--',
        '--log',
        'trace',
      ]),
      {
        extensionDevelopmentPath: 'e',
        extensionTestsPath: 't',
        workspacePath: 'w',
        env: { A: 'b=c' },
        launchArgs: ['--log', 'trace'],
      },
    );
    assert.throws(() => parseArgs(['--extension', 'e']), /usage/);
  });
});

suite('test harness: E2E check runner', () => {
  /** A runner that keeps its printed lines and the names its failure hook was called with. */
  function runner(): { runner: CheckRunner; lines: string[]; failures: string[] } {
    const lines: string[] = [];
    const failures: string[] = [];
    const checks = new CheckRunner(
      (name) => {
        failures.push(name);
        return Promise.resolve();
      },
      (line) => lines.push(line.replace(/\(\d+\.\d s\)/, '(t)')),
    );
    return { runner: checks, lines, failures };
  }

  test('a passing run: every check PASS, the run does not fail', async () => {
    const { runner: checks, lines } = runner();
    assert.equal(await checks.check('one', () => Promise.resolve()), 'PASS');
    assert.equal(await checks.check('two', () => Promise.resolve()), 'PASS');
    assert.equal(checks.failed, false);
    assert.equal(checks.summary(), '2 passed, 0 failed');
    assert.deepEqual(lines, ['PASS    one (t)', 'PASS    two (t)']);
  });

  test('a check that cannot do its work (a command missing from the palette) fails the run', async () => {
    const { runner: checks, lines, failures } = runner();
    await checks.check('opens', () => Promise.resolve());
    const outcome = await checks.check('dry run', () =>
      Promise.reject(new Error('"ISC Plan: Open Dry Run" is not in the command palette')),
    );
    assert.equal(outcome, 'FAIL');
    assert.equal(checks.failed, true);
    assert.equal(checks.summary(), '1 passed, 1 failed');
    assert.deepEqual(failures, ['dry run']);
    assert.deepEqual(lines, [
      'PASS    opens (t)',
      'FAIL    dry run (t)\n        "ISC Plan: Open Dry Run" is not in the command palette',
    ]);
  });

  test('after an abort later checks do not run, and the run fails', async () => {
    const { runner: checks, lines } = runner();
    await checks.check('one', () => Promise.resolve());
    checks.abort('the scenario finishes', new Error('timed out'));
    let ran = false;
    const outcome = await checks.check('two', () => {
      ran = true;
      return Promise.resolve();
    });
    assert.deepEqual([outcome, ran, checks.isAborted, checks.failed], ['NOT RUN', false, true, true]);
    assert.equal(checks.summary(), '1 passed, 1 failed');
    assert.deepEqual(lines, ['PASS    one (t)', 'FAIL    the scenario finishes (t)\n        timed out']);
  });

  test('a check still running when the run is aborted is not recorded; the abort is', async () => {
    const { runner: checks } = runner();
    const outcome = await checks.check('slow', () => {
      checks.abort('the scenario finishes', 'timed out');
      return Promise.resolve();
    });
    assert.equal(outcome, 'NOT RUN');
    assert.deepEqual(
      checks.all.map((r) => [r.name, r.outcome, r.detail]),
      [['the scenario finishes', 'FAIL', 'timed out']],
    );
    assert.equal(checks.failed, true);
  });

  test('a run in which no check ran fails', () => {
    assert.equal(runner().runner.failed, true);
  });
});
