import * as assert from 'node:assert/strict';
import { definitionAt } from '../../../../../server/src/service/features/navigation/definition';
import type { Reference } from '../../../../../server/src/service/features/navigation/references';
import { referencesAt } from '../../../../../server/src/service/features/navigation/references';
import { rangeOf } from '../../../helpers';
import type { Place } from './navigationFixtures';
import { ACME, JANE, JOE, offsetOf, placeOf, testWorkspace } from './navigationFixtures';

const FILES = {
  'tenant/acme.sources.yaml': ACME,
  'tenant/jane.plan.yaml': JANE,
  'tenant/joe.plan.json': JOE,
};

/** The place of the `occurrence`-th `needle` in a workspace file. */
function place(files: Record<string, string>, file: string, needle: string, occurrence = 1): Place {
  return { file, range: rangeOf(files[file]!, needle, occurrence) };
}

/** Where definitions lead, as places of their names. */
function definitions(
  files: Record<string, string>,
  from: string,
  needle: string,
  occurrence = 1,
  text = files[from]!,
): Place[] | undefined {
  const t = testWorkspace(files);
  const file = t.open(from, text);
  const result = definitionAt(t.ws, file, offsetOf(text, needle, occurrence, 2));
  return result?.targets.map((target) =>
    placeOf({ ...files, [from]: text }, target.file, target.selectionStart, target.selectionEnd),
  );
}

function places(
  files: Record<string, string>,
  references: readonly Reference[] | undefined,
): (Place & { role: string })[] | undefined {
  return references?.map((r) => ({ ...placeOf(files, r.file, r.start, r.end), role: r.role }));
}

const EXPORT = `[
  { "name": "Payroll", "id": "2c9180e6f030ab1dcf82356438755057", "connectionType": "file", "features": ["DIRECT_PERMISSIONS"] }
]
`;
const EXTRA = `kind: SourceCatalog
sources:
  - name: Payroll
    aggregation: { schedule: '0 0 6 * * ?' }
`;
const MERGED_PLAN = `kind: ProvisioningPlan
identity: { name: kim }
catalog: [sources.json, extra.sources.yaml]
accountRequests:
  - { source: Payroll, operation: Create }
`;
const INLINE_PLAN = `kind: ProvisioningPlan
identity: { name: kim }
accountRequests:
  - source: Lab App
    operation: Create
sources:
  - name: Lab App
    features: [PROVISIONING]
`;

