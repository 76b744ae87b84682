import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { main } from '../../../../server/src/cli/main';
import { importFile } from '../../../../server/src/service/import/importFile';
import type { ImportedAttribute } from '../../../../server/src/service/import/importedPlan';
import { mergeRuns } from '../../../../server/src/service/import/fromTriggerPayload';
import { diagnose } from '../../helpers';
import { brief, fixture, validatePlan } from './importHelpers';
import { REPO_ROOT } from '../../../repoPaths';

/** What the round trip compares of a request: what ISC is asked to do, not how the plan is annotated. */
interface RequestCore {
  source: unknown;
  operation: unknown;
  nativeIdentity: unknown;
  attributeRequests: { name: unknown; operation: unknown; value: unknown }[];
}

function cores(planText: string): RequestCore[][] {
  const plans = parseAllDocuments(planText)
    .map((doc) => doc.toJS() as { kind?: string; accountRequests: Record<string, unknown>[] } | null)
    .filter((plan) => plan?.kind === 'ProvisioningPlan');
  return plans.map((plan) => {
    return plan!.accountRequests.map((r) => ({
      source: r.source,
      operation: r.operation,
      nativeIdentity: r.nativeIdentity,
      attributeRequests: ((r.attributeRequests ?? []) as Record<string, unknown>[]).map((a) => ({
        name: a.name,
        operation: a.operation,
        value: a.value,
      })),
    }));
  });
}

/** The predicted channel of every request of every plan of a file. */
function channelsOf(planFile: string): string[][] {
  let json = '';
  const code = main(['predict', planFile, '--format', 'json', '--runs', '5'], {
    cwd: REPO_ROOT,
    stdout: (t) => (json += t),
    stderr: () => undefined,
  });
  assert.equal(code, 0, `predict ${planFile}`);
  const report = JSON.parse(json) as { plans: { requests: { channel: string }[] }[] };
  return report.plans.map((plan) => plan.requests.map((r) => r.channel));
}

