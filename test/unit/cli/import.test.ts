import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { importFile } from '../../../server/src/service/import/importFile';
import { TempFolder } from './cliHelpers';
import { IMPORT_CATALOG, fixture } from '../service/import/importHelpers';

suite('cli: isc-plan import', () => {
  let folder: TempFolder;
  const read = (name: string): string => fs.readFileSync(path.join(folder.root, name), 'utf8');
  const exists = (name: string): boolean => fs.existsSync(path.join(folder.root, name));

  setup(() => {
    folder = new TempFolder({
      'tenant.sources.yaml': IMPORT_CATALOG,
      'exports/activity.json': fixture('search-results.json'),
      'exports/trigger.json': fixture('trigger-payloads.json'),
      'exports/role-request.xml': fixture('iiq-provisioningplan.xml'),
      'exports/sources.json': '[{"name":"Active Directory","id":"2c91","features":["PROVISIONING"]}]',
    });
  });
  teardown(() => folder.remove());

  test('writes <base name>.plan.yaml next to the input, validates it with the catalogs found there, exit 0', () => {
    const run = folder.run('import', 'exports/activity.json');
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      `wrote ${path.join('exports', 'activity.plan.yaml')} from exports/activity.json: 2 plans, 3 requests (1 connector, 1 manual, 1 ticketing), 0 errors, 0 warnings\n`,
    );
    assert.equal(run.code, 0);
    assert.equal(
      read('exports/activity.plan.yaml'),
      importFile('activity.json', fixture('search-results.json')).planText,
    );
    assert.equal(folder.run('validate', 'exports/activity.plan.yaml').code, 0);
  });

  test('several inputs: one plan each; a plan with errors lists them and gives exit 1', () => {
    const run = folder.run('import', 'exports/trigger.json', 'exports/role-request.xml');
    const plan = path.join('exports', 'role-request.plan.yaml');
    assert.equal(
      run.stdout,
      [
        `wrote ${path.join('exports', 'trigger.plan.yaml')} from exports/trigger.json: 2 plans, 3 requests (2 connector, 1 ticketing), 0 errors, 0 warnings`,
        `wrote ${plan} from exports/role-request.xml: 2 requests (2 connector), 2 errors, 0 warnings`,
        `${plan}:24:16 error missing-native-identity Modify needs nativeIdentity: ISC must know which existing account to change (only Create makes a new one). Add the account's native identity, e.g. its DN or user name on the source.`,
        `${plan}:33:16 error missing-native-identity Modify needs nativeIdentity: ISC must know which existing account to change (only Create makes a new one). Add the account's native identity, e.g. its DN or user name on the source.`,
        '',
      ].join('\n'),
    );
    assert.equal(run.code, 1);
    assert.ok(exists('exports/trigger.plan.yaml') && exists('exports/role-request.plan.yaml'));
  });

  test('never overwrites: an existing target refuses the whole run (exit 2), nothing is written', () => {
    folder.write('exports/trigger.plan.yaml', '# mine\n');
    const run = folder.run('import', 'exports/activity.json', 'exports/trigger.json');
    assert.equal(
      run.stderr,
      `isc-plan: ${path.join('exports', 'trigger.plan.yaml')} already exists; isc-plan import never overwrites a file: move it away or choose another --out\n`,
    );
    assert.equal(run.stdout, '');
    assert.equal(run.code, 2);
    assert.equal(read('exports/trigger.plan.yaml'), '# mine\n');
    assert.equal(exists('exports/activity.plan.yaml'), false);
  });

  test('--out: a plan file for one input, a folder (created) for several; other names are refused', () => {
    const one = folder.run('import', 'exports/activity.json', '--out', 'plans/march.plan.yaml');
    assert.equal(one.code, 0, one.stderr);
    assert.equal(
      read('plans/march.plan.yaml'),
      importFile('activity.json', fixture('search-results.json')).planText,
    );
    const several = folder.run(
      'import',
      'exports/activity.json',
      'exports/trigger.json',
      '--out',
      'imported',
    );
    assert.equal(several.code, 0, several.stderr);
    assert.ok(exists('imported/activity.plan.yaml') && exists('imported/trigger.plan.yaml'));
    const intoFolder = folder.run('import', 'exports/role-request.xml', '--out', 'imported');
    assert.equal(intoFolder.code, 1);
    assert.ok(exists('imported/role-request.plan.yaml'));
    const badName = folder.run('import', 'exports/activity.json', '--out', 'march.yaml');
    assert.deepEqual(
      [badName.code, badName.stderr],
      [
        2,
        'isc-plan: --out march.yaml must name a *.plan.yaml file (plans are recognised by file name) or a folder\n',
      ],
    );
    const fileForSeveral = folder.run(
      'import',
      'exports/activity.json',
      'exports/trigger.json',
      '--out',
      'tenant.sources.yaml',
    );
    assert.deepEqual(
      [fileForSeveral.code, fileForSeveral.stderr],
      [2, 'isc-plan: --out tenant.sources.yaml must be a folder when several files are imported\n'],
    );
  });

  test('two inputs that would share a plan file are refused', () => {
    folder.write('other/activity.json', fixture('search-accountactivity.json'));
    const run = folder.run('import', 'exports/activity.json', 'other/activity.json', '--out', 'all');
    assert.equal(
      run.stderr,
      `isc-plan: exports/activity.json and other/activity.json would both be written to ${path.join('all', 'activity.plan.yaml')}; import them in separate runs or with --out\n`,
    );
    assert.equal(run.code, 2);
    assert.equal(exists('all'), false);
  });

  test('--catalog: a plan written where no catalog is found uses the named one', () => {
    const bare = new TempFolder({
      'trigger.json': fixture('provisioning-completed-trigger.json'),
      'catalogs/tenant.sources.yaml': IMPORT_CATALOG,
    });
    try {
      // Without a catalog nothing can be predicted: a warning, not an error (as validate says).
      const without = bare.run('import', 'trigger.json');
      assert.equal(without.code, 0);
      assert.match(
        without.stdout,
        /^wrote trigger\.plan\.yaml from trigger\.json: 1 request \(1 unknown\), 0 errors, 1 warning\ntrigger\.plan\.yaml:3:1 warning no-catalog /,
      );
      fs.rmSync(path.join(bare.root, 'trigger.plan.yaml'));
      const run = bare.run('import', 'trigger.json', '--catalog', 'catalogs/tenant.sources.yaml');
      assert.equal(
        run.stdout,
        'wrote trigger.plan.yaml from trigger.json: 1 request (1 connector), 0 errors, 0 warnings\n',
      );
      assert.equal(run.code, 0);
    } finally {
      bare.remove();
    }
  });

  test('--catalog is written into the plan as its catalog:, relative to the plan, so the plan checks alone', () => {
    const bare = new TempFolder({
      'exports/trigger.json': fixture('provisioning-completed-trigger.json'),
      'tenant/acme.sources.yaml': IMPORT_CATALOG,
      'tenant/extra.sources.yaml': 'kind: SourceCatalog\nsources: []\n',
    });
    try {
      const catalog = ['--catalog', 'tenant/acme.sources.yaml'];
      assert.equal(bare.run('import', 'exports/trigger.json', ...catalog, '--out', 'plans/').code, 0);
      const plan = fs.readFileSync(path.join(bare.root, 'plans', 'trigger.plan.yaml'), 'utf8');
      assert.match(plan, /\nkind: ProvisioningPlan\ncatalog: \.\.\/tenant\/acme\.sources\.yaml\nname: /);
      assert.deepEqual(bare.run('validate', 'plans/trigger.plan.yaml'), {
        code: 0,
        stdout: '1 file checked: 0 errors, 0 warnings.\n',
        stderr: '',
      });

      const both = [...catalog, '--catalog', 'tenant/extra.sources.yaml'];
      assert.equal(bare.run('import', 'exports/trigger.json', ...both).code, 0);
      assert.match(
        fs.readFileSync(path.join(bare.root, 'exports', 'trigger.plan.yaml'), 'utf8'),
        /\nkind: ProvisioningPlan\ncatalog: \[\.\.\/tenant\/acme\.sources\.yaml, \.\.\/tenant\/extra\.sources\.yaml\]\n/,
      );
    } finally {
      bare.remove();
    }
  });

  test('unrecognised or unreadable input: exit 2, one line each on stderr, nothing written', () => {
    const run = folder.run('import', 'exports/sources.json', 'exports/missing.json', 'exports/activity.json');
    assert.equal(
      run.stderr,
      'isc-plan: exports/sources.json: expected an ISC account-activity search document, a Provisioning Completed trigger payload or an IdentityIQ ProvisioningPlan XML; found a JSON array of 1 item, item 1 of which is a JSON object with keys name, id, features\n' +
        'isc-plan: cannot read exports/missing.json: no such file\n',
    );
    assert.equal(run.code, 2);
    assert.equal(exists('exports/activity.plan.yaml'), false);
    folder.write('exports/binary.json', new Uint8Array([0xff, 0xfe, 0x00, 0x7b]));
    assert.deepEqual(
      folder.run('import', 'exports/binary.json').stderr,
      'isc-plan: exports/binary.json is not UTF-8 text (binary data or another encoding)\n',
    );
  });

  test('bad usage: no file, or options that belong to other commands', () => {
    assert.deepEqual(
      folder.run('import').stderr,
      'isc-plan: name the file(s) to import, e.g. isc-plan import account-activity.json\n',
    );
    const run = folder.run('import', 'exports/activity.json', '--format', 'json');
    assert.deepEqual(
      [run.code, run.stderr],
      [2, 'isc-plan: import does not take --format; run isc-plan import --help\n'],
    );
  });
});
