import * as assert from 'node:assert/strict';
import { CATALOG } from '../helpers';
import { exportFile } from '../service/catalog/catalogFixtures';
import { TempFolder, VALID_PLAN, parseReport } from './cliHelpers';

/** A manual request (routed-to-manual, information) and an unknown attribute (warning). */
const PLAN = `kind: ProvisioningPlan
identity: { name: jane.doe }
accountRequests:
  - { source: Payroll, operation: Modify, nativeIdentity: '1' }
  - source: Active Directory
    operation: Modify
    nativeIdentity: CN=Jane
    attributeRequests: [{ name: titel, operation: Set, value: Controller }]
`;

function codesOf(folder: TempFolder, ...args: string[]): string[] {
  const report = parseReport(folder.run('validate', ...args, '--format', 'json'));
  return report.files.flatMap((f) => f.diagnostics.map((d) => `${f.path} ${d.code}:${d.severity}`));
}

suite('cli: --catalog', () => {
  let folder: TempFolder;
  setup(() => {
    folder = new TempFolder({ 'tenant/acme.sources.yaml': CATALOG, 'plans/p.plan.yaml': PLAN });
  });
  teardown(() => folder.remove());

  test('without a catalog the plan gets no-catalog only', () => {
    assert.deepEqual(codesOf(folder, 'plans/p.plan.yaml'), ['plans/p.plan.yaml no-catalog:warning']);
  });

  test('--catalog FILE is used when the plan names none and none is beside it', () => {
    assert.deepEqual(codesOf(folder, 'plans/p.plan.yaml', '--catalog', 'tenant/acme.sources.yaml'), [
      'plans/p.plan.yaml routed-to-manual:information',
      'plans/p.plan.yaml unknown-attribute:warning',
    ]);
  });

  test('--catalog can be repeated: later files complete earlier ones', () => {
    folder.write(
      'tenant/extra.sources.yaml',
      'kind: SourceCatalog\nsources:\n  - { name: Payroll, connectionType: direct, features: [PROVISIONING] }\n',
    );
    const args = [
      'plans/p.plan.yaml',
      '--catalog',
      'tenant/acme.sources.yaml',
      '--catalog',
      'tenant/extra.sources.yaml',
    ];
    assert.deepEqual(codesOf(folder, ...args), ['plans/p.plan.yaml unknown-attribute:warning']);
  });

  test('a catalog passed as a PATH is validated, and does not become a catalog of the other files', () => {
    assert.deepEqual(codesOf(folder, 'tenant/acme.sources.yaml', 'plans/p.plan.yaml'), [
      'plans/p.plan.yaml no-catalog:warning',
    ]);
  });

  test('--catalog takes tenant exports unchanged', () => {
    for (const name of ['sources.json', 'service-desk-integrations.json']) {
      folder.write(`export/${name}`, exportFile(name));
    }
    folder.write(
      'plans/hr.plan.yaml',
      'kind: ProvisioningPlan\nidentity: { name: x }\naccountRequests:\n  - { source: HR Portal, operation: Modify, nativeIdentity: x, channel: manual }\n',
    );
    const args = [
      'plans/hr.plan.yaml',
      '--catalog',
      'export/sources.json',
      '--catalog',
      'export/service-desk-integrations.json',
    ];
    const run = folder.run('validate', ...args, '--format', 'json');
    assert.doesNotMatch(run.stdout + run.stderr, /FAKE-SECRET/);
    const report = parseReport(run);
    assert.deepEqual(
      report.files[0]!.diagnostics.map((d) => d.message),
      [
        'The request expects channel "manual", but ISC would use "ticketing": "ServiceNow SDIM" lists HR Portal in its managed sources; ISC sends the whole Modify to it as a ticket and never splits a source between an SDIM and its connector.',
      ],
    );
  });

  test('tenant exports named as ISC names them are validated as catalogs by their shape: fields not used are not reported', () => {
    const names = [
      'sources.json',
      'service-desk-integrations.json',
      'status-check-configuration.json',
      'sp-config.json',
    ];
    for (const name of names) folder.write(`export/${name}`, exportFile(name));
    const run = folder.run('validate', ...names.map((name) => `export/${name}`), '--format', 'json');
    assert.deepEqual(
      parseReport(run).files.map((f) => [f.path, f.diagnostics]),
      names.map((name) => [`export/${name}`, []]),
    );
    assert.equal(run.code, 0);
  });

  test('--catalog with a file that does not exist: exit 2 with a one-line reason', () => {
    const run = folder.run('validate', 'plans/p.plan.yaml', '--catalog', 'tenant/missing.sources.yaml');
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, 'isc-plan: --catalog tenant/missing.sources.yaml: no such file\n');
  });

  test('an option the command does not take: exit 2, naming the command that takes it', () => {
    const cases: [string[], string][] = [
      [['predict', 'plans/p.plan.yaml', '--moment', '3'], 'predict does not take --moment (simulate does)'],
      [['validate', '--runs', '5'], 'validate does not take --runs'],
      [['import', 'x.json', '--holdout', '10%'], 'import does not take --holdout (calibrate does)'],
      [['calibrate', 'a.json', '--threshold', '5'], 'calibrate does not take --threshold (diff does)'],
    ];
    for (const [argv, said] of cases) {
      const run = folder.run(...argv);
      assert.deepEqual(
        [run.code, run.stdout, run.stderr],
        [2, '', `isc-plan: ${said}; run isc-plan ${argv[0]} --help\n`],
      );
    }
  });

  test("a plan in the current directory's subfolder discovers the catalogs up to the current directory", () => {
    folder.write('team.sources.yaml', CATALOG);
    assert.deepEqual(codesOf(folder, 'plans/p.plan.yaml'), [
      'plans/p.plan.yaml routed-to-manual:information',
      'plans/p.plan.yaml unknown-attribute:warning',
    ]);
  });
});

