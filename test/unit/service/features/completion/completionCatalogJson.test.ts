import * as assert from 'node:assert/strict';
import {
  CATALOG_SOURCES,
  complete,
  OPERATIONS,
  REQUEST_KEYS,
  REQUEST_SNIPPETS,
  SOURCE_KEYS,
} from './completionHelpers';

suite('completion: YAML catalogs', () => {
  test('an empty catalog offers the new-catalog snippet and the catalog keys', () => {
    const { labels, item } = complete('|', 'acme.sources.yaml', {});
    assert.deepEqual(labels, [
      'New source catalog',
      'kind',
      'timeZone',
      'sources',
      'serviceDeskIntegrations',
      'statusCheck',
      'identityRefresh',
      '$schema',
    ]);
    assert.equal(item('kind').insertText, 'kind: SourceCatalog');
    assert.ok(
      item('New source catalog').insertText.includes(
        '\n    features:\n      - PROVISIONING\n      - ENABLE\n',
      ),
    );
    assert.deepEqual(complete('kind: SourceCatalog\n|', 'acme.sources.yaml', {}).labels, [
      'timeZone',
      'sources',
      'serviceDeskIntegrations',
      'statusCheck',
      'identityRefresh',
      '$schema',
    ]);
  });

  test('source keys, new-source and new-SDIM snippets', () => {
    const source = complete('kind: SourceCatalog\nsources:\n  - name: A\n    |', 'acme.sources.yaml', {});
    assert.deepEqual(
      source.labels,
      SOURCE_KEYS.filter((k) => k !== 'name'),
    );
    assert.equal(source.item('features').insertText, 'features:\n      - $1');
    assert.equal(source.item('features').retrigger, true);
    const fresh = complete('kind: SourceCatalog\nsources:\n  - name: A\n  - |', 'acme.sources.yaml', {});
    assert.deepEqual(fresh.labels, ['New direct source', 'New flat-file source', ...SOURCE_KEYS]);
    const sdim = complete('kind: SourceCatalog\nserviceDeskIntegrations:\n  - |', 'acme.sources.yaml', {});
    assert.equal(sdim.labels[0], 'New service desk integration');
    assert.ok(
      sdim
        .item('New service desk integration')
        .insertText.startsWith(
          'name: ${1:ServiceNow SDIM}\n    type: ServiceNowSDIM\n    managedSources:\n      - ${2:HR Portal}\n',
        ),
    );
  });

  test('features in a flow list and a block list, without the ones already there', () => {
    const flow = complete(
      'kind: SourceCatalog\nsources:\n  - name: A\n    features: [PROVISIONING, EN|, UNLOCK]\n',
      'acme.sources.yaml',
      {},
    );
    assert.equal(flow.labels.length, 31);
    assert.ok(!flow.labels.includes('PROVISIONING') && !flow.labels.includes('UNLOCK'));
    assert.equal(flow.labels[0], 'AUTHENTICATE');
    assert.equal(flow.text.slice(flow.item('ENABLE').start, flow.item('ENABLE').end), 'EN');
    const open = complete(
      'kind: SourceCatalog\nsources:\n  - name: A\n    features: [|',
      'acme.sources.yaml',
      {},
    );
    assert.equal(open.labels.length, 33);
    const commented = complete(
      'kind: SourceCatalog\nsources:\n  - name: A\n    features: [PROVISIONING, | # UNLOCK, ENABLE\n',
      'acme.sources.yaml',
      {},
    );
    assert.equal(commented.labels.length, 32, 'what follows "#" is a comment, not features already there');
    assert.ok(commented.labels.includes('UNLOCK') && commented.labels.includes('ENABLE'));
    const block = complete(
      'kind: SourceCatalog\nsources:\n  - name: A\n    features:\n      - PROVISIONING\n      - |\n      - UNLOCK\n',
      'acme.sources.yaml',
      {},
    );
    assert.deepEqual(block.labels, flow.labels);
    const bare = complete(
      'kind: SourceCatalog\nsources:\n  - name: A\n    features:\n      |',
      'acme.sources.yaml',
      {},
    );
    assert.equal(bare.item('PROVISIONING').insertText, '- PROVISIONING');
  });

  test('connectionType and weekdays', () => {
    assert.deepEqual(
      complete('kind: SourceCatalog\nsources:\n  - name: A\n    connectionType: |', 'acme.sources.yaml', {})
        .labels,
      ['direct', 'file'],
    );
    const days = complete(
      'kind: SourceCatalog\nsources:\n  - name: A\n    timing:\n      manual:\n        businessHours:\n          days: [Mon, |]\n',
      'acme.sources.yaml',
      {},
    );
    assert.deepEqual(days.labels, ['Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
  });

  test("an SDIM's managedSources: the catalog's own sources", () => {
    const catalog =
      'kind: SourceCatalog\nsources:\n  - name: HR Portal\n    type: Web Services\n  - name: "Sales, EU"\nserviceDeskIntegrations:\n  - name: S\n';
    const flow = complete(`${catalog}    managedSources: [|]\n`, 'acme.sources.yaml', {});
    assert.deepEqual(flow.labels, ['HR Portal', 'Sales, EU']);
    assert.equal(flow.item('Sales, EU').insertText, "'Sales, EU'");
    assert.equal(flow.item('HR Portal').detail, 'Web Services');
    const block = complete(
      `${catalog}    managedSources:\n      - HR Portal\n      - |\n`,
      'acme.sources.yaml',
      {},
    );
    assert.deepEqual(block.labels, ['Sales, EU']);
    assert.equal(block.item('Sales, EU').insertText, 'Sales, EU');
  });
});

suite('completion: JSON', () => {
  test('an empty JSON plan offers the plan snippet as JSON', () => {
    const { labels, item } = complete('|', 'jane.plan.json', {});
    assert.deepEqual(labels, ['New provisioning plan']);
    assert.ok(
      item('New provisioning plan').insertText.startsWith(
        '{\n  "kind": "ProvisioningPlan",\n  "name": "${1:Jane joins Finance}",\n  "identity": {\n    "name": "${2:jane.doe}"\n  },\n',
      ),
    );
  });

  test('nothing before or after the plan object: a JSON file holds one value', () => {
    const plan = '{"kind": "ProvisioningPlan", "accountRequests": []}';
    for (const marked of [`${plan}|`, `${plan}\n|`, `|${plan}`, `[]|`]) {
      assert.deepEqual(complete(marked, 'jane.plan.json').labels, [], marked);
    }
  });

  test('keys: quoted, with the value skeleton, a comma when a property follows, only the missing ones', () => {
    const typed = complete(
      '{\n  "kind": "ProvisioningPlan",\n  "na|"\n  "accountRequests": []\n}',
      'jane.plan.json',
    );
    assert.deepEqual(typed.labels, [
      'name',
      'trackingId',
      'identity',
      'requester',
      'origin',
      'catalog',
      'sources',
      '$schema',
    ]);
    const name = typed.item('name');
    assert.equal(typed.text.slice(name.start, name.end), '"na"');
    assert.equal(name.insertText, '"name": "$1",');
    assert.equal(name.filterText, '"name');
    assert.equal(typed.item('identity').insertText, '"identity": {\n    $1\n  },');
    assert.equal(typed.item('$schema').insertText, '"\\$schema": "$1",');
    const last = complete(
      '{\n  "kind": "ProvisioningPlan",\n  "accountRequests": [],\n  |\n}',
      'jane.plan.json',
    );
    assert.equal(last.item('catalog').insertText, '"catalog": $1');
  });

  test('values: enums, source names and attribute names, quoted', () => {
    const plan = (request: string): string =>
      `{\n  "kind": "ProvisioningPlan",\n  "accountRequests": [\n    {\n${request}\n    }\n  ]\n}`;
    const ops = complete(plan('      "source": "Payroll",\n      "operation": "Mo|"'), 'jane.plan.json');
    assert.deepEqual(ops.labels, OPERATIONS);
    const modify = ops.item('Modify');
    assert.equal(ops.text.slice(modify.start, modify.end), '"Mo"');
    assert.equal(modify.insertText, '"Modify"');
    const sources = complete(plan('      "operation": "Create",\n      "source": |'), 'jane.plan.json');
    assert.deepEqual(sources.labels, CATALOG_SOURCES);
    assert.equal(sources.item('Payroll').insertText, '"Payroll"');
    assert.equal(sources.item('Payroll').detail, 'Create → manual task for payroll.admin');
    const attributes = complete(
      plan('      "source": "Active Directory",\n      "attributeRequests": [{ "name": "|" }]'),
      'jane.plan.json',
    );
    assert.deepEqual(attributes.labels, ['memberOf', 'department', 'password']);
  });

  test('after a value on a new line: the next key, with the missing comma added before it', () => {
    const { labels, item, text } = complete(
      '{\n  "kind": "ProvisioningPlan",\n  "accountRequests": [\n    {\n      "source": "Payroll"\n      |\n    }\n  ]\n}',
      'jane.plan.json',
    );
    assert.deepEqual(
      labels,
      REQUEST_KEYS.filter((k) => k !== 'source'),
    );
    const edit = item('operation').additionalEdits;
    assert.equal(edit?.length, 1);
    assert.equal(text.slice(edit[0]!.start - 9, edit[0]!.start), '"Payroll"');
    assert.equal(edit[0]!.text, ',');
  });

  test('a new request in the JSON array: the request snippets as JSON objects', () => {
    const { labels, item } = complete(
      '{\n  "kind": "ProvisioningPlan",\n  "accountRequests": [\n    |\n  ]\n}',
      'jane.plan.json',
    );
    assert.deepEqual(labels, REQUEST_SNIPPETS);
    assert.equal(
      item('New account request (Disable)').insertText,
      '{\n      "source": "${1:Active Directory}",\n      "operation": "Disable",\n      "nativeIdentity": "${2}"\n    }',
    );
  });

  test('a tenant export of sources follows the catalog source schema', () => {
    const exported =
      '[{"name": "A", "id": "1", "type": "DelimitedFile", "connector": "c", "features": [], "connectionType": "|"}]';
    assert.deepEqual(complete(exported, 'tenant.sources.json', {}).labels, ['direct', 'file']);
  });

  test('JSON catalogs: feature values without the present ones', () => {
    const { labels } = complete(
      '{"kind": "SourceCatalog", "sources": [{"name": "A", "features": ["PROVISIONING", "EN|"]}]}',
      'acme.sources.json',
      {},
    );
    assert.equal(labels.length, 32);
    assert.ok(!labels.includes('PROVISIONING'));
  });
});
