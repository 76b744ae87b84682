import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../repoPaths';
import { TempFolder } from './cliHelpers';

/** The samples' tenant and flagship plan, and three changes a platform team makes to the tenant. */
const CATALOG = fs.readFileSync(path.join(REPO_ROOT, 'samples/tenant/acme.sources.yaml'), 'utf8');
const PLAN = fs.readFileSync(path.join(REPO_ROOT, 'samples/plans/jane-joins-finance.plan.yaml'), 'utf8');

function changed(from: string, to: string): string {
  assert.ok(CATALOG.includes(from), `the sample catalog has ${from}`);
  return CATALOG.replace(from, to);
}

/** Finance File Share loses PROVISIONING: its Modify (request 5) becomes a work item. */
const FEATURE_REMOVED = changed(
  'features: [PROVISIONING, ENABLE, DIRECT_PERMISSIONS, NO_PERMISSIONS_PROVISIONING, DISCOVER_SCHEMA]',
  'features: [ENABLE, DIRECT_PERMISSIONS, NO_PERMISSIONS_PROVISIONING, DISCOVER_SCHEMA]',
);
/** The ServiceNow SDIM starts managing Payroll: its Create (request 3) becomes a ticket. */
const SDIM_MANAGES_PAYROLL = changed(
  'managedSources: [HR Portal, Facilities]',
  'managedSources: [HR Portal, Facilities, Payroll]',
);
/** Active Directory is aggregated once a day instead of three times: requests 1 and 2 are verified later. */
const SCHEDULE_CHANGED = changed("schedule: '0 0 5,13,21 * * ?'", "schedule: '0 0 5 * * ?'");

const ARGS = ['--at', '2026-11-30T08:00:00Z', '--runs', '200', '--seed', '1'];
const PLAN_PATH = 'plans/jane-joins-finance.plan.yaml';

interface JsonDiff {
  base: string;
  head: string;
  plans: {
    file: string;
    requests: {
      index: number;
      part: string | null;
      routeChanged: boolean;
      base: { channel: string; target: string | null };
      head: { channel: string; target: string | null };
      milestones: {
        milestone: string;
        quantile: string;
        baseMinutes: number | null;
        headMinutes: number | null;
      }[];
      diagnostics: { change: string; code: string }[];
      tripped: string[];
      position: { line: number; character: number };
    }[];
  }[];
  gates: { gate: string; trips: string[] }[];
  summary: { plans: number; requests: number; changed: number; routeChanges: number };
}

/** One line per changed request: number, part, route change and the gates it trips. */
function shape(report: JsonDiff): string[] {
  return report.plans.flatMap((plan) =>
    plan.requests.map(
      (r) =>
        `#${r.index + 1}${r.part ? ` ${r.part}` : ''} line ${r.position.line + 1}: ${r.base.channel} → ${r.head.channel}${r.routeChanged ? ' (route)' : ''} [${r.tripped.join(', ')}]`,
    ),
  );
}

const GATES = ['--fail-on', 'channel-change', '--fail-on', 'slower:25%', '--fail-on', 'sla:verified<=12h'];