suite('import: Provisioning Completed trigger payloads', () => {
  test('the trigger schema example (snippet): recorded result, target and ticket beside the request', () => {
    const { planText, kind } = importFile(
      'provisioning-completed-trigger.json',
      fixture('provisioning-completed-trigger.json'),
    );
    assert.equal(
      planText,
      `# Imported by isc-plan from a Provisioning Completed trigger payload (provisioning-completed-trigger.json).
# The "recorded" comments say what really happened; compare them with the prediction (isc-plan predict).
kind: ProvisioningPlan
name: IdentityRefresh for Michael Michaels
trackingId: 4b4d982dddff4267ab12f0f1e72b5a6d
identity: { name: Michael Michaels, id: 2c7180a46faadee4016fb4e018c20642 }
requester: { name: William Wilson, id: 2c7180a46faadee4016fb4e018c20648 }
# ISC trigger action: IdentityRefresh
# ISC recorded errors:
#   Connector AD Failed
# ISC recorded warnings:
#   Notification Skipped due to invalid email
accountRequests:
  # ISC recorded: provisioningResult SUCCESS, provisioningTarget Corp AD, ticketId 72619262
  - source: Corporate Active Directory
    operation: Modify
    nativeIdentity: CN=Chewy.Bacca,ou=hardcorefigter,ou=wookies,dc=starwars,dc=com
    attributeRequests:
      - name: memberOf
        operation: Add
        value: CN=jedi,DC=starwars,DC=com
`,
    );
    assert.equal(kind, 'trigger');
    assert.deepEqual(validatePlan(planText), []);
  });

  test('an array of payloads: runs merged into lists, null values left out, casings mapped, missing requester', () => {
    const { planText, plans, requests } = importFile(
      'trigger-payloads.json',
      fixture('trigger-payloads.json'),
    );
    assert.equal(
      planText,
      `# Imported by isc-plan from 2 Provisioning Completed trigger payloads (trigger-payloads.json).
# One plan per record: 2 plans.
# The "recorded" comments say what really happened; compare them with the prediction (isc-plan predict).
kind: ProvisioningPlan
name: Access Request for jane.doe
trackingId: REQ-2001
identity: { name: jane.doe, id: 2c9180835d2e5168015d32f890ca1581 }
requester: { name: kim.admin, id: 2c9180835d2e5168015d32f890ca9999 }
# ISC trigger action: Access Request
accountRequests:
  # ISC recorded: provisioningResult SUCCESS, provisioningTarget Active Directory
  - source: Active Directory
    operation: Modify
    nativeIdentity: CN=Jane Doe,OU=Finance,OU=Users,DC=acme,DC=example
    attributeRequests:
      - name: memberOf
        operation: Add
        value:
          - CN=FIN-AP,OU=Groups,DC=acme,DC=example
          - CN=SAP-FI,OU=Groups,DC=acme,DC=example
      - name: memberOf
        operation: Remove
        value: CN=Sales,OU=Groups,DC=acme,DC=example
      - name: extensionAttribute5
        operation: Remove
      - name: department
        operation: Set
        value: Finance
  # ISC recorded: provisioningResult PENDING, provisioningTarget ServiceNow SDIM, ticketId RITM0012346
  - source: HR Portal
    operation: Create
---
kind: ProvisioningPlan
name: Provisioning for tom.obrien
trackingId: REQ-2002
identity: { name: tom.obrien, id: 2c9180835d2e5168015d32f890ca2222 }
# ISC recorded errors:
#   Connector Active Directory failed
accountRequests:
  # ISC recorded: provisioningResult FAILED, provisioningTarget Active Directory
  - source: Active Directory
    operation: Disable
    nativeIdentity: CN=Tom O'Brien,OU=Users,DC=acme,DC=example
`,
    );
    assert.deepEqual({ plans, requests }, { plans: 2, requests: 3 });
    assert.deepEqual(brief(validatePlan(planText)), []);
  });

  test('runs are merged only while name and operation stay the same and each entry has one value', () => {
    const a = (name: string, operation: string, value?: string): ImportedAttribute => ({
      name,
      operation,
      ...(value !== undefined ? { value } : {}),
      comments: [],
    });
    const merged = mergeRuns([
      a('memberOf', 'Add', 'x'),
      a('memberOf', 'Add', 'y'),
      a('memberOf', 'Remove', 'z'),
      a('memberOf', 'Add', 'w'),
      a('mail', 'Remove'),
      a('mail', 'Remove'),
      a('sn', 'Set', 'Doe'),
    ]);
    assert.deepEqual(
      merged.map((m) => [m.name, m.operation, m.value]),
      [
        ['memberOf', 'Add', ['x', 'y']],
        ['memberOf', 'Remove', 'z'],
        ['memberOf', 'Add', 'w'],
        ['mail', 'Remove', undefined],
        ['mail', 'Remove', undefined],
        ['sn', 'Set', 'Doe'],
      ],
    );
  });

  test('a run of 100,000 values is merged in one pass, without touching the input (does not hang: 10 s time-out)', function () {
    this.timeout(10_000);
    const first: ImportedAttribute = { name: 'memberOf', operation: 'Add', value: ['a', 'b'], comments: [] };
    const rest = Array.from({ length: 100_000 }, (_, i): ImportedAttribute => ({
      name: 'memberOf',
      operation: 'Add',
      value: `g${i}`,
      comments: [],
    }));
    const [merged, ...others] = mergeRuns([first, ...rest]);
    assert.deepEqual(others, []);
    assert.equal((merged!.value as string[]).length, 100_002);
    assert.deepEqual((merged!.value as string[]).slice(0, 4), ['a', 'b', 'g0', 'g1']);
    assert.deepEqual(first.value, ['a', 'b'], "the input's list is not extended");
  });

  test('round trip: simulate jane-joins-finance with --format trigger (CLI, in-process), import, same requests', () => {
    const planFile = path.join(REPO_ROOT, 'samples/plans/jane-joins-finance.plan.yaml');
    let stdout = '';
    let stderr = '';
    const code = main(
      ['simulate', planFile, '--format', 'trigger', '--runs', '20', '--at', '2026-11-25T09:00:00Z'],
      { cwd: REPO_ROOT, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    );
    assert.equal(code, 0, stderr);
    const { planText, plans } = importFile('jane-trigger.json', stdout);
    assert.equal(plans, 1);
    const original = fs.readFileSync(planFile, 'utf8');
    assert.deepEqual(cores(planText), cores(original));
    assert.equal(cores(planText)[0]!.length, 5);
    // The imported plan validates against the sample tenant's catalog like the original does.
    const catalog = fs.readFileSync(path.join(REPO_ROOT, 'samples/tenant/acme.sources.yaml'), 'utf8');
    const errors = diagnose(
      { 'acme.sources.yaml': catalog, 'jane.plan.yaml': planText },
      'jane.plan.yaml',
    ).filter((d) => d.severity === 'error');
    assert.deepEqual(errors, []);
  });

  test('round trip of every sample plan, several plans per file as an array of payloads', () => {
    for (const name of ['bulk-role-change', 'leaver-disable', 'multi-document', 'password-and-unlock']) {
      const planFile = path.join(REPO_ROOT, `samples/plans/${name}.plan.yaml`);
      let stdout = '';
      const code = main(['simulate', planFile, '--format', 'trigger', '--runs', '5'], {
        cwd: REPO_ROOT,
        stdout: (t) => (stdout += t),
        stderr: () => undefined,
      });
      assert.equal(code, 0, name);
      const original = cores(fs.readFileSync(planFile, 'utf8'));
      // ISC does nothing for a request of channel none (a Lock, a password it cannot change): no payload item.
      const none = channelsOf(planFile).map((plan) => plan.map((channel) => channel === 'none'));
      const done = original.map((plan, p) => plan.filter((_, r) => !none[p]![r]));
      assert.deepEqual(cores(importFile(`${name}.json`, stdout).planText), done, name);
    }
  });
});
