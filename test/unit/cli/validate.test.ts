import * as assert from 'node:assert/strict';
import { CATALOG, ROOT, diagnose } from '../helpers';
import type { CliRun } from './cliHelpers';
import { TempFolder, VALID_PLAN, parseReport } from './cliHelpers';

/** A plan with an error (unknown-source after non-ASCII text) and an information (routed-to-manual), CRLF. */
const PLAN = `kind: ProvisioningPlan
identity: { name: jane.doe }
accountRequests:
  - { nativeIdentity: Zoë 😀, source: Active Directroy, operation: Modify }
  - { source: Payroll, operation: Modify, nativeIdentity: '1' }
`.replace(/\n/g, '\r\n');

const WARNING_PLAN = `kind: ProvisioningPlan
identity: { name: jane.doe }
accountRequests:
  - { source: Active Directory, operation: Modify, nativeIdentity: CN=Jane, attributeRequests: [{ name: departmnet, operation: Set, value: Finance }] }
`;

/** The service's own diagnostics of a plan beside the shared catalog, as the contract expects them in every format. */
function expected(text: string): ReturnType<typeof diagnose> {
  assert.ok(ROOT.length > 0);
  return diagnose({ 'acme.sources.yaml': CATALOG, 'plans/p.plan.yaml': text }, 'plans/p.plan.yaml');
}