suite('cli: diff', function () {
  this.timeout(60_000);
  let folder: TempFolder;
  setup(() => {
    folder = new TempFolder({
      'tenant/acme.sources.yaml': CATALOG,
      [PLAN_PATH]: PLAN,
      'removed/acme.sources.yaml': FEATURE_REMOVED,
      'sdim/acme.sources.yaml': SDIM_MANAGES_PAYROLL,
      'schedule/acme.sources.yaml': SCHEDULE_CHANGED,
    });
  });
  teardown(() => folder.remove());

  function diff(head: string, ...more: string[]): { code: number; report: JsonDiff; stderr: string } {
    const run = folder.run(
      'diff',
      '--base',
      'tenant',
      '--head',
      head,
      PLAN_PATH,
      ...ARGS,
      ...more,
      '--format',
      'json',
    );
    return { code: run.code, report: JSON.parse(run.stdout) as JsonDiff, stderr: run.stderr };
  }

  test('a removed feature: the request goes to a person, the channel-change and slower gates trip', () => {
    const { code, report, stderr } = diff('removed', ...GATES);
    assert.deepEqual(shape(report), [
      '#5 line 111: connector → manual (route) [channel-change, slower:25%]',
      '#5 permissionRequests line 111: manual → manual [slower:25%]',
    ]);
    const own = report.plans[0]!.requests[0]!;
    assert.deepEqual(own.head, { channel: 'manual', target: 'fileshare.admin' });
    assert.deepEqual(
      own.diagnostics.map((d) => `${d.change} ${d.code}`),
      ['new routed-to-manual', 'new channel-mismatch', 'vanished permissions-to-work-item'],
    );
    assert.deepEqual(
      report.gates.map((g) => `${g.gate}: ${g.trips.length}`),
      ['channel-change: 1', 'slower:25%: 2', 'sla:verified<=12h: 0'],
    );
    assert.equal(code, 1);
    assert.match(
      stderr,
      /--fail-on channel-change: plans\/jane-joins-finance\.plan\.yaml #5 Finance File Share Modify: channel connector → manual/,
    );
  });

  test('an SDIM that starts managing a source: the request becomes a ticket, only channel-change trips', () => {
    const { code, report } = diff('sdim', ...GATES);
    assert.deepEqual(shape(report), ['#3 line 74: manual → ticketing (route) [channel-change]']);
    assert.deepEqual(report.plans[0]!.requests[0]!.head, { channel: 'ticketing', target: 'ServiceNow SDIM' });
    assert.deepEqual(report.summary, { plans: 1, requests: 5, changed: 1, routeChanges: 1 });
    assert.equal(code, 1);
  });

  test('a changed schedule: the same channels, later verification; the SLA gate names what it saw', () => {
    const { code, report, stderr } = diff('schedule', ...GATES);
    assert.deepEqual(shape(report), [
      '#1 line 29: connector → connector [slower:25%, sla:verified<=12h]',
      '#2 line 57: connector → connector [slower:25%, sla:verified<=12h]',
    ]);
    assert.deepEqual(
      report.plans[0]!.requests[0]!.milestones.map((m) => `${m.milestone} ${m.quantile}`),
      ['verified p50', 'verified p90'],
    );
    assert.equal(code, 1);
    assert.match(
      stderr,
      /--fail-on sla:verified<=12h: .* #1 Active Directory Create: verified p90 4\.4 h → 20 h \(limit 12 h\)/,
    );
    // A level the change still meets does not trip.
    assert.equal(diff('schedule', '--fail-on', 'sla:verified<=24h', '--fail-on', 'channel-change').code, 0);
  });

  test('the same catalogs on both sides: nothing differs, exit 0', () => {
    const run = folder.run('diff', '--base', 'tenant', PLAN_PATH, ...ARGS, '--fail-on', 'channel-change');
    assert.equal(run.code, 0);
    assert.match(run.stdout, /No request is fulfilled differently\./);
    assert.match(run.stdout, /1 plan, 5 requests compared: 0 fulfilled differently/);
  });

  test('a file set that stands in for no catalog is named on stderr', () => {
    folder.write('other/globex.sources.yaml', CATALOG);
    const run = folder.run('diff', '--base', 'other', PLAN_PATH, ...ARGS);
    assert.equal(run.code, 0);
    assert.match(
      run.stderr,
      /--base other: globex\.sources\.yaml stands in for no catalog of the compared plans/,
    );
  });

  test('text, Markdown and SARIF say the same thing', () => {
    const text = folder.run(
      'diff',
      '--base',
      'tenant',
      '--head',
      'sdim',
      PLAN_PATH,
      ...ARGS,
      '--fail-on',
      'channel-change',
    );
    assert.match(
      text.stdout,
      /#3 Payroll Create \(line 74\) {2}\[trips channel-change\]\n {5}now ticketing → ServiceNow SDIM \(was manual → payroll\.admin\)/,
    );
    assert.match(text.stdout, /--fail-on channel-change: tripped by 1 request\n$/);
    const markdown = folder.run(
      'diff',
      '--base',
      'tenant',
      '--head',
      'sdim',
      PLAN_PATH,
      ...ARGS,
      '--fail-on',
      'channel-change',
      '--format',
      'markdown',
    );
    assert.match(markdown.stdout, /^### isc-plan diff: 1 request fulfilled differently/);
    assert.match(markdown.stdout, /\*\*Gates:\*\* ❌ `channel-change` \(1\)/);
    assert.match(
      markdown.stdout,
      /\| ❌ \| \\#3 Payroll Create \| `plans\/jane-joins-finance\.plan\.yaml:74` \| now ticketing → ServiceNow SDIM \(was manual → payroll\.admin\) \|/,
    );
    assert.match(markdown.stdout, /<details><summary>Every difference<\/summary>[\s\S]*<\/details>/);
    const sarif = folder.run(
      'diff',
      '--base',
      'tenant',
      '--head',
      'sdim',
      PLAN_PATH,
      ...ARGS,
      '--fail-on',
      'channel-change',
      '--format',
      'sarif',
    );
    const results = (
      JSON.parse(sarif.stdout) as {
        runs: {
          results: {
            ruleId: string;
            level: string;
            locations: {
              physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
            }[];
          }[];
        }[];
      }
    ).runs[0]!.results;
    assert.deepEqual(
      results.map(
        (r) =>
          `${r.ruleId} ${r.level} ${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine}`,
      ),
      ['diff-route error plans/jane-joins-finance.plan.yaml:74'],
    );
    assert.equal(sarif.code, 1);
  });

  test('--base REV reads the catalogs at a git revision and leaves the working tree as it is', function () {
    const git = (...args: string[]): string =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], {
        cwd: folder.root,
        encoding: 'utf8',
      });
    try {
      git('init', '-q');
    } catch {
      this.skip();
    }
    git('add', 'tenant', 'plans');
    git('commit', '-q', '-m', 'tenant as it is');
    folder.write('tenant/acme.sources.yaml', SDIM_MANAGES_PAYROLL);
    const before = git('status', '--porcelain');
    const run = folder.run('diff', '--base', 'HEAD', PLAN_PATH, ...ARGS, '--format', 'json');
    const report = JSON.parse(run.stdout) as JsonDiff;
    assert.match(report.base, /^HEAD \([0-9a-f]{12}\)$/);
    assert.equal(report.head, 'working tree');
    assert.deepEqual(shape(report), ['#3 line 74: manual → ticketing (route) []']);
    assert.equal(git('status', '--porcelain'), before);
    assert.equal(
      fs.readFileSync(path.join(folder.root, 'tenant/acme.sources.yaml'), 'utf8'),
      SDIM_MANAGES_PAYROLL,
    );
    // The other way round: the revision as HEAD.
    const reverse = JSON.parse(
      folder.run('diff', '--base', 'sdim', '--head', 'HEAD', PLAN_PATH, ...ARGS, '--format', 'json').stdout,
    ) as JsonDiff;
    assert.deepEqual(shape(reverse), ['#3 line 74: ticketing → manual (route) []']);
  });

  test('bad usage: exit 2 with one line naming the problem', () => {
    const cases: [string[], RegExp][] = [
      [['diff', PLAN_PATH], /diff needs --base/],
      [['diff', '--base', 'no-such-thing-or-rev', PLAN_PATH], /--base no-such-thing-or-rev: /],
      [
        ['diff', '--base', 'tenant', '--fail-on', 'faster'],
        /--fail-on must be channel-change, slower:PERCENT or sla:MILESTONE<=DURATION, not "faster"/,
      ],
      [['diff', '--base', 'tenant', '--fail-on', 'sla:verified<=soon'], /"soon" is not a duration/],
      [['diff', '--base', 'tenant', '--fail-on', 'sla:done<=1h'], /write sla:MILESTONE<=DURATION/],
      [['diff', '--base', 'tenant', '--threshold', 'lots'], /--threshold must be a percentage/],
      [['diff', '--base', 'tenant', '--format', 'html'], /--format must be text, json, sarif, markdown/],
      [['diff', '--base', 'tenant', '--scenario', 'outage:AD:1'], /diff does not take --scenario/],
      [['diff', '--base', 'tenant', '--at', '2026-11-30T09:00'], /--at needs a UTC offset for diff/],
      [['diff', '--base', 'tenant', '--runs', '1e9'], /--runs must be a whole number from 1 to 100,000/],
      [['predict', PLAN_PATH, '--base', 'tenant'], /predict does not take --base \(diff does\)/],
    ];
    for (const [argv, message] of cases) {
      const run = folder.run(...argv);
      assert.equal(run.code, 2, argv.join(' '));
      assert.match(run.stderr, message, argv.join(' '));
    }
  });
});
