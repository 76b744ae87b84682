import * as assert from 'node:assert/strict';
import { zonedMinuteText } from '../../../shared/format';
import { CATALOG } from '../helpers';
import type { CliRun } from './cliHelpers';
import { TempFolder } from './cliHelpers';

/** A connector (Active Directory), a ticket (HR Portal through the SDIM) and a work item (Payroll). */
const PLAN = `kind: ProvisioningPlan
name: Jane joins
catalog: acme.sources.yaml
identity: { name: jane.doe }
accountRequests:
  - { source: Active Directory, operation: Modify, nativeIdentity: CN=Jane }
  - { source: HR Portal, operation: Modify, nativeIdentity: '42' }
  - { source: Payroll, operation: Modify, nativeIdentity: '7' }
`;

/** Active Directory alone: no ticket, no work item. */
const AD_ONLY = `kind: ProvisioningPlan
catalog: acme.sources.yaml
identity: { name: kim.doe }
accountRequests:
  - { source: Active Directory, operation: Modify, nativeIdentity: CN=Kim }
`;

const ARGS = ['--at', '2026-11-24T09:00:00Z', '--runs', '200', '--seed', '3', '--moment', '24'];
const OUTAGE = ['--scenario', 'outage:Active Directory:8'];
// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001b\[/;

interface JsonDryRun {
  timeZone: string | null;
  plans: {
    requests: { index: number; source: string; operation: string; outcomes: Record<string, number> }[];
    events: { text: string }[];
    perspectives: {
      moment: { at: string };
      summary: { user: string; admin: string; auditor: string };
      admin: { text: string }[];
      auditor: { text: string }[];
    };
  }[];
}

