import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { CATALOG } from '../helpers';
import { REPO_ROOT } from '../../repoPaths';
import { TempFolder } from './cliHelpers';

/** Two plans in one file: two ISC account activities. */
const PLANS = `kind: ProvisioningPlan
name: Jane joins
trackingId: REQ-1042
identity: { name: jane.doe, displayName: Jane Doe }
accountRequests:
  - { source: Active Directory, operation: Modify, nativeIdentity: CN=Jane }
  - { source: HR Portal, operation: Modify, nativeIdentity: '42' }
  - source: File Share
    operation: Modify
    nativeIdentity: jane
    permissionRequests: [{ target: '\\\\files01\\finance', rights: [Read], operation: Add }]
---
kind: ProvisioningPlan
name: Kim moves
identity: { name: kim.doe }
accountRequests:
  - { source: Payroll, operation: Modify, nativeIdentity: '7' }
`;

const ARGS = ['--at', '2026-11-24T09:00:00Z', '--runs', '200', '--seed', '3'];

interface JsonPlan {
  name: string;
  activity: { completed: unknown; completionStatus: Record<string, number> };
}

suite('cli: the account activity of each plan', () => {
  let folder: TempFolder;
  setup(() => {
    folder = new TempFolder({ 'acme.sources.yaml': CATALOG, 'p.plan.yaml': PLANS });
  });
  teardown(() => folder.remove());

  test('predict --format json has an activity per plan whose shares sum to 1', () => {
    const run = folder.run('predict', 'p.plan.yaml', ...ARGS, '--format', 'json');
    assert.equal(run.code, 0, run.stderr);
    const plans = (JSON.parse(run.stdout) as { plans: JsonPlan[] }).plans;
    assert.equal(plans.length, 2);
    for (const plan of plans) {
      assert.deepEqual(Object.keys(plan)[2], 'activity');
      assert.deepEqual(Object.keys(plan.activity.completionStatus).sort(), [
        'FAILURE',
        'INCOMPLETE',
        'PENDING',
        'SUCCESS',
      ]);
      const sum = Object.values(plan.activity.completionStatus).reduce((a, b) => a + b, 0);
      assert.equal(Math.round(sum * 10_000), 10_000);
    }
    // A work item and a ticket beside AD: some runs end INCOMPLETE or stay PENDING.
    assert.ok(plans[0]!.activity.completionStatus['SUCCESS']! < 1);
  });

  test('text and Markdown show the activity first in each plan', () => {
    const text = folder.run('predict', 'p.plan.yaml', ...ARGS).stdout;
    const blocks = text.split('p.plan.yaml [plan ').slice(1);
    assert.equal(blocks.length, 2);
    for (const block of blocks) {
      const lines = block.split('\n').filter((line) => line !== '');
      assert.match(lines[2]!, /^account activity: COMPLETED.* · (SUCCESS|INCOMPLETE|FAILURE|PENDING) \d+ %/);
      assert.match(lines[3]!, /^#1 /);
    }
    // A person reads requests counted from 1 (docs/formats.md#cli-output); JSON keeps the zero-based index.
    const numbers = blocks[0]!
      .split('\n')
      .filter((line) => /^#\d+ /.test(line))
      .map((line) => line.split(' ')[0]);
    const json = JSON.parse(folder.run('predict', 'p.plan.yaml', ...ARGS, '--format', 'json').stdout) as {
      plans: { requests: { index: number }[] }[];
    };
    assert.deepEqual(
      numbers,
      json.plans[0]!.requests.map((r) => `#${r.index + 1}`),
    );
    assert.equal(json.plans[0]!.requests[0]!.index, 0);
    const markdown = folder.run('predict', 'p.plan.yaml', ...ARGS, '--format', 'markdown').stdout;
    assert.match(markdown, /\n\| #1 \| /);
    const section = markdown.split('# Jane joins')[1]!;
    assert.ok(section.indexOf('**Account activity:**') < section.indexOf('| # | request |'));
    assert.match(markdown, /\*\*Account activity:\*\* .*(SUCCESS|INCOMPLETE|PENDING) \d+ %/);
  });

  test('simulate --format trigger prints exactly valid payloads on stdout and the notes on stderr', () => {
    const one = new TempFolder({ 'acme.sources.yaml': CATALOG, 'p.plan.yaml': PLANS.split('---\n')[0]! });
    try {
      const run = one.run('simulate', 'p.plan.yaml', ...ARGS, '--format', 'trigger');
      assert.equal(run.code, 0, run.stderr);
      const schemaFile = path.join(REPO_ROOT, 'schemas', 'isc', 'provisioning-completed-trigger.schema.yaml');
      const schema = parse(fs.readFileSync(schemaFile, 'utf8')) as object;
      const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
      const payload = JSON.parse(run.stdout) as {
        trackingNumber: string;
        recipient: { name: string };
        accountRequests: { provisioningTarget: string; provisioningResult: string }[];
      };
      assert.ok(validate(payload), JSON.stringify(validate.errors));
      assert.match(payload.trackingNumber, /^[0-9a-f]{32}$/);
      assert.equal(payload.recipient.name, 'Jane Doe');
      assert.equal(payload.accountRequests.length, 4);
      assert.deepEqual(
        payload.accountRequests.slice(1).map((r) => [r.provisioningTarget, r.provisioningResult]),
        [
          ['ServiceNow SDIM', 'PENDING'],
          ['File Share', 'SUCCESS'],
          ['File Share', 'PENDING'],
        ],
      );
      assert.match(run.stderr, /^isc-plan: trigger payload:\n/);
      assert.match(
        run.stderr,
        /trackingNumber [0-9a-f]{32} is a placeholder .*not the plan's trackingId REQ-1042/,
      );
      assert.match(run.stderr, /ticketId \d{8} is a placeholder/);
      assert.ok(!run.stdout.includes('placeholder'));
    } finally {
      one.remove();
    }
  });
});
