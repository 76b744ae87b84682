import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { IscPlanApi } from '../../../client/src/extension';
import { workspaceRoot, waitFor } from './helpers';

function api(): IscPlanApi {
  const extension = vscode.extensions.getExtension<IscPlanApi>('isc-plan.isc-plan');
  assert.ok(extension?.isActive, 'the extension is active');
  return extension.exports;
}

suite('extension host: Compare with Git HEAD', () => {
  // The comparison opens a panel; the suites after this one expect the dry-run view to be the one in front.
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('on a catalog changed since HEAD, the view shows what the change does to the plan that uses it', async () => {
    const folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'isc-plan-compare-')));
    const samples = workspaceRoot(); // a copy of samples/
    const catalog = fs.readFileSync(path.join(samples, 'tenant', 'acme.sources.yaml'), 'utf8');
    const plan = fs
      .readFileSync(path.join(samples, 'plans', 'jane-joins-finance.plan.yaml'), 'utf8')
      .replace('catalog: ../tenant/acme.sources.yaml', 'catalog: acme.sources.yaml');
    fs.writeFileSync(path.join(folder, 'acme.sources.yaml'), catalog);
    fs.writeFileSync(path.join(folder, 'jane.plan.yaml'), plan);
    const git = (...args: string[]): void => {
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: folder });
    };
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'tenant');
    const changed = catalog.replace(
      'managedSources: [HR Portal, Facilities]',
      'managedSources: [HR Portal, Facilities, Payroll]',
    );
    assert.notEqual(changed, catalog);
    fs.writeFileSync(path.join(folder, 'acme.sources.yaml'), changed);

    await vscode.window.showTextDocument(vscode.Uri.file(path.join(folder, 'jane.plan.yaml')));
    const catalogUri = vscode.Uri.file(path.join(folder, 'acme.sources.yaml'));
    await vscode.window.showTextDocument(catalogUri);
    await vscode.commands.executeCommand('iscPlan.compareWithHead');
    const report = await waitFor(() => api().comparison(catalogUri), 'the comparison');
    assert.match(report.base, /^HEAD \([0-9a-f]+\)$/);
    assert.deepEqual(
      report.plans.flatMap((p) =>
        p.requests.map((r) => `#${r.index + 1} ${r.base.channel} → ${r.head.channel}`),
      ),
      ['#3 manual → ticketing'],
    );
    fs.rmSync(folder, { recursive: true, force: true });
  });
});