suite('navigation: go to definition', () => {
  test('from a request source to the name of the catalog entry', () => {
    assert.deepEqual(definitions(FILES, 'tenant/jane.plan.yaml', 'Active Directory'), [
      place(FILES, 'tenant/acme.sources.yaml', 'Active Directory'),
    ]);
    assert.deepEqual(definitions(FILES, 'tenant/joe.plan.json', 'Active Directory'), [
      place(FILES, 'tenant/acme.sources.yaml', 'Active Directory'),
    ]);
  });

  test('from a source named by its id', () => {
    assert.deepEqual(definitions(FILES, 'tenant/jane.plan.yaml', '2c918'), [
      place(FILES, 'tenant/acme.sources.yaml', 'Active Directory'),
    ]);
  });

  test('the target spans the whole entry, its name selected', () => {
    const t = testWorkspace(FILES);
    const result = definitionAt(t.ws, t.open('tenant/jane.plan.yaml'), offsetOf(JANE, 'HR Portal'));
    assert.ok(result);
    assert.deepEqual(
      placeOf(FILES, result.targets[0]!.file, result.targets[0]!.start, result.targets[0]!.end).range.start,
      rangeOf(ACME, 'name: HR Portal').start,
    );
    assert.deepEqual(
      placeOf(FILES, t.at('tenant/jane.plan.yaml'), result.originStart, result.originEnd),
      place(FILES, 'tenant/jane.plan.yaml', 'HR Portal'),
    );
  });

  test('from ticketing.integration to the SDIM, and from managedSources to the source', () => {
    assert.deepEqual(definitions(FILES, 'tenant/jane.plan.yaml', 'ServiceNow SDIM'), [
      place(FILES, 'tenant/acme.sources.yaml', 'ServiceNow SDIM'),
    ]);
    assert.deepEqual(definitions(FILES, 'tenant/acme.sources.yaml', '[HR Portal]', 1), [
      place(FILES, 'tenant/acme.sources.yaml', 'HR Portal'),
    ]);
  });

  test('from a catalog: path to the file', () => {
    const files = {
      'export/sources.json': EXPORT,
      'export/extra.sources.yaml': EXTRA,
      'export/p.plan.yaml': MERGED_PLAN,
    };
    const targets = definitions(files, 'export/p.plan.yaml', 'extra.sources.yaml');
    assert.deepEqual(targets, [
      {
        file: 'export/extra.sources.yaml',
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      },
    ]);
    assert.equal(
      definitions(
        { ...files, 'export/p.plan.yaml': MERGED_PLAN.replace('extra.', 'missing.') },
        'export/p.plan.yaml',
        'missing.sources.yaml',
      ),
      undefined,
    );
  });

  test('a merged entry leads to every place it was written, in merge order', () => {
    const files = {
      'export/sources.json': EXPORT,
      'export/extra.sources.yaml': EXTRA,
      'export/p.plan.yaml': MERGED_PLAN,
    };
    assert.deepEqual(definitions(files, 'export/p.plan.yaml', 'Payroll'), [
      place(files, 'export/sources.json', '"Payroll"'),
      place(files, 'export/extra.sources.yaml', 'Payroll'),
    ]);
  });

  test('inline sources lead into the plan, at their current offsets after an incremental edit', () => {
    const t = testWorkspace({ 'lab/a.plan.yaml': INLINE_PLAN });
    const file = t.open('lab/a.plan.yaml');
    assert.ok(
      definitionAt(t.ws, file, offsetOf(INLINE_PLAN, 'Lab App', 1, 2)),
      'resolved (and cached) before the edit',
    );
    const edited = INLINE_PLAN.replace(
      '    operation: Create\n',
      '    nativeIdentity: lab-1\n    operation: Create\n',
    );
    const at = offsetOf(INLINE_PLAN, '    operation: Create\n');
    assert.equal(
      t.service.update(file.path, edited, [{ start: at, end: at, text: '    nativeIdentity: lab-1\n' }]),
      'incremental',
    );
    const result = definitionAt(t.ws, file, offsetOf(edited, 'Lab App', 1, 2));
    assert.deepEqual(
      result?.targets.map((target) =>
        placeOf({ 'lab/a.plan.yaml': edited }, target.file, target.selectionStart, target.selectionEnd),
      ),
      [{ file: 'lab/a.plan.yaml', range: rangeOf(edited, 'Lab App', 2) }],
    );
  });

  test('two plans with the same inline sources each lead into themselves', () => {
    const other = INLINE_PLAN.replace(
      'identity: { name: kim }\n',
      'identity: { name: kim }\nname: second plan, moved down\n',
    );
    const files = { 'lab/a.plan.yaml': INLINE_PLAN, 'lab/b.plan.yaml': other };
    assert.deepEqual(definitions(files, 'lab/a.plan.yaml', 'Lab App'), [
      place(files, 'lab/a.plan.yaml', 'Lab App', 2),
    ]);
    const t = testWorkspace(files);
    t.open('lab/a.plan.yaml');
    const second = t.open('lab/b.plan.yaml');
    definitionAt(t.ws, t.open('lab/a.plan.yaml'), offsetOf(INLINE_PLAN, 'Lab App', 1, 2));
    const result = definitionAt(t.ws, second, offsetOf(other, 'Lab App', 1, 2));
    assert.deepEqual(
      result?.targets.map((target) =>
        placeOf(files, target.file, target.selectionStart, target.selectionEnd),
      ),
      [place(files, 'lab/b.plan.yaml', 'Lab App', 2)],
    );
  });

  test('nothing on keys, on unknown names or on other values', () => {
    assert.equal(
      definitions(FILES, 'tenant/jane.plan.yaml', 'source: Active', 1, JANE),
      undefined,
      'on the key',
    );
    assert.equal(definitions(FILES, 'tenant/jane.plan.yaml', 'Modify'), undefined);
    const unknown = JANE.replace('source: HR Portal', 'source: HR Portl');
    assert.equal(definitions(FILES, 'tenant/jane.plan.yaml', 'HR Portl', 1, unknown), undefined);
  });
});

