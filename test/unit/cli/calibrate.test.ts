import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { TempFolder } from './cliHelpers';
import { syntheticCatalog, syntheticHistory } from '../service/calibration/syntheticHistory';

const AS_OF = Date.parse('2026-12-01T10:00:00Z');

suite('cli: isc-plan calibrate', function () {
  this.timeout(60_000);
  let folder: TempFolder;
  const read = (name: string): string => fs.readFileSync(path.join(folder.root, name), 'utf8');

  suiteSetup(() => {
    const records = syntheticHistory({ seed: 2, asOf: AS_OF, days: 60, scale: 1 });
    folder = new TempFolder({
      'tenant.sources.yaml': syntheticCatalog(),
      'activities.json': JSON.stringify(records),
      'activities.jsonl': records.map((r) => JSON.stringify(r)).join('\n'),
      'mine.sources.yaml': 'kind: SourceCatalog\nsources: []\n',
    });
  });
  suiteTeardown(() => folder.remove());

  test('writes the overlay and prints the report with the back-test, exit 0', async () => {
    const run = await folder.runAsync('calibrate', 'activities.json', '--catalog', 'tenant.sources.yaml');
    assert.equal(run.stderr, '');
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^Calibrated from [\d,]+ account activities created 2026-10-0\d to 2026-12-01/);
    assert.match(run.stdout, /Wrote calibrated\.sources\.yaml: merge it after the tenant catalog\./);
    assert.match(
      run.stdout,
      /\n {2}Active Directory \(connector\): time until visible p50 \d+ min, p90 \d+ min/,
    );
    assert.match(run.stdout, /\nall connector +\d+\.\d % +\d+\.\d %/);
    assert.match(read('calibrated.sources.yaml'), /^# Learned by isc-plan calibrate/);
    assert.match(
      read('calibrated.sources.yaml'),
      /\n {8}businessHours: \{ days: \[Mon, Tue, Wed, Thu, Fri\], start: '09:00', end: '17:00' \}/,
    );
    // The overlay is a clean catalog: the schema knows timing.learned.
    const validate = folder.run('validate', 'calibrated.sources.yaml');
    assert.match(validate.stdout, /1 file checked: 0 errors, 0 warnings\.\n$/);
  });

  test('JSON Lines give the same figures; markdown and json formats', async () => {
    const text = await folder.runAsync(
      'calibrate',
      'activities.jsonl',
      '--catalog',
      'tenant.sources.yaml',
      '--format',
      'json',
      '--out',
      'lines.sources.yaml',
    );
    const array = await folder.runAsync(
      'calibrate',
      'activities.json',
      '--catalog',
      'tenant.sources.yaml',
      '--format',
      'json',
      '--out',
      'lines.sources.yaml',
    );
    assert.equal(text.stdout, array.stdout);
    const json = JSON.parse(text.stdout) as { holdout: number; channels: { label: string }[] };
    assert.equal(json.holdout, 0.2);
    assert.deepEqual(
      json.channels.map((c) => c.label),
      ['all connector', 'all manual'],
    );
    const markdown = await folder.runAsync(
      'calibrate',
      'activities.json',
      '--catalog',
      'tenant.sources.yaml',
      '--format',
      'markdown',
      '--holdout',
      '0',
    );
    assert.match(markdown.stdout, /^### isc-plan calibrate\n/);
    assert.doesNotMatch(markdown.stdout, /Back-test/);
  });

  test('bad usage and bad input: one line on stderr naming the file and place, exit 2; a foreign file is not overwritten', async () => {
    folder.write('cut.json', '[{"created": "2026-11-01T00:00:00Z", "items": []');
    const cases: [string[], string][] = [
      [
        ['calibrate', 'activities.json', '--holdout', '120%'],
        'isc-plan: --holdout 120%: expected a share below 100 %, e.g. 20% or 0.2 (0: no back-test)\n',
      ],
      [
        ['calibrate', 'activities.json', '--out', 'mine.sources.yaml'],
        'isc-plan: mine.sources.yaml exists and was not written by isc-plan calibrate; choose another --out\n',
      ],
      [
        ['calibrate', 'cut.json'],
        'isc-plan: cut.json: at character 49: the text ends inside a record (the file is cut off)\n',
      ],
      [['calibrate', 'missing.json'], 'isc-plan: missing.json: no such file\n'],
      [['calibrate'], 'isc-plan: calibrate needs at least one file of account activities\n'],
    ];
    for (const [argv, stderr] of cases) {
      const run = await folder.runAsync(...argv);
      assert.equal(run.stderr, stderr, argv.join(' '));
      assert.equal(run.code, 2);
    }
    assert.equal(read('mine.sources.yaml'), 'kind: SourceCatalog\nsources: []\n');
  });

  test('samples/history: the shipped overlay is what calibrate learns from the shipped activities', async () => {
    const repo = path.resolve(__dirname, '../../../..');
    const sample = (name: string): string => path.join(repo, 'samples', 'history', name);
    folder.write('history/activities.json', fs.readFileSync(sample('activities.json')));
    folder.write('history/tenant.sources.yaml', fs.readFileSync(sample('tenant.sources.yaml')));
    const run = await folder.runAsync(
      'calibrate',
      'history/activities.json',
      '--catalog',
      'history/tenant.sources.yaml',
      '--out',
      'history/calibrated.sources.yaml',
    );
    assert.equal(run.code, 0);
    assert.equal(
      read('history/calibrated.sources.yaml'),
      fs.readFileSync(sample('calibrated.sources.yaml'), 'utf8'),
    );
  });
});