/** Text without its line breaks and indentation, to find a wrapped sentence in it. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

suite('cli: simulate --format text is the dry run', () => {
  let folder: TempFolder;
  setup(() => {
    folder = new TempFolder({ 'acme.sources.yaml': CATALOG, 'p.plan.yaml': PLAN, 'ad.plan.yaml': AD_ONLY });
  });
  teardown(() => folder.remove());

  /** `isc-plan ARGV` as a terminal (or not) with `env`. */
  function runOn(isTTY: boolean, env: Record<string, string>, ...argv: string[]): CliRun {
    return folder.runAs({ isTTY, env }, ...argv);
  }

  test('it prints what predict prints, then the events, the three perspectives and the scenario', () => {
    const predict = folder.run('predict', 'p.plan.yaml', ...ARGS.slice(0, 6));
    const simulate = folder.run('simulate', 'p.plan.yaml', ...ARGS, ...OUTAGE);
    assert.equal(simulate.code, 0, simulate.stderr);
    assert.notEqual(simulate.stdout, predict.stdout);
    // The same title, activity and requests first (the reasons wrapped to 100 columns).
    const head = predict.stdout.split('\n\nAssumed')[0]!;
    assert.ok(flat(simulate.stdout).startsWith(flat(head)));
    const json = JSON.parse(
      folder.run('simulate', 'p.plan.yaml', ...ARGS, ...OUTAGE, '--format', 'json').stdout,
    ) as JsonDryRun;
    const plan = json.plans[0]!;
    const text = flat(simulate.stdout);
    assert.match(simulate.stdout, /\nRepresentative run \(run \d+ of 200\), in ISC's words:\n/);
    let from = 0;
    for (const event of plan.events) {
      const at = text.indexOf(flat(event.text), from);
      assert.ok(at > from, `event in order: ${event.text}`);
      from = at;
    }
    const p = plan.perspectives;
    // Times in the catalog's time zone with its offset; the JSON keeps UTC and names the zone.
    assert.equal(json.timeZone, 'Europe/Berlin');
    assert.ok(simulate.stdout.includes(`\nAt ${zonedMinuteText(p.moment.at, json.timeZone)} (+1 d):\n`));
    assert.match(simulate.stdout, /\nAt \d{4}-\d\d-\d\d \d\d:\d\d \+01:00 Europe\/Berlin \(\+1 d\):\n/);
    for (const [who, summary] of [
      ['User', p.summary.user],
      ['Admin', p.summary.admin],
      ['Auditor', p.summary.auditor],
    ] as const) {
      assert.ok(text.includes(` ${who} ${flat(summary)}`), who);
    }
    for (const item of [...p.admin, ...p.auditor]) assert.ok(text.includes(`- ${flat(item.text)}`));
    // Active Directory fails on every attempt of the first 8 h and lists no retryableErrors.
    assert.match(simulate.stdout, /\nScenario outage:Active Directory:8, against the baseline:\n/);
    assert.match(
      text,
      /#1 Active Directory · Modify → connector → Active Directory: committed ~[^;]+ → not reached; verified ~[^;]+ → not reached; outcomes success \d+ % · failed \d+ % → failed 100 %/,
    );
    // Only Active Directory changes.
    const scenario = simulate.stdout.split('against the baseline:\n')[1]!.split('\n\n')[0]!;
    assert.doesNotMatch(scenario, /HR Portal|Payroll/);
    for (const line of simulate.stdout.split('\n')) assert.ok(line.length <= 100, line);
  });

  test('no time in the text is a raw UTC timestamp: times of day are in the catalog zone, in the heading', () => {
    const simulate = folder.run('simulate', 'p.plan.yaml', ...ARGS);
    assert.equal(simulate.code, 0, simulate.stderr);
    assert.doesNotMatch(simulate.stdout, /\d{4}-\d\d-\d\dT\d\d:\d\d/);
    assert.match(simulate.stdout, /^ {2}User {5}At \+1 d: /m);
  });

  test('a scenario changes the text, and one without change says so', () => {
    const baseline = folder.run('simulate', 'p.plan.yaml', ...ARGS).stdout;
    assert.notEqual(folder.run('simulate', 'p.plan.yaml', ...ARGS, ...OUTAGE).stdout, baseline);
    const run = folder.run('simulate', 'p.plan.yaml', ...ARGS, '--scenario', 'away:ad.admin:3');
    assert.match(
      run.stdout,
      /\nScenario away:ad\.admin:3, against the baseline:\n {2}changes no request: the same milestones and outcomes as the baseline\n/,
    );
  });

  test('colour only on a terminal without NO_COLOR; predict text never has any', () => {
    const args = ['simulate', 'p.plan.yaml', ...ARGS, ...OUTAGE];
    const tty = runOn(true, {}, ...args);
    assert.match(tty.stdout, ESCAPE);
    assert.ok(
      tty.stdout.includes('\u001b[1m#1 Active Directory · Modify → connector → Active Directory\u001b[0m'),
    );
    assert.doesNotMatch(runOn(false, {}, ...args).stdout, ESCAPE);
    assert.doesNotMatch(runOn(true, { NO_COLOR: '1' }, ...args).stdout, ESCAPE);
    assert.doesNotMatch(
      runOn(true, {}, 'simulate', 'p.plan.yaml', ...ARGS, '--format', 'markdown').stdout,
      ESCAPE,
    );
    assert.doesNotMatch(runOn(true, {}, 'predict', 'p.plan.yaml', ...ARGS.slice(0, 6)).stdout, ESCAPE);
    // The same words either way.
    // eslint-disable-next-line no-control-regex
    assert.equal(tty.stdout.replace(/\u001b\[[0-9;]*m/g, ''), runOn(false, {}, ...args).stdout);
  });
});

