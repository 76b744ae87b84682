import * as assert from 'node:assert/strict';
import { type SpawnSyncReturns, spawn, spawnSync } from 'child_process';
import { once } from 'events';
import * as fs from 'fs';
import * as path from 'path';
import { CATALOG, toDiagnostics } from '../helpers';
import { hostileInputs } from '../service/hostileInputs';
import { TempFolder, VALID_PLAN, parseReport } from './cliHelpers';
import { REPO_ROOT } from '../../repoPaths';
import { MAX_FILE_BYTES, readTextFile } from '../../../server/src/platform/nodeFiles';

/** The bundled CLI (built by `node esbuild.mjs`, as `npm test` does before the unit tests). */
const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

/** Bytes that are not UTF-8: a lone continuation byte sequence after valid text. */
const NOT_UTF8 = Buffer.concat([
  Buffer.from('kind: ProvisioningPlan\nname: Zo'),
  Buffer.from([0xc3, 0x28]),
  Buffer.from('\n'),
]);
/** The start of a PNG image, saved under a plan's name. */
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);

suite('cli: hostile files (docs/rules.md#document-limit)', () => {
  let folder: TempFolder;
  setup(() => {
    folder = new TempFolder({ 'acme.sources.yaml': CATALOG });
  });
  teardown(() => folder.remove());

  test('validate over a folder of hostile files reports every file with its diagnostic and goes on to the valid plan', () => {
    const inputs = hostileInputs();
    for (const input of inputs) folder.write(`in/${input.file}`, input.text);
    folder.write('in/not-utf8.plan.yaml', NOT_UTF8);
    folder.write('in/image.plan.yaml', PNG);
    folder.write('in/zz-valid.plan.yaml', VALID_PLAN);
    const run = folder.run('validate', 'in', '--format', 'json');
    assert.equal(run.code, 1);
    assert.equal(run.stderr, '');
    const byPath = new Map(parseReport(run).files.map((f) => [f.path, f.diagnostics]));
    assert.equal(byPath.size, inputs.length + 3, 'every file is reported');
    for (const input of inputs) {
      const [want] = toDiagnostics(input.text, [
        { code: input.code, severity: 'error', message: '', start: input.start, end: input.end },
      ]);
      assert.deepEqual(
        byPath.get(`in/${input.file}`)?.map((d) => [d.code, d.range]),
        [[input.code, want!.range]],
        input.name,
      );
    }
    const notUtf8 = byPath.get('in/not-utf8.plan.yaml');
    assert.deepEqual(
      notUtf8?.map((d) => [d.code, d.range]),
      [['yaml-syntax', { start: { line: 1, character: 8 }, end: { line: 1, character: 9 } }]],
    );
    assert.match(notUtf8[0]!.message, /not valid UTF-8/);
    assert.deepEqual(
      byPath.get('in/image.plan.yaml')?.map((d) => [d.code, d.range.start]),
      [['yaml-syntax', { line: 0, character: 0 }]],
    );
    assert.deepEqual(byPath.get('in/zz-valid.plan.yaml'), []);
  });
});