suite('cli: --rule and .isc-plan.yaml', () => {
  let folder: TempFolder;
  setup(() => {
    folder = new TempFolder({ 'acme.sources.yaml': CATALOG, 'p.plan.yaml': PLAN });
  });
  teardown(() => folder.remove());

  test('--rule CODE=SEVERITY changes a severity, and with it the exit status', () => {
    assert.equal(folder.run('validate', 'p.plan.yaml').code, 0);
    const run = folder.run(
      'validate',
      'p.plan.yaml',
      '--rule',
      'unknown-attribute=error',
      '--rule',
      'routed-to-manual=off',
      '--format',
      'json',
    );
    assert.equal(run.code, 1);
    assert.deepEqual(
      parseReport(run).files[0]!.diagnostics.map((d) => `${d.code}:${d.severity}`),
      ['unknown-attribute:error'],
    );
    assert.deepEqual(parseReport(run).summary, { files: 1, errors: 1, warnings: 0 });
  });

  test('--rule with an unknown code: exit 2 with a one-line reason naming the closest code', () => {
    const run = folder.run('validate', 'p.plan.yaml', '--rule', 'unknown-atribute=off');
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.equal(
      run.stderr,
      'isc-plan: --rule unknown-atribute=off: unknown rule code "unknown-atribute" (did you mean unknown-attribute?)\n',
    );
  });

  test('--rule with an unknown severity: exit 2', () => {
    const run = folder.run('validate', 'p.plan.yaml', '--rule', 'unknown-attribute=loud');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^isc-plan: --rule unknown-attribute=loud: "loud" is not a severity[^\n]*\n$/);
  });

  test('.isc-plan.yaml in the current directory sets severities; --rule overrides it', () => {
    folder.write('.isc-plan.yaml', 'rules:\n  unknown-attribute: off\n  routed-to-manual: warning\n');
    assert.deepEqual(codesOf(folder, 'p.plan.yaml'), ['p.plan.yaml routed-to-manual:warning']);
    assert.deepEqual(codesOf(folder, 'p.plan.yaml', '--rule', 'routed-to-manual=hint'), [
      'p.plan.yaml routed-to-manual:hint',
    ]);
  });

  test('a mistake in .isc-plan.yaml is a warning on stderr with its line; the rest applies', () => {
    folder.write('.isc-plan.yaml', 'rules:\n  unknown-atribute: off\n  routed-to-manual: off\n');
    const run = folder.run('validate', 'p.plan.yaml', '--format', 'json');
    assert.equal(
      run.stderr,
      '.isc-plan.yaml:2: warning .isc-plan.yaml: unknown rule code "unknown-atribute" (did you mean unknown-attribute?).\n',
    );
    assert.deepEqual(
      parseReport(run).files[0]!.diagnostics.map((d) => d.code),
      ['unknown-attribute'],
    );
  });
});