suite('cli: --fail-on says what tripped it', () => {
  let folder: TempFolder;
  setup(() => {
    folder = new TempFolder({ 'acme.sources.yaml': CATALOG, 'p.plan.yaml': PLAN, 'ad.plan.yaml': AD_ONLY });
  });
  teardown(() => folder.remove());

  test('one stderr line per request where the outcome can happen, with its share', () => {
    const json = JSON.parse(
      folder.run('simulate', 'p.plan.yaml', ...ARGS, '--format', 'json').stdout,
    ) as JsonDryRun;
    const requests = json.plans[0]!.requests;
    const verbs = { failed: 'fails', drift: 'drifts (marked complete without the change)' } as const;
    const expected = (['failed', 'drift'] as const).flatMap((outcome) =>
      requests
        .filter((r) => r.outcomes[outcome]! > 0)
        .map((r) => {
          const share = r.outcomes[outcome]!;
          const shown = share < 0.01 ? '<1 %' : `${Math.round(share * 100)} %`;
          return `isc-plan: --fail-on ${outcome}: #${r.index + 1} ${r.source} ${r.operation} ${verbs[outcome]} in ${shown} of runs`;
        }),
    );
    const run = folder.run('simulate', 'p.plan.yaml', ...ARGS, '--fail-on', 'failed', '--fail-on', 'drift');
    assert.equal(run.code, 1);
    assert.deepEqual(run.stderr.trimEnd().split('\n'), expected);
    assert.match(
      run.stderr,
      /^isc-plan: --fail-on failed: #1 Active Directory Modify fails in \d+ % of runs$/m,
    );
    assert.match(run.stderr, /^isc-plan: --fail-on drift: #3 Payroll Modify drifts .* in \d+ % of runs$/m);
  });

  test('an outcome that cannot happen passes the gate silently', () => {
    // A connector call either answers or fails: it never stalls.
    const run = folder.run('simulate', 'ad.plan.yaml', ...ARGS, '--fail-on', 'stalled', '--format', 'json');
    const json = JSON.parse(run.stdout) as JsonDryRun;
    assert.ok(json.plans[0]!.requests.every((r) => r.outcomes['stalled'] === 0));
    assert.equal(run.code, 0);
    assert.equal(run.stderr, '');
  });
});

suite('cli: a scenario that cannot change anything is warned about', () => {
  let folder: TempFolder;
  setup(() => {
    folder = new TempFolder({ 'acme.sources.yaml': CATALOG, 'p.plan.yaml': PLAN, 'ad.plan.yaml': AD_ONLY });
  });
  teardown(() => folder.remove());

  function warnings(plan: string, scenario: string): string[] {
    const run = folder.run('simulate', plan, ...ARGS, '--scenario', scenario);
    assert.equal(run.code, 0, run.stderr);
    return run.stderr.split('\n').filter((line) => line !== '');
  }

  test('failure on a source whose requests go to an SDIM', () => {
    assert.deepEqual(warnings('p.plan.yaml', 'failure:HR Portal:0.5'), [
      'isc-plan: warning: Scenario "failure:HR Portal:0.5" changes nothing in this plan: no request reaches HR Portal through its connector (they go to ticketing → ServiceNow SDIM); failure acts only on connector calls.',
    ]);
  });

  test('outage on a source that gets only a manual work item, or no request at all', () => {
    assert.deepEqual(warnings('p.plan.yaml', 'outage:Payroll:4'), [
      'isc-plan: warning: Scenario "outage:Payroll:4" changes nothing in this plan: no request reaches Payroll through its connector (they go to manual → payroll.admin); outage acts only on connector calls.',
    ]);
    assert.deepEqual(warnings('p.plan.yaml', 'outage:Mainframe:4'), [
      'isc-plan: warning: Scenario "outage:Mainframe:4" changes nothing in this plan: no request goes to Mainframe; outage acts only on connector calls.',
    ]);
  });

  test('away for an owner without a work item in the plan', () => {
    assert.deepEqual(warnings('p.plan.yaml', 'away:ad.admin:3'), [
      'isc-plan: warning: Scenario "away:ad.admin:3" changes nothing in this plan: ad.admin has no manual work item in it; away acts only on an owner\'s work items.',
    ]);
  });

  test('backlog on an SDIM without a ticket in the plan', () => {
    assert.deepEqual(warnings('ad.plan.yaml', 'backlog:ServiceNow SDIM:3'), [
      'isc-plan: warning: Scenario "backlog:ServiceNow SDIM:3" changes nothing in this plan: no request goes to ServiceNow SDIM as a ticket; backlog acts only on its tickets.',
    ]);
  });

  test('scenarios that act on the plan are accepted without a word', () => {
    for (const scenario of [
      'outage:Active Directory:8',
      'failure:Active Directory:0.5',
      'away:payroll.admin:3',
      'backlog:ServiceNow SDIM:3',
    ]) {
      assert.deepEqual(warnings('p.plan.yaml', scenario), [], scenario);
    }
  });
});