suite('cli: 10,000-deep nesting in a child process', () => {
  let folder: TempFolder;
  suiteSetup(() => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: build it with "node esbuild.mjs" first`);
    folder = new TempFolder({ 'acme.sources.yaml': CATALOG });
  });
  suiteTeardown(() => folder?.remove());

  const deep = hostileInputs().filter((input) => input.name.startsWith('10,000-deep'));
  test('the hostile inputs include the four 10,000-deep cases', () => {
    assert.deepEqual(
      deep.map((input) => input.file),
      ['flow-seq.plan.yaml', 'flow-map.plan.yaml', 'block-seq.plan.yaml', 'deep.plan.json'],
    );
  });

  for (const input of deep) {
    test(`${input.name}: the process ends normally with exit status 1 and a document-limit`, () => {
      folder.write(input.file, input.text);
      const result = spawnSync(process.execPath, [CLI, 'validate', input.file, '--format', 'json'], {
        cwd: folder.root,
        encoding: 'utf8',
      });
      assert.equal(result.signal, null, 'not killed by a signal');
      assert.equal(result.stderr, '');
      assert.equal(result.status, 1);
      const report = JSON.parse(result.stdout) as {
        files: { path: string; diagnostics: { code: string }[] }[];
      };
      assert.deepEqual(
        report.files.map((f) => [f.path, f.diagnostics.map((d) => d.code)]),
        [[input.file, ['document-limit']]],
      );
    });
  }
});

/** Runs the bundled CLI in a child process that is killed after 15 s, so that a hang fails the test. */
function runCli(cwd: string, ...args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 15_000 });
}

suite('cli: files that are not regular files or are too large (docs/formats.md#limits)', () => {
  let folder: TempFolder;
  setup(() => {
    folder = new TempFolder({ 'acme.sources.yaml': CATALOG });
  });
  teardown(() => folder.remove());

  test('a named pipe as a plan ends at once with exit 2 and says it is not a regular file', function () {
    if (process.platform === 'win32') this.skip();
    assert.equal(spawnSync('mkfifo', [path.join(folder.root, 'pipe.plan.yaml')]).status, 0);
    const run = runCli(folder.root, 'validate', 'pipe.plan.yaml');
    assert.equal(run.signal, null, 'ended on its own, not killed after the time-out');
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'isc-plan: cannot read pipe.plan.yaml: is not a regular file (a named pipe)\n');
  });

  test("a named pipe as a plan's catalog gives catalog-unreadable saying why, without waiting on it", function () {
    if (process.platform === 'win32') this.skip();
    assert.equal(spawnSync('mkfifo', [path.join(folder.root, 'pipe.sources.yaml')]).status, 0);
    folder.write(
      'p.plan.yaml',
      VALID_PLAN.replace('name: Zoë', 'catalog: [acme.sources.yaml, pipe.sources.yaml]\nname: Zoë'),
    );
    const run = runCli(folder.root, 'validate', 'p.plan.yaml');
    assert.equal(run.signal, null, 'ended on its own, not killed after the time-out');
    assert.equal(run.status, 1);
    assert.match(
      run.stdout,
      /error catalog-unreadable pipe\.sources\.yaml: the file cannot be read: is not a regular file \(a named pipe\)\. The path resolves to \S+pipe\.sources\.yaml\.\n/,
    );
  });

  test('a device is refused without reading it', function () {
    if (process.platform === 'win32') this.skip();
    const run = runCli(folder.root, 'predict', '/dev/zero');
    assert.equal(run.signal, null);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'isc-plan: cannot read /dev/zero: is not a regular file (a device)\n');
  });

  test('a file over 16 MB is refused with the limit; one just under it is read', () => {
    const big = path.join(folder.root, 'big.plan.yaml');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, MAX_FILE_BYTES + 1);
    assert.deepEqual(readTextFile(big), {
      error: "is larger than isc-plan's limit of 16 MB for a plan or catalog file",
    });
    fs.truncateSync(big, MAX_FILE_BYTES);
    const read = readTextFile(big);
    assert.ok('text' in read && read.text.length === MAX_FILE_BYTES);
  });

  test('a BOM is dropped, and only a missing file is reported as missing', () => {
    folder.write('bom.plan.yaml', '\uFEFFkind: ProvisioningPlan\n');
    assert.deepEqual(readTextFile(path.join(folder.root, 'bom.plan.yaml')), {
      text: 'kind: ProvisioningPlan\n',
    });
    assert.deepEqual(readTextFile(path.join(folder.root, 'none.plan.yaml')), {
      error: 'no such file',
      missing: true,
    });
    assert.deepEqual(readTextFile(folder.root), { error: 'is a directory' });
  });
});

suite('cli: a reader that goes away (EPIPE)', () => {
  let folder: TempFolder;
  suiteSetup(() => {
    folder = new TempFolder({ 'acme.sources.yaml': CATALOG });
    let plan = 'kind: ProvisioningPlan\nidentity: { name: a }\naccountRequests:\n';
    for (let i = 0; i < 3_000; i++) plan += `  - { source: Unknown ${i}, operation: Create }\n`;
    folder.write('big.plan.yaml', plan);
  });
  suiteTeardown(() => folder.remove());

  test('validate | head -1: the CLI stops quietly, without a stack trace', async () => {
    const child = spawn(process.execPath, [CLI, 'validate', 'big.plan.yaml'], { cwd: folder.root });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Like `head -1`: read the first chunk, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
    assert.equal(stderr, '');
    assert.equal(signal, null);
    assert.equal(code, 1, 'the exit status of the validation');
  });
});

suite('cli: HTML in a plan stays text in the Markdown report', () => {
  test('a plan named <img …> and a source named <b>…</b> are escaped, never raw HTML', () => {
    const folder = new TempFolder({
      'acme.sources.yaml': CATALOG,
      'p.plan.yaml': [
        'kind: ProvisioningPlan',
        'name: <img src=x onerror=alert(1)> & [link](javascript:alert(1))',
        'identity: { name: jane.doe }',
        'accountRequests:',
        '  - { source: "<b>Payroll</b>", operation: Create }',
        '',
      ].join('\n'),
    });
    try {
      const run = folder.run('predict', 'p.plan.yaml', '--format', 'markdown', '--runs', '5');
      assert.equal(run.code, 0, run.stderr);
      assert.doesNotMatch(
        run.stdout,
        /(?<!\\)(?:<img|<b>|<\/b>|\]\(javascript)/,
        'no unescaped HTML or link',
      );
      assert.match(
        run.stdout,
        /^# \\<img src=x onerror=alert\(1\)> & \\\[link\\\]\(javascript:alert\(1\)\)$/m,
      );
      assert.match(run.stdout, /\\<b>Payroll\\<\/b> · Create/);
    } finally {
      folder.remove();
    }
  });
});

suite('cli: numbers from the command line are checked against a stated range', () => {
  let folder: TempFolder;
  setup(() => {
    folder = new TempFolder({ 'acme.sources.yaml': CATALOG, 'p.plan.yaml': VALID_PLAN });
  });
  teardown(() => folder.remove());

  const refused: [string[], string][] = [
    [['--runs', '1e9'], '--runs must be a whole number from 1 to 100,000, not "1e9"'],
    [['--runs', '0'], '--runs must be a whole number from 1 to 100,000, not "0"'],
    [['--runs', ''], '--runs must be a whole number from 1 to 100,000, not ""'],
    [['--seed=-1'], '--seed must be a whole number from 0 to 2,147,483,647, not "-1"'],
    [
      ['--seed', '9007199254740993'],
      '--seed must be a whole number from 0 to 2,147,483,647, not "9007199254740993"',
    ],
    [['--moment', '3e9'], '--moment must be hours after submission, from 0 to 8,760 (a year), not "3e9"'],
    [
      ['--moment', 'Infinity'],
      '--moment must be hours after submission, from 0 to 8,760 (a year), not "Infinity"',
    ],
  ];
  for (const [flags, message] of refused) {
    test(`simulate ${flags.join(' ')}: exit 2 with the range`, () => {
      const run = folder.run('simulate', 'p.plan.yaml', ...flags);
      assert.deepEqual([run.code, run.stderr, run.stdout], [2, `isc-plan: ${message}\n`, '']);
    });
  }

  test('the ends of the ranges are accepted', () => {
    const run = folder.run(
      'simulate',
      'p.plan.yaml',
      '--runs',
      '1',
      '--seed',
      '2147483647',
      '--moment',
      '8760',
    );
    assert.equal(run.code, 0, run.stderr);
  });
});

suite('cli: --at does not depend on the machine', () => {
  let folder: TempFolder;
  setup(() => {
    folder = new TempFolder({ 'acme.sources.yaml': CATALOG, 'p.plan.yaml': VALID_PLAN });
  });
  teardown(() => folder.remove());

  const submitted = (run: { stdout: string }): string => (JSON.parse(run.stdout) as { at: string }).at;

  test("a time without an offset is read in the catalog's time zone, and a note says so", () => {
    const run = folder.run(
      'predict',
      'p.plan.yaml',
      '--at',
      '2026-11-30T09:00',
      '--runs',
      '5',
      '--format',
      'json',
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal(submitted(run), '2026-11-30T08:00:00.000Z', '09:00 in Europe/Berlin (UTC+1 in November)');
    assert.equal(
      run.stderr,
      "isc-plan: note: --at 2026-11-30T09:00 has no UTC offset; read in Europe/Berlin (the catalog's time zone).\n",
    );
  });

  test('a time with an offset is that instant, without a note', () => {
    const run = folder.run(
      'predict',
      'p.plan.yaml',
      '--at',
      '2026-07-01T09:00:00-05:00',
      '--runs',
      '5',
      '--format',
      'json',
    );
    assert.deepEqual([run.code, run.stderr, submitted(run)], [0, '', '2026-07-01T14:00:00.000Z']);
  });

  for (const [at, why] of [
    ['2026-02-30', 'names a day that does not exist (2026-02-30)'],
    ['2026-13-01T09:00Z', 'names a day that does not exist (2026-13-01)'],
    ['2026-11-30T24:30Z', 'names a time of day that does not exist'],
    ['30.11.2026', 'must be an ISO 8601 time such as 2026-11-25T09:00:00Z'],
  ]) {
    test(`--at ${at} is refused: ${why}`, () => {
      const run = folder.run('predict', 'p.plan.yaml', '--at', at!);
      assert.deepEqual([run.code, run.stderr], [2, `isc-plan: --at ${why}, not "${at}"\n`]);
    });
  }
});

suite('cli: an empty plan file says it is empty', () => {
  test('nothing, only comments, or blank JSON: one schema error at 1:1 saying the file is empty (not "value expected"); an empty catalog is not a plan', () => {
    const folder = new TempFolder({
      'e.plan.yaml': '',
      'c.plan.yaml': '# only a comment\n\n',
      'k.sources.yaml': '',
      'j.plan.json': '  \n\n',
    });
    try {
      const run = folder.run('validate', 'e.plan.yaml', 'c.plan.yaml', 'j.plan.json', 'k.sources.yaml');
      const empty =
        'error schema The plan file is empty (no document, or only comments): a plan file holds a provisioning plan (kind: ProvisioningPlan, identity:, accountRequests:).';
      assert.deepEqual(
        [run.code, run.stdout],
        [
          1,
          `e.plan.yaml:1:1 ${empty}\nc.plan.yaml:1:1 ${empty}\nj.plan.json:1:1 ${empty}\n4 files checked: 3 errors, 0 warnings.\n`,
        ],
      );
    } finally {
      folder.remove();
    }
  });
});
