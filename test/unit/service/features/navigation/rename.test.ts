import * as assert from 'node:assert/strict';
import type { RenameResult } from '../../../../../server/src/service/features/navigation/rename';
import { prepareRenameAt, renameAt } from '../../../../../server/src/service/features/navigation/rename';
import { scalarText } from '../../../../../server/src/service/features/edits/scalarText';
import { rangeOf } from '../../../helpers';
import type { Place } from './navigationFixtures';
import { ACME, JANE, JOE, offsetOf, placeOf, testWorkspace } from './navigationFixtures';

const FILES = {
  'tenant/acme.sources.yaml': ACME,
  'tenant/jane.plan.yaml': JANE,
  'tenant/joe.plan.json': JOE,
};

type Edit = Place & { newText: string };

/** Renames the name at the `occurrence`-th `needle` of `from`; the edits as places, or the refusal. */
function rename(
  files: Record<string, string>,
  from: string,
  needle: string,
  newName: string,
  occurrence = 1,
): Edit[] | string | undefined {
  const t = testWorkspace(files);
  const result: RenameResult | undefined = renameAt(
    t.ws,
    t.open(from),
    offsetOf(files[from]!, needle, occurrence, 1),
    newName,
  );
  if (!result) return undefined;
  if ('error' in result) return result.error;
  return result.edits.map((e) => ({ ...placeOf(files, e.file, e.start, e.end), newText: e.newText }));
}

/** The refusal of a rename (failing when it is not refused). */
function refusal(files: Record<string, string>, from: string, needle: string, newName: string): string {
  const result = rename(files, from, needle, newName);
  if (typeof result !== 'string') assert.fail(`not refused: ${JSON.stringify(result)}`);
  return result;
}

function edit(
  files: Record<string, string>,
  file: string,
  needle: string,
  newText: string,
  occurrence = 1,
): Edit {
  return { file, range: rangeOf(files[file]!, needle, occurrence), newText };
}

const EXPORT = `[
  { "name": "Payroll", "id": "2c9180e6f030ab1dcf82356438755057", "connectionType": "file", "features": ["DIRECT_PERMISSIONS"] }
]
`;