suite('navigation: find references', () => {
  const OTHER_JANE = JANE.replace(
    '  - source: HR Portal',
    '  - source: Active Directory\n    operation: Unlock\n    nativeIdentity: CN=Jane\n  - source: HR Portal',
  );
  const expectedAd = (jane: string): (Place & { role: string })[] => [
    { ...place(FILES, 'tenant/acme.sources.yaml', 'Active Directory'), role: 'declaration' },
    { file: 'tenant/jane.plan.yaml', range: rangeOf(jane, 'Active Directory'), role: 'request' },
    ...(jane === OTHER_JANE
      ? [{ file: 'tenant/jane.plan.yaml', range: rangeOf(jane, 'Active Directory', 2), role: 'request' }]
      : []),
    {
      file: 'tenant/jane.plan.yaml',
      range: rangeOf(jane, '2c9180855d191c59015d291ceb051111'),
      role: 'request',
    },
    { ...place(FILES, 'tenant/joe.plan.json', '"Active Directory"'), role: 'request' },
  ];

  test('from a catalog name: every request naming it (by name or id) in plans on disk and open', () => {
    const t = testWorkspace(FILES);
    const catalog = t.open('tenant/acme.sources.yaml');
    const found = referencesAt(t.ws, catalog, offsetOf(ACME, 'Active Directory', 1, 1), true);
    assert.deepEqual(places(FILES, found), expectedAd(JANE));
  });

  test('an open plan counts with its unsaved text', () => {
    const t = testWorkspace(FILES);
    const plan = t.open('tenant/jane.plan.yaml', OTHER_JANE);
    const found = referencesAt(t.ws, plan, offsetOf(OTHER_JANE, 'Active Directory', 2, 1), true);
    assert.deepEqual(
      places({ ...FILES, 'tenant/jane.plan.yaml': OTHER_JANE }, found),
      expectedAd(OTHER_JANE),
    );
  });

  test('includeDeclaration: false leaves the catalog entry out', () => {
    const t = testWorkspace(FILES);
    const found = referencesAt(
      t.ws,
      t.open('tenant/joe.plan.json'),
      offsetOf(JOE, 'Active Directory'),
      false,
    );
    assert.deepEqual(places(FILES, found), expectedAd(JANE).slice(1));
  });

  test('a source managed by an SDIM: the managedSources item is a reference', () => {
    const t = testWorkspace(FILES);
    const found = referencesAt(
      t.ws,
      t.open('tenant/acme.sources.yaml'),
      offsetOf(ACME, 'name: HR Portal', 1, 7),
      true,
    );
    assert.deepEqual(places(FILES, found), [
      { ...place(FILES, 'tenant/acme.sources.yaml', 'HR Portal'), role: 'declaration' },
      { ...place(FILES, 'tenant/acme.sources.yaml', 'HR Portal', 2), role: 'managed' },
      { ...place(FILES, 'tenant/jane.plan.yaml', 'HR Portal'), role: 'request' },
    ]);
  });

  test('an SDIM: the ticketing blocks naming it', () => {
    const t = testWorkspace(FILES);
    const found = referencesAt(
      t.ws,
      t.open('tenant/acme.sources.yaml'),
      offsetOf(ACME, 'ServiceNow SDIM'),
      true,
    );
    assert.deepEqual(places(FILES, found), [
      { ...place(FILES, 'tenant/acme.sources.yaml', 'ServiceNow SDIM'), role: 'declaration' },
      { ...place(FILES, 'tenant/jane.plan.yaml', 'ServiceNow SDIM'), role: 'integration' },
    ]);
  });

  test('a plan whose catalogs hold another source of the same name is not a reference', () => {
    const files = {
      ...FILES,
      'other/lab.sources.yaml': 'kind: SourceCatalog\nsources:\n  - name: Active Directory\n',
      'other/lab.plan.yaml':
        'kind: ProvisioningPlan\nidentity: { name: x }\naccountRequests:\n  - { source: Active Directory, operation: Create }\n',
    };
    const t = testWorkspace(files);
    const found = referencesAt(
      t.ws,
      t.open('tenant/acme.sources.yaml'),
      offsetOf(ACME, 'Active Directory'),
      true,
    );
    assert.deepEqual(places(files, found), expectedAd(JANE));
    const lab = referencesAt(
      t.ws,
      t.open('other/lab.plan.yaml'),
      offsetOf(files['other/lab.plan.yaml'], 'Active Directory'),
      true,
    );
    assert.deepEqual(places(files, lab), [
      { ...place(files, 'other/lab.sources.yaml', 'Active Directory'), role: 'declaration' },
      { ...place(files, 'other/lab.plan.yaml', 'Active Directory'), role: 'request' },
    ]);
  });

  test('entries that merge are one source: each declaration and the requests of the merging plan', () => {
    const files = {
      'export/sources.json': EXPORT,
      'export/extra.sources.yaml': EXTRA,
      'export/p.plan.yaml': MERGED_PLAN,
    };
    const t = testWorkspace(files);
    const found = referencesAt(t.ws, t.open('export/extra.sources.yaml'), offsetOf(EXTRA, 'Payroll'), true);
    assert.deepEqual(places(files, found), [
      { ...place(files, 'export/extra.sources.yaml', 'Payroll'), role: 'declaration' },
      { ...place(files, 'export/sources.json', '"Payroll"'), role: 'declaration' },
      { ...place(files, 'export/p.plan.yaml', 'Payroll'), role: 'request' },
    ]);
  });

  test('nothing for a name no catalog defines', () => {
    const t = testWorkspace(FILES);
    const unknown = JANE.replace('source: HR Portal', 'source: HR Portl');
    assert.equal(
      referencesAt(t.ws, t.open('tenant/jane.plan.yaml', unknown), offsetOf(unknown, 'HR Portl'), true),
      undefined,
    );
  });
});
