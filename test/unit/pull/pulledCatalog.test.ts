import * as assert from 'assert';
import type { StandInTenant } from '../../harness/standInTenant';
import { startStandInTenant } from '../../harness/standInTenant';
import { pullIn, readPulled, TempFolder } from './pullHelpers';

/** A plan checked against the files of a pull, which `catalog:` names unchanged. */
const PLAN = `kind: ProvisioningPlan
name: Checked against the pulled tenant
identity: { name: aisha.khan }
catalog:
  - isc-tenant/sources.json
  - isc-tenant/service-desk-integrations.json
  - isc-tenant/status-check-configuration.json
  - isc-tenant/account-schemas.json
  - isc-tenant/aggregation-schedules.json
accountRequests:
  - source: Active Directory
    operation: Modify
    nativeIdentity: aisha.khan
    attributeRequests:
      - { name: memberOf, operation: Add, value: 'CN=Finance,OU=Groups,DC=acme,DC=example' }
  - source: Badge System
    operation: Modify
    nativeIdentity: aisha.khan
    attributeRequests:
      - { name: memberOf, operation: Add, value: Lobby }
  - source: Print Quota
    operation: Modify
    nativeIdentity: aisha.khan
    attributeRequests:
      - { name: memberOf, operation: Add, value: Colour }
  - source: Parking
    operation: Modify
    nativeIdentity: aisha.khan
    attributeRequests:
      - { name: memberOf, operation: Add, value: Level 2 }
`;

interface PredictedRequest {
  source: string;
  channel: string;
  target: string;
  reasons: string[];
  assumptions: string[];
  milestones: { verified: { p50Minutes: number } };
}

suite('the files of a pull are a catalog that validate and predict use unchanged', function () {
  this.timeout(120_000);
  let tenant: StandInTenant;
  let folder: TempFolder;

  suiteSetup(async () => {
    tenant = await startStandInTenant({ activityCount: 10 });
    folder = new TempFolder({ 'aisha.plan.yaml': PLAN });
    const run = await pullIn(folder, tenant, []);
    assert.strictEqual(run.code, 0, run.stderr);
  });
  suiteTeardown(async () => {
    await tenant.close();
  });

  test('validate finds every source, and checks attributes against the pulled account schemas', () => {
    const owner = (name: string): string =>
      readPulled<{ name: string; owner: { name: string } }[]>(folder, 'sources.json').find(
        (s) => s.name === name,
      )!.owner.name;
    const run = folder.run('validate', 'aisha.plan.yaml');
    assert.strictEqual(run.code, 0, run.stdout);
    // The one finding: Parking, a flat file no SDIM manages, goes to its owner as a work item.
    assert.deepStrictEqual(
      run.stdout.split('\n').map((line) => /^aisha\.plan\.yaml:\d+:\d+ (\w+ [\w-]+)/.exec(line)?.[1] ?? line),
      ['information routed-to-manual', '1 file checked: 0 errors, 0 warnings.', ''],
    );
    assert.match(run.stdout, new RegExp(`creates a manual work item for ${owner('Parking')}\\.`));
    folder.write(
      'wrong.plan.yaml',
      PLAN.replace(
        "name: memberOf, operation: Add, value: 'CN=",
        "name: memberOff, operation: Add, value: 'CN=",
      ),
    );
    const wrong = folder.run('validate', 'wrong.plan.yaml');
    assert.match(
      wrong.stdout,
      /warning unknown-attribute Active Directory's account schema has no attribute "memberOff"; did you mean "memberOf"\?/,
    );
  });

  test('predict routes by the pulled features, SDIMs, owners and aggregation schedules', () => {
    const run = folder.run(
      'predict',
      'aisha.plan.yaml',
      '--format',
      'json',
      '--at',
      '2026-12-01T09:00:00Z',
      '--runs',
      '50',
    );
    assert.strictEqual(run.code, 0, run.stderr);
    const requests = (JSON.parse(run.stdout) as { plans: { requests: PredictedRequest[] }[] }).plans[0]!
      .requests;
    const owner = (name: string): string =>
      readPulled<{ name: string; owner: { name: string } }[]>(folder, 'sources.json').find(
        (s) => s.name === name,
      )!.owner.name;
    assert.deepStrictEqual(
      requests.map((r) => [r.source, r.channel, r.target]),
      [
        ['Active Directory', 'connector', 'Active Directory'],
        ['Badge System', 'ticketing', 'ServiceNow Tickets'],
        ['Print Quota', 'ticketing', 'Jira Service Desk'],
        ['Parking', 'manual', owner('Parking')],
      ],
    );
    const cron = tenant.data.schedules[tenant.data.sources[0]!['id'] as string]![0]![
      'cronExpression'
    ] as string;
    // Active Directory's pulled schedule is hourly on the hour: committed about 09:01, the 10:00
    // aggregation (15 minutes, the model's assumed duration) verifies it at 10:15.
    assert.strictEqual(cron, '0 0 */1 * * ?');
    assert.strictEqual(requests[0]!.milestones.verified.p50Minutes, 75);
    assert.ok(
      !requests[0]!.assumptions.some((a) => /aggregation schedule/i.test(a)),
      requests[0]!.assumptions.join('\n'),
    );
  });
});