suite('cli: isc-plan validate output (docs/formats.md#cli-output)', () => {
  let folder: TempFolder;
  setup(() => {
    folder = new TempFolder({
      'acme.sources.yaml': CATALOG,
      'plans/p.plan.yaml': PLAN,
      'plans/ok.plan.yaml': VALID_PLAN,
      'plans/warn.plan.yaml': WARNING_PLAN,
    });
  });
  teardown(() => folder.remove());

  test('text: file:line:col severity code message, one-based, UTF-16 columns, then a summary', () => {
    const run = folder.run('validate', 'plans/p.plan.yaml');
    const lines = run.stdout.split('\n');
    assert.match(
      lines[0]!,
      /^plans\/p\.plan\.yaml:4:39 error unknown-source No loaded catalog has a source named "Active Directroy"/,
    );
    const want = expected(PLAN).map(
      (d) =>
        `plans/p.plan.yaml:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}`,
    );
    assert.equal(want.length, 2);
    assert.equal(run.stdout, `${want.join('\n')}\n1 file checked: 1 error, 0 warnings.\n`);
    assert.equal(run.stderr, '');
    assert.equal(run.code, 1);
  });

  test('json: exactly the shape of docs/formats.md#cli-output, paths as given, LSP positions', () => {
    const run = folder.run('validate', 'plans/p.plan.yaml', './plans/ok.plan.yaml', '--format', 'json');
    const report = parseReport(run);
    const diagnostics = expected(PLAN).map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      range: d.range,
    }));
    assert.deepEqual(report, {
      files: [
        { path: 'plans/p.plan.yaml', diagnostics },
        { path: './plans/ok.plan.yaml', diagnostics: [] },
      ],
      summary: { files: 2, errors: 1, warnings: 0 },
    });
    assert.deepEqual(report.files[0]!.diagnostics[0]!.range, {
      start: { line: 3, character: 38 },
      end: { line: 3, character: 54 },
    });
    assert.deepEqual(Object.keys(report.files[0]!.diagnostics[0]!), ['code', 'severity', 'message', 'range']);
    assert.equal(run.code, 1);
  });

  test('sarif: SARIF 2.1.0 with one run, the rules, and one-based UTF-16 regions', () => {
    const run = folder.run('validate', 'plans/p.plan.yaml', '--format', 'sarif');
    const sarif = JSON.parse(run.stdout) as {
      version: string;
      $schema: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string }[] } };
        columnKind: string;
        results: {
          ruleId: string;
          level: string;
          message: { text: string };
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> };
          }[];
        }[];
      }[];
    };
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    assert.equal(sarif.runs.length, 1);
    const [sarifRun] = sarif.runs;
    assert.equal(sarifRun!.tool.driver.name, 'isc-plan');
    assert.equal(sarifRun!.tool.driver.rules.length, 29);
    assert.equal(sarifRun!.columnKind, 'utf16CodeUnits');
    assert.deepEqual(
      sarifRun!.results.map((r) => [
        r.ruleId,
        r.level,
        r.locations[0]!.physicalLocation.artifactLocation.uri,
        r.locations[0]!.physicalLocation.region,
      ]),
      [
        [
          'unknown-source',
          'error',
          'plans/p.plan.yaml',
          { startLine: 4, startColumn: 39, endLine: 4, endColumn: 55 },
        ],
        [
          'routed-to-manual',
          'note',
          'plans/p.plan.yaml',
          { startLine: 5, startColumn: 35, endLine: 5, endColumn: 41 },
        ],
      ],
    );
    assert.match(sarifRun!.results[0]!.message.text, /Active Directroy/);
    assert.equal(run.code, 1);
  });

  const exits: [string, string[], number][] = [
    ['0 when there are no errors', ['plans/ok.plan.yaml'], 0],
    ['0 with warnings only', ['plans/warn.plan.yaml'], 0],
    ['1 when a file has an error', ['plans/ok.plan.yaml', 'plans/p.plan.yaml'], 1],
    ['2 for an unknown format', ['plans/ok.plan.yaml', '--format', 'xml'], 2],
    ['2 for an unknown option', ['plans/ok.plan.yaml', '--strict'], 2],
    ['2 for a file that does not exist', ['plans/ok.plan.yaml', 'plans/gone.plan.yaml'], 2],
  ];
  for (const [what, args, code] of exits) {
    test(`exit status ${what}`, () => {
      assert.equal(folder.run('validate', ...args).code, code);
    });
  }

  test('a warning is counted in the summary', () => {
    assert.deepEqual(
      parseReport(folder.run('validate', 'plans/warn.plan.yaml', '--format', 'json')).summary,
      { files: 1, errors: 0, warnings: 1 },
    );
  });

  test('bad usage prints one line on stderr and nothing on stdout', () => {
    for (const args of [['validate', '--format', 'xml'], ['validate', '--strict'], ['frobnicate']]) {
      const run: CliRun = folder.run(...args);
      assert.equal(run.code, 2, args.join(' '));
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /^isc-plan: [^\n]+\n$/, args.join(' '));
    }
    assert.equal(
      folder.run('validate', '--format', 'xml').stderr,
      'isc-plan: --format must be text, json or sarif, not "xml"\n',
    );
  });

  test('an unreadable file: exit 2, one line on stderr, and the other files are still reported', () => {
    const run = folder.run('validate', 'plans/gone.plan.yaml', 'plans/p.plan.yaml', '--format', 'json');
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'isc-plan: cannot read plans/gone.plan.yaml: no such file\n');
    assert.deepEqual(
      parseReport(run).files.map((f) => [f.path, f.diagnostics.length]),
      [['plans/p.plan.yaml', 2]],
    );
  });

  test('a folder: a YAML file with kind: ProvisioningPlan but not named *.plan.yaml is skipped with a note saying why', () => {
    folder.write('plans/newhire.yaml', VALID_PLAN);
    folder.write('plans/settings.json', '{"kind": "Other"}');
    const run = folder.run('validate', 'plans', '--format', 'json');
    assert.deepEqual(
      parseReport(run).files.map((f) => f.path),
      ['plans/ok.plan.yaml', 'plans/p.plan.yaml', 'plans/warn.plan.yaml'],
    );
    assert.equal(
      run.stderr,
      'isc-plan: skipped plans/newhire.yaml: it has kind: ProvisioningPlan, but a folder is searched only for plans ' +
        'named *.plan.yaml, *.plan.yml or *.plan.json. Rename it newhire.plan.yaml, or name the file on the command line.\n',
    );
    assert.equal(run.code, 1);
  });

  test('a file that is neither YAML nor JSON: one line saying it is not a plan or catalog, exit 2', () => {
    folder.write('README.md', '# Plans\n\n```yaml\nkind: ProvisioningPlan\n```\n\n- one: two\n  three\n');
    const run = folder.run('validate', 'README.md', 'plans/ok.plan.yaml');
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /^isc-plan: README\.md is not a plan or catalog, not checked\. isc-plan checks plans \(\*\.plan\.yaml[^\n]*\n$/,
    );
    assert.equal(run.stdout, '1 file checked: 0 errors, 0 warnings.\n');
  });

  test('a catalog: entry that cannot be read fails the CI gate: exit 1, with the resolved path and the closest file', () => {
    folder.write(
      'plans/typo.plan.yaml',
      VALID_PLAN.replace(
        /^kind: ProvisioningPlan\n/,
        'kind: ProvisioningPlan\ncatalog: ../acme.source.yaml\n',
      ),
    );
    const run = folder.run('validate', 'plans/typo.plan.yaml');
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /^plans\/typo\.plan\.yaml:2:10 error catalog-unreadable \.\.\/acme\.source\.yaml: the file does not exist\. The path resolves to \S+acme\.source\.yaml\. The closest catalog file there is acme\.sources\.yaml: correct the path in catalog:\.\n/,
    );
  });

  test('a catalog given as a path is validated as a document', () => {
    folder.write(
      'broken.sources.yaml',
      'kind: SourceCatalog\nsources:\n  - { name: X, features: [PROVISIONING] }\n  - { name: X }\n',
    );
    const report = parseReport(folder.run('validate', 'broken.sources.yaml', '--format', 'json'));
    assert.deepEqual(
      report.files[0]!.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      [['duplicate-source', 3, 12]],
    );
  });
});