suite('rename of sources and SDIMs', () => {
  test('a source, from its catalog name: the entry and every request naming it, YAML and JSON; ids stay', () => {
    assert.deepEqual(
      rename(FILES, 'tenant/acme.sources.yaml', 'Active Directory', 'Active Directory (Acme)'),
      [
        edit(FILES, 'tenant/acme.sources.yaml', 'Active Directory', 'Active Directory (Acme)'),
        edit(FILES, 'tenant/jane.plan.yaml', 'Active Directory', 'Active Directory (Acme)'),
        edit(FILES, 'tenant/joe.plan.json', '"Active Directory"', '"Active Directory (Acme)"'),
      ],
    );
  });

  test('from a request, with quoting kept valid: plain where it reads back, quotes where needed', () => {
    const expected = [
      edit(FILES, 'tenant/acme.sources.yaml', 'HR Portal', "'HR: Portal #2'"),
      edit(FILES, 'tenant/acme.sources.yaml', 'HR Portal', "'HR: Portal #2'", 2),
      edit(FILES, 'tenant/jane.plan.yaml', 'HR Portal', "'HR: Portal #2'"),
    ];
    assert.deepEqual(rename(FILES, 'tenant/jane.plan.yaml', 'HR Portal', 'HR: Portal #2'), expected);
  });

  test('quotes of the original are kept', () => {
    const jane = JANE.replace('source: HR Portal', 'source: "HR Portal"').replace(
      'source: Active Directory',
      "source: 'Active Directory'",
    );
    const files = { ...FILES, 'tenant/jane.plan.yaml': jane };
    const hr = rename(files, 'tenant/jane.plan.yaml', 'HR Portal', 'HR "Portal"');
    assert.ok(Array.isArray(hr));
    assert.deepEqual(hr[2], edit(files, 'tenant/jane.plan.yaml', '"HR Portal"', '"HR \\"Portal\\""'));
    const ad = rename(files, 'tenant/jane.plan.yaml', 'Active Directory', "Kim's AD");
    assert.ok(Array.isArray(ad));
    assert.deepEqual(ad[1], edit(files, 'tenant/jane.plan.yaml', "'Active Directory'", "'Kim''s AD'"));
  });

  test('an SDIM, from a ticketing block', () => {
    assert.deepEqual(rename(FILES, 'tenant/jane.plan.yaml', 'ServiceNow SDIM', 'ServiceNow (prod)'), [
      edit(FILES, 'tenant/acme.sources.yaml', 'ServiceNow SDIM', 'ServiceNow (prod)'),
      edit(FILES, 'tenant/jane.plan.yaml', 'ServiceNow SDIM', 'ServiceNow (prod)'),
    ]);
  });

  test('an inline source: its entry and the requests of its plan', () => {
    const plan =
      'kind: ProvisioningPlan\nidentity: { name: kim }\naccountRequests:\n  - { source: Lab App, operation: Create }\nsources:\n  - name: Lab App\n';
    const files = { 'lab/a.plan.yaml': plan };
    assert.deepEqual(rename(files, 'lab/a.plan.yaml', 'Lab App', 'Lab', 2), [
      edit(files, 'lab/a.plan.yaml', 'Lab App', 'Lab'),
      edit(files, 'lab/a.plan.yaml', 'Lab App', 'Lab', 2),
    ]);
  });

  test('entries of two catalogs that merge are renamed together', () => {
    const parent =
      'kind: SourceCatalog\nsources:\n  - name: HR Portal\n    aggregation: { schedule: none }\n';
    const files = { ...FILES, 'hr.sources.yaml': parent };
    assert.deepEqual(rename(files, 'tenant/acme.sources.yaml', 'HR Portal', 'People Portal'), [
      edit(files, 'hr.sources.yaml', 'HR Portal', 'People Portal'),
      edit(files, 'tenant/acme.sources.yaml', 'HR Portal', 'People Portal'),
      edit(files, 'tenant/acme.sources.yaml', 'HR Portal', 'People Portal', 2),
      edit(files, 'tenant/jane.plan.yaml', 'HR Portal', 'People Portal'),
    ]);
  });

  test('renaming to the same name changes nothing', () => {
    assert.deepEqual(rename(FILES, 'tenant/jane.plan.yaml', 'HR Portal', 'HR Portal'), []);
  });

  test('refused: an empty or padded name, or one another source of the catalog has', () => {
    assert.match(
      refusal(FILES, 'tenant/jane.plan.yaml', 'HR Portal', '  '),
      /needs a name; the new name is empty/,
    );
    assert.match(refusal(FILES, 'tenant/jane.plan.yaml', 'HR Portal', 'HR '), /starts or ends with spaces/);
    assert.match(refusal(FILES, 'tenant/jane.plan.yaml', 'HR Portal', 'a\nb'), /one line of text/);
    assert.equal(
      rename(FILES, 'tenant/jane.plan.yaml', 'HR Portal', 'Payroll'),
      'Another source of acme.sources.yaml is already named "Payroll"; two entries of one name would merge into one. Choose another name.',
    );
    assert.match(
      refusal(FILES, 'tenant/jane.plan.yaml', 'HR Portal', '2c9180855d191c59015d291ceb051111'),
      /already named/,
    );
  });

  test('refused: a name taken in the merged catalogs of a plan that uses the source', () => {
    const files = { ...FILES, 'tenant/lab.sources.yaml': 'kind: SourceCatalog\nsources:\n  - name: Lab\n' };
    assert.equal(
      rename(files, 'tenant/acme.sources.yaml', 'HR Portal', 'Lab'),
      'The plan jane.plan.yaml already knows another source named "Lab" (from lab.sources.yaml); the two would merge into one. Choose another name.',
    );
  });

  test('refused: an entry of a tenant export, from the plan or from a catalog completing it', () => {
    const extra = 'kind: SourceCatalog\nsources:\n  - name: Payroll\n';
    const plan =
      'kind: ProvisioningPlan\nidentity: { name: kim }\ncatalog: [sources.json, extra.sources.yaml]\naccountRequests:\n  - { source: Payroll, operation: Create }\n';
    const files = {
      'export/sources.json': EXPORT,
      'export/extra.sources.yaml': extra,
      'export/p.plan.yaml': plan,
    };
    const message =
      'This source comes from the tenant export sources.json, which records the tenant as ISC exported it: renaming it there would make the export disagree with the tenant, and the next export would bring the old name back. Rename the source in ISC, then export it again.';
    assert.equal(rename(files, 'export/p.plan.yaml', 'Payroll', 'Pay'), message);
    assert.equal(rename(files, 'export/extra.sources.yaml', 'Payroll', 'Pay'), message);
    const t = testWorkspace(files);
    assert.deepEqual(prepareRenameAt(t.ws, t.open('export/p.plan.yaml'), offsetOf(plan, 'Payroll')), {
      error: message,
    });
  });

  test('refused: a source named by its id; nothing for unknown names or other values', () => {
    assert.match(
      refusal(FILES, 'tenant/jane.plan.yaml', '2c918', 'AD'),
      /is the source's id, which comes from ISC and is not renamed\. Rename it from its name \("Active Directory"\)/,
    );
    assert.match(
      refusal(
        { ...FILES, 'tenant/jane.plan.yaml': JANE.replace('HR Portal', 'HR Portl') },
        'tenant/jane.plan.yaml',
        'HR Portl',
        'X',
      ),
      /No catalog defines the source "HR Portl"/,
    );
    assert.equal(rename(FILES, 'tenant/jane.plan.yaml', 'Modify', 'X'), undefined);
    assert.equal(rename(FILES, 'tenant/jane.plan.yaml', 'accountRequests', 'X'), undefined);
  });

  test('prepareRename gives the value (quotes included) and the name as placeholder', () => {
    const t = testWorkspace(FILES);
    const result = prepareRenameAt(t.ws, t.open('tenant/joe.plan.json'), offsetOf(JOE, 'Active Directory'));
    const start = offsetOf(JOE, '"Active Directory"');
    assert.deepEqual(result, {
      start,
      end: start + '"Active Directory"'.length,
      placeholder: 'Active Directory',
    });
  });
});

