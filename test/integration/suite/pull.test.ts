import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { StandInTenant } from '../../harness/standInTenant';
import { startStandInTenant } from '../../harness/standInTenant';
import { workspaceRoot } from './helpers';

suite('extension host: ISC Plan: Pull Catalog from Tenant…', function () {
  this.timeout(120_000);
  let tenant: StandInTenant;

  suiteSetup(async () => {
    tenant = await startStandInTenant({ activityCount: 300 });
    const config = vscode.workspace.getConfiguration('iscPlan');
    await config.update('tenant.baseUrl', tenant.url, vscode.ConfigurationTarget.Workspace);
    await config.update('tenant.clientId', tenant.clientId, vscode.ConfigurationTarget.Workspace);
    // As in CI: the secret from the environment, so that no input box waits for a person.
    process.env['SAIL_CLIENT_SECRET'] = tenant.clientSecret;
  });
  suiteTeardown(async () => {
    delete process.env['SAIL_CLIENT_SECRET'];
    const config = vscode.workspace.getConfiguration('iscPlan');
    await config.update('tenant.baseUrl', undefined, vscode.ConfigurationTarget.Workspace);
    await config.update('tenant.clientId', undefined, vscode.ConfigurationTarget.Workspace);
    fs.rmSync(path.join(workspaceRoot(), 'isc-tenant'), { recursive: true, force: true });
    await tenant.close();
  });

  test('pulls the stand-in tenant into isc-tenant/ at the workspace root, through GETs and the token request', async () => {
    const code = await vscode.commands.executeCommand<number | undefined>('iscPlan.pullCatalog', {
      activities: '3650d',
    });
    assert.equal(code, 0);
    const folder = path.join(workspaceRoot(), 'isc-tenant');
    const read = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(folder, name), 'utf8'));
    assert.equal((read('sources.json') as unknown[]).length, 36);
    assert.equal((read('account-activities.json') as unknown[]).length, 300);
    assert.deepEqual(fs.readdirSync(folder).sort(), [
      'account-activities.json',
      'account-schemas.json',
      'aggregation-schedules.json',
      'manifest.json',
      'service-desk-integrations.json',
      'sources.json',
      'status-check-configuration.json',
    ]);
    const written = fs
      .readdirSync(folder)
      .map((name) => fs.readFileSync(path.join(folder, name), 'utf8'))
      .join('\n');
    for (const secret of [...tenant.data.secrets, tenant.clientSecret]) assert.ok(!written.includes(secret));
    assert.deepEqual([...new Set(tenant.requests.map((r) => r.method))].sort(), ['GET', 'POST']);
    assert.deepEqual(
      [...new Set(tenant.requests.filter((r) => r.method === 'POST').map((r) => r.path))],
      ['/oauth/token'],
    );
  });
});
