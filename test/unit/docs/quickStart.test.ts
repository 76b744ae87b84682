import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { MILESTONE_MEANINGS, OUTCOME_MEANINGS } from '../../../shared/format';
import { TempFolder } from '../cli/cliHelpers';
import { REPO_ROOT } from '../../repoPaths';

/** The README's quick start works as written, and its glossary is the product's own wording. */
const README = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

/** The files the quick start asks the reader to write: `<!-- quick-start: NAME -->` then a YAML block. */
function quickStartFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const m of README.matchAll(/<!-- quick-start: (\S+) -->\s*\n```yaml\n([\s\S]*?)```/g)) {
    files[m[1]!] = m[2]!;
  }
  return files;
}

/** The `- **word**: meaning` lines that follow a bold heading of the README, as a record. */
function glossary(heading: string): Record<string, string> {
  const from = README.indexOf(`**${heading}**`);
  const block = README.slice(from, README.indexOf('\n\n', README.indexOf('\n- ', from)));
  const entries = [...block.replace(/\n {2}/g, ' ').matchAll(/^- \*\*([a-z-]+)\*\*: (.*)$/gm)];
  return Object.fromEntries(entries.map((m) => [m[1]!, m[2]!]));
}

suite("docs: the README's quick start", () => {
  let folder: TempFolder;
  suiteSetup(() => {
    folder = new TempFolder(quickStartFiles());
  });
  suiteTeardown(() => folder.remove());

  test('gives a catalog and a plan', () => {
    assert.deepEqual(Object.keys(quickStartFiles()).sort(), ['acme.sources.yaml', 'jane.plan.yaml']);
  });

  test('validate . passes them: no error, no warning', () => {
    const run = folder.run('validate', '.');
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^2 files checked: 0 errors, 0 warnings\.$/m);
  });

  test('simulate gives the dry run of the plan', () => {
    const run = folder.run(
      'simulate',
      'jane.plan.yaml',
      '--at',
      '2026-11-30T09:00:00+01:00',
      '--runs',
      '200',
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /#1 Active Directory · Modify → connector → Active Directory/);
    assert.match(run.stdout, /#2 Payroll · Create → manual → payroll\.admin/);
    assert.match(run.stdout, /Representative run/);
  });

  test('defines every milestone and outcome in the words the view shows on hover', () => {
    assert.deepEqual(glossary('Milestones'), MILESTONE_MEANINGS);
    assert.deepEqual(glossary('Outcomes'), OUTCOME_MEANINGS);
  });
});
