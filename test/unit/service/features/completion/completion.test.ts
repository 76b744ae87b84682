import * as assert from 'node:assert/strict';
import { COMPLETION_CAP } from '../../../../../server/src/service/features/completion/completion';
import { hostileInputs } from '../../hostileInputs';
import { CATALOG_SOURCES, complete, OPERATIONS, REQUEST_KEYS, REQUEST_SNIPPETS } from './completionHelpers';

const PLAN_HEAD = 'kind: ProvisioningPlan\nidentity: { name: jane.doe }\naccountRequests:\n';
/** What an empty plan offers: the new-plan snippet, then every root key. */
const ROOT_KEYS = [
  'New provisioning plan',
  'kind',
  'accountRequests',
  'name',
  'trackingId',
  'identity',
  'requester',
  'origin',
  'catalog',
  'sources',
  '$schema',
];

suite('completion: YAML plans', () => {
  test('an empty plan file offers the new-plan snippet, then the root keys', () => {
    const { labels, item } = complete('|');
    assert.deepEqual(labels, ROOT_KEYS);
    const snippet = item('New provisioning plan');
    assert.equal(snippet.kind, 'snippet');
    assert.equal(snippet.snippet, true);
    assert.equal(
      snippet.insertText,
      'kind: ProvisioningPlan\nname: ${1:Jane joins Finance}\nidentity:\n  name: ${2:jane.doe}\naccountRequests:\n  - source: ${3:Active Directory}\n    operation: Modify\n    nativeIdentity: ${4}\n    attributeRequests:\n      - name: ${5:memberOf}\n        operation: Add\n        value: ${6}',
    );
    assert.ok(
      snippet.documentation?.startsWith('```yaml\nkind: ProvisioningPlan\nname: Jane joins Finance\n'),
    );
    assert.equal(item('kind').insertText, 'kind: ProvisioningPlan');
    assert.equal(item('kind').snippet, false);
    assert.equal(item('accountRequests').insertText, 'accountRequests:\n  - $1');
    assert.equal(item('accountRequests').snippet, true);
    assert.equal(item('identity').insertText, 'identity:\n  $1');
    assert.equal(item('name').insertText, 'name: ');
    assert.equal(item('name').detail, 'Plan name');
    assert.equal(item('identity').detail, 'Recipient');
    assert.ok(item('identity').documentation?.startsWith('The identity whose accounts the plan changes.'));
    assert.ok(item('name').documentation?.includes('shown in the dry run'));
  });

  test('root keys that are present are not offered again, wherever they are', () => {
    const { labels } = complete(
      `${PLAN_HEAD}  - source: Payroll\n    operation: Create\n|\ncatalog: acme.sources.yaml\n`,
    );
    assert.deepEqual(labels, ['name', 'trackingId', 'requester', 'origin', 'sources', '$schema']);
  });

  test('origin: its keys, the origin types, and the keys of an approval step, each explained', () => {
    const keys = complete(`${PLAN_HEAD}  - source: Payroll\norigin:\n  |`);
    assert.deepEqual(keys.labels, ['type', 'approvals', 'escalationDays']);
    assert.equal(keys.item('approvals').detail, 'Approvals');
    assert.ok(keys.item('escalationDays').documentation?.includes("approver's manager"));
    const types = complete(`${PLAN_HEAD}  - source: Payroll\norigin:\n  type: |`);
    assert.deepEqual(types.labels, [
      'accessRequest',
      'role',
      'accessProfile',
      'lifecycle',
      'workflow',
      'api',
    ]);
    assert.ok(types.item('role').documentation?.includes('identity refresh'));
    const step = complete(
      `${PLAN_HEAD}  - source: Payroll\norigin:\n  type: accessRequest\n  approvals:\n    - |`,
    );
    assert.deepEqual(step.labels, ['approver', 'hours']);
    const root = complete(`${PLAN_HEAD}  - source: Payroll\nori|`);
    assert.ok(root.item('origin').documentation?.startsWith('How the plan was requested'));
  });

  test('in a request: the keys it lacks, with structures indented under the key', () => {
    const { labels, item, answer, offset } = complete(
      `${PLAN_HEAD}  - source: Active Directory\n    |\n    nativeIdentity: CN=Jane\n`,
    );
    assert.deepEqual(
      labels,
      REQUEST_KEYS.filter((k) => k !== 'source' && k !== 'nativeIdentity'),
    );
    assert.equal(item('operation').insertText, 'operation: ');
    assert.equal(item('operation').retrigger, true);
    assert.equal(item('attributeRequests').insertText, 'attributeRequests:\n      - $1');
    assert.equal(item('ticketing').insertText, 'ticketing:\n      $1');
    assert.equal(item('comments').retrigger, undefined);
    assert.equal(item('attributeRequests').retrigger, true);
    assert.equal(item('ticketing').retrigger, true);
    assert.ok(answer.items.every((i) => i.start === offset && i.end === offset));
  });

  test('a partial key is replaced; a key that has its colon already gets only the name', () => {
    const typed = complete(`${PLAN_HEAD}  - source: Payroll\n    oper|`);
    assert.deepEqual(
      typed.labels,
      REQUEST_KEYS.filter((k) => k !== 'source'),
    );
    assert.equal(typed.item('operation').start, typed.offset - 4);
    assert.equal(typed.item('operation').end, typed.offset);
    const renamed = complete(`${PLAN_HEAD}  - sour|ce: Payroll\n`);
    const source = renamed.item('source');
    assert.equal(source.insertText, 'source');
    assert.equal(renamed.text.slice(source.start, source.end), 'source');
  });

  test('operation: the seven operations in schema order, documented', () => {
    const { labels, answer, item } = complete(`${PLAN_HEAD}  - source: Payroll\n    operation: |\n`);
    assert.deepEqual(labels, OPERATIONS);
    assert.deepEqual(
      answer.items.map((i) => i.sortText),
      OPERATIONS.map((_, i) => String(i).padStart(4, '0')),
    );
    assert.equal(item('Lock').kind, 'enum');
    assert.ok(item('Lock').documentation?.includes('ISC has no lock action'));
  });

  test('a partial value is replaced whole: the range covers what is typed and the rest of the word', () => {
    const typed = complete(`${PLAN_HEAD}  - source: Payroll\n    operation: Mo|\n`);
    assert.deepEqual(typed.labels, OPERATIONS);
    const modify = typed.item('Modify');
    assert.equal(typed.text.slice(modify.start, modify.end), 'Mo');
    assert.equal(modify.insertText, 'Modify');
    const inside = complete(`${PLAN_HEAD}  - source: Payroll\n    operation: Mo|dify # the change\n`);
    const whole = inside.item('Modify');
    assert.equal(inside.text.slice(whole.start, whole.end), 'Modify');
  });

  test('source: the catalog sources, with the channel ISC would use for the operation', () => {
    const { labels, item } = complete(`${PLAN_HEAD}  - operation: Enable\n    source: |\n`);
    assert.deepEqual(labels, CATALOG_SOURCES);
    assert.equal(item('Active Directory').detail, 'Enable → connector');
    assert.equal(item('Payroll').detail, 'Enable → manual task for payroll.admin');
    assert.equal(item('Orphan Files').detail, 'Enable → manual task (no owner)');
    assert.equal(item('File Share').detail, 'Enable → manual task for files.admin');
    assert.equal(item('HR Portal').detail, 'Enable → ticket via ServiceNow SDIM');
    assert.equal(item('Active Directory').kind, 'source');
    assert.ok(item('Payroll').documentation?.startsWith('**Payroll** · connectionType `file`'));
    assert.equal(item('Active Directory').insertText, 'Active Directory');
  });

  test('source without an operation: the detail is the source type; names that need quotes are quoted', () => {
    const catalog =
      'kind: SourceCatalog\nsources:\n  - { name: "Sales: EU", type: Web Services }\n  - { name: "true" }\n  - { name: Plain }\n';
    const { labels, item } = complete(`${PLAN_HEAD}  - source: |\n`, 'jane.plan.yaml', {
      'acme.sources.yaml': catalog,
    });
    assert.deepEqual(labels, ['Sales: EU', 'true', 'Plain']);
    assert.equal(item('Sales: EU').insertText, "'Sales: EU'");
    assert.equal(item('Sales: EU').detail, 'Web Services');
    assert.equal(item('true').insertText, "'true'");
    assert.equal(item('Plain').insertText, 'Plain');
    assert.equal(item('Plain').detail, 'source');
  });

  test('a partial quoted value: the range takes the quotes, the insert keeps the quote style', () => {
    const single = complete(`${PLAN_HEAD}  - source: 'Act|\n    operation: Modify\n`);
    const ad = single.item('Active Directory');
    assert.equal(single.text.slice(ad.start, ad.end), "'Act");
    assert.equal(ad.insertText, "'Active Directory'");
    assert.equal(ad.filterText, "'Active Directory");
    const double = complete(`${PLAN_HEAD}  - source: "Act|ive"\n`);
    const quoted = double.item('Active Directory');
    assert.equal(double.text.slice(quoted.start, quoted.end), '"Active"');
    assert.equal(quoted.insertText, '"Active Directory"');
  });

  test('a tab after the colon separates the value: the typed value is replaced, the tab kept', () => {
    const tab = complete(`${PLAN_HEAD}  - source: Payroll\n    operation:\tMo|\n`);
    assert.deepEqual(tab.labels, OPERATIONS);
    const modify = tab.item('Modify');
    assert.equal(tab.text.slice(modify.start, modify.end), 'Mo');
    assert.equal(modify.insertText, 'Modify');
  });

  test('right after "source:" the value comes with its space', () => {
    const { item, offset } = complete(`${PLAN_HEAD}  - source:|\n`);
    assert.equal(item('Payroll').insertText, ' Payroll');
    assert.equal(item('Payroll').start, offset);
  });

  test('attribute names come from the account schema of the request source, block or flow', () => {
    const block = complete(
      `${PLAN_HEAD}  - source: Active Directory\n    operation: Modify\n    attributeRequests:\n      - name: |\n`,
    );
    assert.deepEqual(block.labels, ['memberOf', 'department', 'password']);
    assert.equal(block.item('memberOf').detail, 'multi-valued · entitlement · string');
    assert.equal(block.item('department').detail, 'single-valued · string');
    assert.equal(block.item('memberOf').kind, 'attribute');
    const flow = complete(
      `${PLAN_HEAD}  - source: Active Directory\n    attributeRequests:\n      - { name: dep|, operation: Set }\n`,
    );
    assert.deepEqual(flow.labels, ['memberOf', 'department', 'password']);
    assert.equal(flow.text.slice(flow.item('department').start, flow.item('department').end), 'dep');
    const before = complete(
      `${PLAN_HEAD}  - attributeRequests:\n      - name: |\n    source: Active Directory\n`,
    );
    assert.deepEqual(before.labels, ['memberOf', 'department', 'password']);
    assert.deepEqual(
      complete(`${PLAN_HEAD}  - source: Payroll\n    attributeRequests:\n      - name: |\n`).labels,
      [],
    );
  });

  test('attribute request keys and operations; a new attribute request offers its snippets', () => {
    const ops = complete(
      `${PLAN_HEAD}  - source: Active Directory\n    attributeRequests:\n      - name: memberOf\n        operation: |\n`,
    );
    assert.deepEqual(ops.labels, ['Add', 'Set', 'Remove']);
    const fresh = complete(`${PLAN_HEAD}  - source: Active Directory\n    attributeRequests:\n      - |\n`);
    assert.deepEqual(fresh.labels, ['Add a value', 'Set a value', 'name', 'operation', 'value']);
    assert.equal(
      fresh.item('Add a value').insertText,
      'name: ${1:memberOf}\n        operation: Add\n        value: ${2}',
    );
  });

  test('ticketing.integration: the SDIM names', () => {
    const { labels, item } = complete(
      `${PLAN_HEAD}  - source: HR Portal\n    operation: Modify\n    ticketing:\n      integration: |\n`,
    );
    assert.deepEqual(labels, ['ServiceNow SDIM']);
    assert.equal(item('ServiceNow SDIM').detail, 'SDIM · manages HR Portal');
    assert.equal(item('ServiceNow SDIM').kind, 'integration');
    assert.deepEqual(
      complete(`${PLAN_HEAD}  - source: HR Portal\n    ticketing: { integration: Serv| }\n`).labels,
      ['ServiceNow SDIM'],
    );
    assert.deepEqual(complete(`${PLAN_HEAD}  - source: HR Portal\n    ticketing:\n      |\n`).labels, [
      'ticket details',
      'integration',
      'shortDescription',
      'description',
      'priority',
    ]);
  });

  test('channel values, and keys inside a flow mapping', () => {
    assert.deepEqual(complete(`${PLAN_HEAD}  - source: Payroll\n    channel: |\n`).labels, [
      'connector',
      'manual',
      'ticketing',
      'none',
    ]);
    const flow = complete('kind: ProvisioningPlan\nidentity: { name: jane.doe, | }\naccountRequests: []\n');
    assert.deepEqual(flow.labels, ['displayName', 'id', 'type']);
    assert.equal(flow.item('id').insertText, 'id: ');
    const inKey = complete('kind: ProvisioningPlan\nidentity: { na|me: jane, id: x }\naccountRequests: []\n');
    assert.deepEqual(inKey.labels, ['name', 'displayName', 'type']);
    const name = inKey.item('name');
    assert.equal(name.insertText, 'name', 'the colon and the value stay');
    assert.equal(inKey.text.slice(name.start, name.end), 'name');
  });

  test('a new request: the request snippets and keys at "- ", the snippets with "- " on a bare line', () => {
    const item = complete(`${PLAN_HEAD}  - source: Payroll\n    operation: Create\n  - |\n`);
    assert.deepEqual(item.labels, [...REQUEST_SNIPPETS, ...REQUEST_KEYS]);
    assert.equal(
      item.item('New account request (Disable)').insertText,
      'source: ${1:Active Directory}\n    operation: Disable\n    nativeIdentity: ${2}',
    );
    const bare = complete('kind: ProvisioningPlan\naccountRequests:\n  |');
    assert.deepEqual(bare.labels, REQUEST_SNIPPETS);
    assert.equal(
      bare.item('New account request (Disable)').insertText,
      '- source: ${1:Active Directory}\n    operation: Disable\n    nativeIdentity: ${2}',
    );
  });

  test('an item whose content starts on the line below its "-" completes like any other', () => {
    const keys = complete(`${PLAN_HEAD}  -\n    source: Active Directory\n    |\n`);
    assert.deepEqual(
      keys.labels,
      REQUEST_KEYS.filter((k) => k !== 'source'),
    );
    const operation = complete(`${PLAN_HEAD}  - # the first\n    source: Payroll\n    operation: |\n`);
    assert.deepEqual(operation.labels, OPERATIONS);
    const attribute = complete(
      `${PLAN_HEAD}  -\n    source: Active Directory\n    attributeRequests:\n      -\n        name: |\n`,
    );
    assert.deepEqual(attribute.labels, ['memberOf', 'department', 'password']);
  });

  test('a YAML file of several plans: each document has its own root', () => {
    const second = complete(`${PLAN_HEAD}  - source: Payroll\n---\nkind: ProvisioningPlan\n|`);
    assert.deepEqual(second.labels, [
      'accountRequests',
      'name',
      'trackingId',
      'identity',
      'requester',
      'origin',
      'catalog',
      'sources',
      '$schema',
    ]);
    const fresh = complete(`${PLAN_HEAD}  - source: Payroll\n---\n|`);
    assert.equal(fresh.labels[0], 'New provisioning plan');
    assert.ok(fresh.labels.includes('kind'));
  });

  test('CRLF line endings', () => {
    const crlf = complete(
      'kind: ProvisioningPlan\r\naccountRequests:\r\n  - source: Payroll\r\n    operation: Mo|\r\n',
    );
    assert.deepEqual(crlf.labels, OPERATIONS);
    assert.equal(crlf.text.slice(crlf.item('Modify').start, crlf.item('Modify').end), 'Mo');
  });

  test('a document broken while typing still completes', () => {
    const brokenBelow = complete(
      `${PLAN_HEAD}  - source: Payroll\n    operation: Mo|\n  - source: [Active\n    operation: : : {\n`,
    );
    assert.deepEqual(brokenBelow.labels, OPERATIONS);
    const openFlow = complete(
      `${PLAN_HEAD}  - source: HR Portal\n    ticketing: { integration: |\n  - source: Payroll\n`,
    );
    assert.deepEqual(openFlow.labels, ['ServiceNow SDIM']);
    const badIndent = complete(
      `${PLAN_HEAD}  - source: Active Directory\n     operation: Modify\n    attributeRequests:\n      - name: |\n`,
    );
    assert.deepEqual(badIndent.labels, ['memberOf', 'department', 'password']);
  });

  test('nothing in comments, block scalars and free text', () => {
    assert.deepEqual(complete(`${PLAN_HEAD}  - source: Payroll # the |\n`).labels, []);
    assert.deepEqual(
      complete(`${PLAN_HEAD}  - source: Payroll\n    comments: |\n      first line\n      sec|\n`).labels,
      [],
    );
    assert.deepEqual(complete(`${PLAN_HEAD}  - source: Payroll\n    comments: free |\n`).labels, []);
  });

  test('odd text: the exact answer (completion does not catch its own errors, so a crash fails here)', () => {
    const rootKeys = ROOT_KEYS.slice(1);
    const cases: [string, string[]][] = [
      ['\u0000\u0001|\u0002', []], // binary: the document is over a limit
      [`${'['.repeat(5000)}|`, []], // over the bracket limit
      ['a: *x\n|', rootKeys], // an alias naming no anchor
      ['- - - |', []], // a root sequence: not a plan
      [': : :|', []],
      ['\t|', ROOT_KEYS],
      ['{|', rootKeys], // keys of the open flow mapping at the root
    ];
    for (const [marked, labels] of cases) assert.deepEqual(complete(marked).labels, labels, marked);
  });

  test('a document over a safety limit offers nothing anywhere in it; the next document completes', () => {
    for (const input of hostileInputs().filter((i) => i.code === 'document-limit')) {
      const { text, file } = input;
      for (const offset of [0, input.start, text.length >> 1, text.length]) {
        const marked = `${text.slice(0, offset)}|${text.slice(offset)}`;
        assert.deepEqual(complete(marked, file).labels, [], `${input.name} at ${offset}`);
      }
    }
    const bomb = hostileInputs().find((i) => i.name.startsWith('alias bomb'))!;
    assert.deepEqual(complete(`${bomb.text}---\n|`, bomb.file).labels, ROOT_KEYS);
  });

  test('the list is capped and then marked incomplete, keeping what matches the typed text', () => {
    const sources = Array.from({ length: COMPLETION_CAP + 100 }, (_, i) => `  - name: Source ${i}\n`).join(
      '',
    );
    const catalog = `kind: SourceCatalog\nsources:\n${sources}`;
    const all = complete(`${PLAN_HEAD}  - source: |\n`, 'jane.plan.yaml', { 'acme.sources.yaml': catalog });
    assert.equal(all.answer.items.length, COMPLETION_CAP);
    assert.equal(all.answer.isIncomplete, true);
    const typed = complete(`${PLAN_HEAD}  - source: Source 59|\n`, 'jane.plan.yaml', {
      'acme.sources.yaml': catalog,
    });
    assert.deepEqual(typed.labels, [
      'Source 59',
      'Source 590',
      'Source 591',
      'Source 592',
      'Source 593',
      'Source 594',
      'Source 595',
      'Source 596',
      'Source 597',
      'Source 598',
      'Source 599',
    ]);
  });
});
