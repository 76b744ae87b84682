import * as assert from 'node:assert/strict';
import * as path from 'path';
import type { ImportResult } from '../../shared/import';
import { ImportRequest } from '../../shared/import';
import { importFile } from '../../server/src/service/import/importFile';
import { LspTestClient } from './lspClient';
import { makeWorkspace, removeWorkspace } from './workspace';
import { IMPORT_CATALOG, fixture } from '../unit/service/import/importHelpers';

/** `iscPlan/import` against the built server (dist/server.js), as the "Import from ISC…" command sends it. */
suite('lsp: iscPlan/import', () => {
  let client: LspTestClient;
  let root: string;

  suiteSetup(async () => {
    root = makeWorkspace({ 'tenant.sources.yaml': IMPORT_CATALOG });
    client = new LspTestClient();
    await client.initialize(root);
  });
  suiteTeardown(async () => {
    await client.shutdown();
    removeWorkspace(root);
  });

  test('returns the plan text, the suggested name and a summary checked against the catalogs beside the input', async () => {
    const fileName = path.join(root, 'exports', 'trigger-payloads.json');
    const result = await client.connection.sendRequest<ImportResult>(ImportRequest.method, {
      fileName,
      text: fixture('trigger-payloads.json'),
    });
    assert.deepEqual(result, {
      planText: importFile(fileName, fixture('trigger-payloads.json')).planText,
      suggestedName: 'trigger-payloads.plan.yaml',
      summary:
        '2 plans from 2 Provisioning Completed trigger payloads: 3 requests (2 connector, 1 ticketing), 0 errors, 0 warnings',
    } satisfies ImportResult);
  });

  test('an input it does not recognise gives the reason, not a failure', async () => {
    const result = await client.connection.sendRequest<ImportResult>(ImportRequest.method, {
      fileName: path.join(root, 'notes.json'),
      text: '{"hello":"world"}',
    });
    assert.deepEqual(result, {
      error:
        'expected an ISC account-activity search document, a Provisioning Completed trigger payload or an IdentityIQ ProvisioningPlan XML; found a JSON object with keys hello',
    });
    assert.ok(client.alive);
  });

  test('without an absolute path the summary only counts requests', async () => {
    const result = await client.connection.sendRequest<ImportResult>(ImportRequest.method, {
      fileName: 'activity.json',
      text: fixture('search-accountactivity.json'),
    });
    assert.ok('summary' in result);
    assert.equal(result.summary, 'a plan from an ISC account-activity search document: 1 request');
  });
});