suite('rename: writing a name as a scalar', () => {
  test('YAML: plain when it reads back the same in block and flow context, else quoted', () => {
    assert.equal(scalarText('HR', 'People Portal', 'yaml'), 'People Portal');
    assert.equal(scalarText('HR', 'a, b', 'yaml'), "'a, b'");
    assert.equal(scalarText('HR', 'true', 'yaml'), "'true'");
    assert.equal(scalarText('HR', '42', 'yaml'), "'42'");
    assert.equal(scalarText('HR', '- x', 'yaml'), "'- x'");
    assert.equal(scalarText('HR', '*alias', 'yaml'), "'*alias'");
    assert.equal(scalarText('HR', 'x: y', 'yaml'), "'x: y'");
    assert.equal(scalarText("'HR'", "it's", 'yaml'), "'it''s'");
    assert.equal(scalarText('"HR"', 'a\\b', 'yaml'), '"a\\\\b"');
    // A tab needs no escape: single quotes carry it (shared/yamlText's rule); a line break needs double quotes.
    assert.equal(scalarText('HR', 'tab\there', 'yaml'), "'tab\there'");
    assert.equal(scalarText("'HR'", 'two\nlines', 'yaml'), '"two\\nlines"');
    assert.equal(scalarText('HR', 'yes', 'yaml'), "'yes'");
    assert.equal(scalarText('HR', 'Zürich 🌍', 'yaml'), 'Zürich 🌍');
  });

  test('JSON: always a JSON string', () => {
    assert.equal(scalarText('"HR"', 'A "B"', 'json'), '"A \\"B\\""');
  });
});
