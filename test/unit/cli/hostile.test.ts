import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CATALOG, toDiagnostics } from '../helpers';
import { hostileInputs } from '../service/hostileInputs';
import { TempFolder, VALID_PLAN, parseReport } from './cliHelpers';
import { REPO_ROOT } from '../../repoPaths';

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
