import * as assert from 'node:assert/strict';
import type { Diagnostic } from '../../helpers';
import { CATALOG, diagnose, rangeOf, ROOT, serviceFor } from '../../helpers';
import { quickFix } from '../../../../server/src/service/features/edits/quickFixes';
import * as path from 'node:path';

const HEAD = 'kind: ProvisioningPlan\nidentity: { name: jane.doe }\naccountRequests:\n';

/** `code@line:character` of every diagnostic. */
function placed(found: readonly Diagnostic[]): string[] {
  return found.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`);
}

function plan(requests: string, catalog = CATALOG): Diagnostic[] {
  return diagnose({ 'acme.sources.yaml': catalog, 'p.plan.yaml': HEAD + requests }, 'p.plan.yaml');
}

function catalogFile(text: string): Diagnostic[] {
  return diagnose({ 'c.sources.yaml': text }, 'c.sources.yaml');
}

/** The shared catalog with one more source. */
function withSource(entry: string): string {
  return CATALOG.replace('serviceDeskIntegrations:', `  - ${entry}\nserviceDeskIntegrations:`);
}

suite('rule details of docs/rules.md', () => {
  test('no-verification: also for aggregation: none; not for a schedule that is merely not given', () => {
    const catalog = withSource(
      '{ name: Legacy, features: [PROVISIONING], owner: { name: l.admin }, aggregation: { schedule: none } }',
    );
    assert.deepEqual(placed(plan('  - { source: Legacy, operation: Create }\n', catalog)), [
      'no-verification@3:14',
    ]);
    assert.match(
      plan('  - { source: Legacy, operation: Create }\n', catalog)[0]!.message,
      /is never aggregated \(aggregation: none\)/,
    );
    assert.deepEqual(
      plan('  - { source: HR Portal, operation: Create, ticketing: { integration: ServiceNow SDIM } }\n'),
      [],
    );
  });

  test('no-verification: not for a password change, which no aggregation could verify anyway', () => {
    const catalog = withSource(
      '{ name: Legacy, features: [PROVISIONING, PASSWORD], owner: { name: l.admin }, aggregation: { schedule: none } }',
    );
    const codes = (request: string): string[] => plan(request, catalog).map((d) => d.code ?? '');
    assert.ok(
      !codes(
        "  - { source: Legacy, operation: Modify, nativeIdentity: x, attributeRequests: [{ name: password, operation: Set, value: '********' }] }\n",
      ).includes('no-verification'),
    );
    assert.ok(
      codes(
        "  - { source: Legacy, operation: Modify, nativeIdentity: x, attributeRequests: [{ name: password, operation: Set, value: '********' }, { name: title, operation: Set, value: Clerk }] }\n",
      ).includes('no-verification'),
    );
  });

  test('add-to-single-valued: Remove on a single-valued attribute is fine (it clears it)', () => {
    assert.deepEqual(
      plan(
        '  - { source: Active Directory, operation: Modify, nativeIdentity: x, attributeRequests: [{ name: department, operation: Remove }] }\n',
      ),
      [],
    );
  });

  test('unknown-attribute only where an account schema is given', () => {
    assert.deepEqual(
      placed(
        plan(
          "  - { source: File Share, operation: Modify, nativeIdentity: x, attributeRequests: [{ name: anything, operation: Set, value: '1' }] }\n",
        ),
      ),
      [],
    );
  });

  test('conflicting-attribute-requests: Set twice to different values, not to the same value', () => {
    const twice = (a: string, b: string): string =>
      `  - source: Active Directory\n    operation: Modify\n    nativeIdentity: x\n    attributeRequests:\n      - { name: department, operation: Set, value: ${a} }\n      - { name: department, operation: Set, value: ${b} }\n`;
    const found = plan(twice('Finance', 'Sales'));
    assert.deepEqual(placed(found), ['conflicting-attribute-requests@8:39']);
    assert.match(
      found[0]!.message,
      /"department" is Set twice in this request to different values \("Finance" and "Sales"\)/,
    );
    assert.deepEqual(plan(twice('Finance', 'Finance')), []);
  });

  const accounts: [string, string[], string[]][] = [
    [
      'Modify then Delete',
      ['Modify', 'Delete'],
      ['delete-account@4:68', 'conflicting-account-requests@4:68'],
    ],
    [
      'Delete then Modify',
      ['Delete', 'Modify'],
      ['delete-account@3:68', 'conflicting-account-requests@4:68'],
    ],
    ['Enable then Disable', ['Enable', 'Disable'], ['conflicting-account-requests@4:68']],
    [
      'Lock then Unlock',
      ['Lock', 'Unlock'],
      ['lock-not-automatable@3:68', 'conflicting-account-requests@4:68'],
    ],
    ['Enable then Modify', ['Enable', 'Modify'], []],
  ];
  for (const [what, operations, expected] of accounts) {
    test(`conflicting-account-requests: ${what}`, () => {
      const text = operations
        .map((op) => `  - { source: Active Directory, nativeIdentity: CN=Jane, operation: ${op} }\n`)
        .join('');
      assert.deepEqual(placed(plan(text)), expected);
    });
  }

  test('conflicting-account-requests: the same operation on two different accounts is fine', () => {
    assert.deepEqual(
      plan(
        '  - { source: Active Directory, nativeIdentity: CN=A, operation: Delete }\n  - { source: Active Directory, nativeIdentity: CN=B, operation: Enable }\n',
      ).map((d) => d.code),
      ['delete-account'],
    );
  });

  test("channel-mismatch: a manual: block on a connector request is reported on the block's key", () => {
    const text = '  - { source: Active Directory, operation: Create, manual: { instructions: do it } }\n';
    const found = plan(text);
    assert.deepEqual(
      found.map((d) => [d.code, d.range]),
      [['channel-mismatch', rangeOf(HEAD + text, 'manual')]],
    );
    assert.match(
      found[0]!.message,
      /A manual: block only applies to a manual task, but ISC would use "connector"/,
    );
  });

  test('channel-mismatch: a ticketing.integration that does not manage the source names the one that does', () => {
    const catalog = `${CATALOG}  - { name: Jira Desk, type: JiraSDIM, managedSources: [Mainframe] }\n`;
    const text = '  - { source: HR Portal, operation: Create, ticketing: { integration: Jira Desk } }\n';
    const found = plan(text, catalog);
    assert.deepEqual(
      found.map((d) => [d.code, d.range]),
      [['channel-mismatch', rangeOf(HEAD + text, 'Jira Desk')]],
    );
    assert.equal(
      found[0]!.message,
      '"Jira Desk" does not manage HR Portal; ISC sends the ticket to "ServiceNow SDIM".',
    );
  });

  test('channel-mismatch: not for a source no catalog knows (the declared channel is all there is)', () => {
    assert.deepEqual(
      plan('  - { source: Nowhere, operation: Create, channel: manual }\n').map((d) => d.code),
      ['unknown-source'],
    );
  });

  test('lock-not-automatable: an error whose quick fix changes the operation to Disable', () => {
    const text = `${HEAD}  - { source: Active Directory, operation: Lock, nativeIdentity: x }\n`;
    const files = { 'acme.sources.yaml': CATALOG, 'p.plan.yaml': text };
    const service = serviceFor(files);
    const file = path.join(ROOT, 'p.plan.yaml');
    service.open(file, text);
    const lock = service.findings(file).find((f) => f.code === 'lock-not-automatable')!;
    assert.equal(lock.severity, 'error');
    assert.deepEqual([lock.start, lock.end], [text.indexOf('Lock'), text.indexOf('Lock') + 4]);
    assert.equal(lock.fixes?.length, 1);
    const fix = quickFix(text, 'yaml', lock.fixes[0]!, undefined)!;
    assert.equal(fix.title, 'Change the operation to Disable');
    const [edit] = fix.edits;
    const fixed = text.slice(0, edit!.start) + edit!.newText + text.slice(edit!.end);
    assert.equal(fixed, text.replace('operation: Lock', 'operation: Disable'));
  });

  test('password-not-provisionable: on the password attribute, not for Remove, not with PASSWORD', () => {
    const text =
      "  - { source: Mainframe, operation: Modify, nativeIdentity: x, attributeRequests: [{ name: password, operation: Set, value: '${PW}' }] }\n";
    assert.deepEqual(
      plan(text).map((d) => [d.code, d.severity, d.range]),
      [['password-not-provisionable', 'warning', rangeOf(HEAD + text, 'password')]],
    );
    assert.deepEqual(
      plan(text.replace('operation: Set', 'operation: Remove')).map((d) => d.code),
      ['no-verification'],
    );
    assert.deepEqual(plan(text.replace('Mainframe', 'Active Directory')), []);
    const flat =
      "  - { source: Payroll, operation: Modify, nativeIdentity: x, attributeRequests: [{ name: password, operation: Set, value: '${PW}' }] }\n";
    const found = plan(flat);
    assert.deepEqual(
      found.map((d) => d.code),
      ['password-not-provisionable'],
    );
    assert.match(
      found[0]!.message,
      /Payroll is a flat-file source \(connectionType file\), and ISC changes passwords only through Password Management/,
    );
  });

  test('routed-to-manual: a universal SDIM takes what no connector provisions, as a ticket', () => {
    const catalog = `${CATALOG}  - { name: Universal Desk, type: ServiceNowSDIM, universalManager: true, statusMap: { closed: Committed } }\n`;
    const found = plan('  - { source: Payroll, operation: Modify, nativeIdentity: x }\n', catalog);
    assert.deepEqual(placed(found), ['routed-to-manual@3:34']);
    assert.equal(
      found[0]!.message,
      'Payroll is a flat-file source (connectionType file): ISC does not provision it through a connector, whatever its features say. ISC sends the Modify as a ticket to the universal SDIM "Universal Desk" (isc-plan\'s reading of a universal SDIM). Expect the service desk\'s hours or days, and no verification until a newer file is uploaded and aggregated.',
    );
    assert.deepEqual(
      plan('  - { source: Active Directory, operation: Modify, nativeIdentity: x }\n', catalog),
      [],
    );
  });

  test('permissions-to-work-item: with a universal SDIM the permission requests become its ticket', () => {
    const catalog = `${CATALOG}  - { name: Universal Desk, universalManager: true, statusMap: { closed: Committed } }\n`;
    const text =
      "  - { source: File Share, operation: Modify, nativeIdentity: x, permissionRequests: [{ target: 'f', operation: Add }] }\n";
    const found = plan(text, catalog);
    assert.deepEqual(
      found.map((d) => [d.code, d.range]),
      [['permissions-to-work-item', rangeOf(HEAD + text, 'permissionRequests')]],
    );
    assert.match(found[0]!.message, /into a ticket for the universal SDIM "Universal Desk"/);
  });

  test('lock-not-automatable: not when an SDIM manages the source (the ticket may do it)', () => {
    assert.deepEqual(plan('  - { source: HR Portal, operation: Lock, nativeIdentity: x }\n'), []);
  });

  test('manual-no-assignee: the split-off permission requests of a source without owner, on the permissionRequests key', () => {
    const catalog = withSource('{ name: NAS, features: [PROVISIONING, NO_PERMISSIONS_PROVISIONING] }');
    const text =
      "  - { source: NAS, operation: Modify, nativeIdentity: x, permissionRequests: [{ target: 'f', operation: Add }] }\n";
    const found = plan(text, catalog);
    const key = rangeOf(HEAD + text, 'permissionRequests');
    assert.deepEqual(
      found.map((d) => [d.code, d.range]),
      [
        ['permissions-to-work-item', key],
        ['manual-no-assignee', key],
      ],
    );
  });

  test('duplicate-source: two service desk integrations of one name too', () => {
    const text =
      'kind: SourceCatalog\nserviceDeskIntegrations:\n  - { name: Desk, universalManager: true }\n  - { name: Desk }\n';
    assert.deepEqual(
      catalogFile(text).map((d) => [d.code, d.range]),
      [['duplicate-source', rangeOf(text, 'Desk', 3)]],
    );
  });

  test('invalid-cron: none is not a cron expression but no error', () => {
    assert.deepEqual(
      catalogFile('kind: SourceCatalog\nsources:\n  - { name: X, aggregation: { schedule: none } }\n'),
      [],
    );
  });

  test("invalid-cron: the catalog's identityRefresh schedule is checked like an aggregation schedule", () => {
    const text = "kind: SourceCatalog\nidentityRefresh: { schedule: '0 0 25 * * ?' }\n";
    assert.deepEqual(
      catalogFile(text).map((d) => [d.code, d.range]),
      [['invalid-cron', rangeOf(text, "'0 0 25 * * ?'")]],
    );
    assert.deepEqual(
      catalogFile("kind: SourceCatalog\nidentityRefresh: { schedule: '0 0 8,20 * * ?' }\n"),
      [],
    );
  });

  test('invalid-cron: a valid expression that never runs (30 February, past years) is one too, saying why', () => {
    const never = ['0 0 0 30 2 ?', '0 0 0 31 4 ?', '0 0 0 30-31 2 ?', '0 0 0 * * ? 1999-2020'];
    for (const schedule of never) {
      const text = `kind: SourceCatalog\nidentityRefresh: { schedule: '${schedule}' }\nsources:\n  - { name: X, aggregation: { schedule: '${schedule}' } }\n`;
      const found = catalogFile(text);
      assert.deepEqual(
        found.map((d) => [d.code, d.range]),
        [
          ['invalid-cron', rangeOf(text, `'${schedule}'`, 1)],
          ['invalid-cron', rangeOf(text, `'${schedule}'`, 2)],
        ],
        schedule,
      );
      assert.equal(
        found[1]!.message,
        `"${schedule}" never runs: no date from 2026 on matches it (a day the month does not have, such as 30 February, or only past years). Nothing would ever be aggregated, so no change would be verified; fix the day, month or year.`,
      );
      assert.match(found[0]!.message, /Nothing would ever be refreshed;/);
    }
    const leapDay =
      "kind: SourceCatalog\nsources:\n  - { name: X, aggregation: { schedule: '0 0 0 29 2 ?' } }\n";
    assert.deepEqual(catalogFile(leapDay), []);
  });

  test('sdim-no-committed and sdim-polling-window: nothing when statusMap or ticketWorkflow are not given', () => {
    assert.deepEqual(
      catalogFile('kind: SourceCatalog\nserviceDeskIntegrations:\n  - { name: Desk, managedSources: [X] }\n'),
      [],
    );
  });

  test('sdim-polling-window: against the default window when the file has no statusCheck, and says so', () => {
    const text =
      'kind: SourceCatalog\nserviceDeskIntegrations:\n  - name: Desk\n    ticketWorkflow: [{ status: open, hours: { p50: 40, p90: 60 } }, { status: done }]\n';
    const found = catalogFile(text);
    assert.deepEqual(
      found.map((d) => [d.code, d.range]),
      [['sdim-polling-window', rangeOf(text, 'ticketWorkflow')]],
    );
    assert.match(
      found[0]!.message,
      /provisioningMaxStatusCheckDays 2 = 48 hours \(the default: no statusCheck in this file\)/,
    );
  });
});