suite('cli: paths, folders and globs', () => {
  let folder: TempFolder;
  setup(() => {
    folder = new TempFolder({
      'acme.sources.yaml': CATALOG,
      'plans/a.plan.yaml': VALID_PLAN,
      'plans/b.plan.json':
        '{"kind": "ProvisioningPlan", "identity": {"name": "x"}, "accountRequests": [{"source": "Nowhere", "operation": "Create"}]}\n',
      'plans/sub/c.plan.yml': VALID_PLAN,
      'plans/notes.yaml': 'not: a plan\n',
      'plans/node_modules/x.plan.yaml': 'broken: [\n',
      'plans/.hidden/y.plan.yaml': 'broken: [\n',
    });
  });
  teardown(() => folder.remove());

  test('a folder: every plan and catalog file in it and below, skipping node_modules and hidden folders', () => {
    const report = parseReport(folder.run('validate', 'plans', '--format', 'json'));
    assert.deepEqual(
      report.files.map((f) => [f.path, f.diagnostics.map((d) => d.code)]),
      [
        ['plans/a.plan.yaml', []],
        ['plans/b.plan.json', ['unknown-source']],
        ['plans/sub/c.plan.yml', []],
      ],
    );
  });

  test('no argument: the current directory', () => {
    const report = parseReport(folder.run('validate', '--format', 'json'));
    assert.deepEqual(
      report.files.map((f) => f.path),
      ['acme.sources.yaml', 'plans/a.plan.yaml', 'plans/b.plan.json', 'plans/sub/c.plan.yml'],
    );
  });

  test('a glob: the matching files, sorted, paths as matched', () => {
    const run = folder.run('validate', 'plans/**/*.plan.y*ml', '--format', 'json');
    assert.equal(run.code, 0);
    assert.deepEqual(
      parseReport(run).files.map((f) => f.path),
      ['plans/a.plan.yaml', 'plans/sub/c.plan.yml'],
    );
  });

  test('a glob that matches nothing: exit 2 with a one-line reason', () => {
    const run = folder.run('validate', 'plans/*.plan.toml');
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'isc-plan: no file matches plans/*.plan.toml\n');
  });

  test('a file named on the command line is checked even without a plan or catalog name', () => {
    const report = parseReport(folder.run('validate', 'plans/notes.yaml', '--format', 'json'));
    assert.deepEqual(
      report.files.map((f) => f.path),
      ['plans/notes.yaml'],
    );
    // Checked as a plan (the CLI's default role), so its keys are a plan's.
    assert.deepEqual(
      report.files[0]!.diagnostics.map((d) => [d.code, d.severity, d.message]),
      [
        [
          'schema',
          'error',
          'The isc-plan provisioning plan is missing the required key "kind". Always ProvisioningPlan.',
        ],
        [
          'schema',
          'error',
          'The isc-plan provisioning plan is missing the required key "accountRequests". The changes to make, one entry per account and operation; at least one.',
        ],
        [
          'schema',
          'error',
          '"not" is not a key of the isc-plan provisioning plan. Known keys: $schema, kind, name, trackingId, identity, requester, origin, catalog, sources, accountRequests.',
        ],
      ],
    );
  });

  test('a file given twice (as a path and through a folder) is reported once', () => {
    const report = parseReport(
      folder.run('validate', 'plans/a.plan.yaml', 'plans/sub', './plans/sub/c.plan.yml', '--format', 'json'),
    );
    assert.deepEqual(
      report.files.map((f) => f.path),
      ['plans/a.plan.yaml', 'plans/sub/c.plan.yml'],
    );
  });
});
