import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../../server/src/cli/main';
import { REPO_ROOT } from '../../repoPaths';

const SAMPLES = path.join(REPO_ROOT, 'samples');

function run(args: string[]): string {
  let out = '';
  const code = main(args, { cwd: SAMPLES, stdout: (t) => (out += t), stderr: (t) => (out += t) });
  assert.equal(typeof code, 'number', 'a synchronous command');
  return out;
}

suite('secrets of tenant exports', () => {
  test('the samples export really holds secret-looking values (the test would prove nothing otherwise)', () => {
    const exported =
      fs.readFileSync(path.join(SAMPLES, 'export', 'sources.json'), 'utf8') +
      fs.readFileSync(path.join(SAMPLES, 'export', 'service-desk-integrations.json'), 'utf8');
    assert.match(exported, /FAKE-SECRET-/);
  });

  for (const format of ['text', 'json', 'markdown', 'trigger']) {
    test(`never appear in simulate --format ${format}`, () => {
      const out = run([
        'simulate',
        'export/export-based.plan.yaml',
        '--runs',
        '50',
        '--at',
        '2026-11-25T09:00:00Z',
        '--format',
        format,
      ]);
      assert.ok(out.length > 500, 'the dry run produced a report');
      assert.doesNotMatch(out, /FAKE-SECRET-/);
    });
  }

  test('never appear in validate or predict output', () => {
    const validated = run(['validate', 'export', '--format', 'json']);
    const report = JSON.parse(validated) as { files: { path: string; diagnostics: { code: string }[] }[] };
    // The plans were checked against the exported catalogs (the report is not an error message).
    assert.deepEqual(
      report.files.map((f) => [f.path, f.diagnostics.map((d) => d.code)]),
      [
        ['export/acme-extra.sources.yaml', []],
        ['export/export-based.plan.yaml', ['routed-to-manual', 'permissions-to-work-item']],
        ['export/sandbox-smoke-test.plan.yaml', ['routed-to-manual']],
      ],
    );
    assert.doesNotMatch(validated, /FAKE-SECRET-/);
    const predicted = run(['predict', 'export/export-based.plan.yaml', '--runs', '50', '--format', 'json']);
    const prediction = JSON.parse(predicted) as {
      plans: { requests: { source: string; channel: string }[] }[];
    };
    assert.deepEqual(
      prediction.plans.map((p) => p.requests.map((r) => [r.source, r.channel])),
      [
        [
          ['Active Directory', 'connector'],
          ['Payroll', 'manual'],
          ['HR Portal', 'ticketing'],
          ['Finance File Share', 'connector'],
        ],
      ],
    );
    assert.doesNotMatch(predicted, /FAKE-SECRET-/);
  });
});
