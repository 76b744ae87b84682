import * as assert from 'node:assert/strict';
import {
  describeConversion,
  importFile,
  suggestedPlanName,
} from '../../../../server/src/service/import/importFile';
import { ImportError } from '../../../../server/src/service/import/importedPlan';
import { recognise } from '../../../../server/src/service/import/recognise';
import { fixture } from './importHelpers';

const EXPECTED =
  'expected an ISC account-activity search document, a Provisioning Completed trigger payload or an IdentityIQ ProvisioningPlan XML; found';

function refused(text: string, message: string): void {
  assert.throws(
    () => importFile('input.json', text),
    (error: unknown) => {
      assert.ok(error instanceof ImportError, String(error));
      assert.equal(error.message, message);
      return true;
    },
  );
}

suite('import: recognising the input by its shape', () => {
  test('the kind comes from the content, never from the file name', () => {
    assert.equal(importFile('activity.xml', fixture('provisioning-completed-trigger.json')).kind, 'trigger');
    assert.equal(importFile('payload.json', fixture('search-accountactivity.json')).kind, 'search-document');
    assert.equal(importFile('plan.txt', fixture('iiq-joiner.xml')).kind, 'iiq-xml');
    // A byte order mark and surrounding blank lines are fine.
    assert.equal(importFile('bom.json', `\uFEFF\n\n${fixture('trigger-payloads.json')}\n`).kind, 'trigger');
  });

  test('a search document is told from a trigger payload by its request keys when it has none of its own', () => {
    const search = {
      trackingNumber: 't',
      accountRequests: [{ op: 'Modify', accountId: 'a', source: { name: 'Active Directory' } }],
    };
    const trigger = {
      trackingNumber: 't',
      accountRequests: [{ accountOperation: 'Modify', accountId: 'a', source: { name: 'Active Directory' } }],
    };
    assert.equal(recognise(JSON.stringify(search)).kind, 'search-document');
    assert.equal(recognise(JSON.stringify(trigger)).kind, 'trigger');
  });

  test('suggested names and descriptions', () => {
    assert.equal(suggestedPlanName('/data/exports/activity-2026-03.json'), 'activity-2026-03.plan.yaml');
    assert.equal(suggestedPlanName('C:\\exports\\plan.xml'), 'plan.plan.yaml');
    assert.equal(suggestedPlanName('joiner.plan.json'), 'joiner.plan.yaml');
    assert.equal(suggestedPlanName('.json'), 'imported.plan.yaml');
    assert.equal(
      describeConversion(importFile('a.json', fixture('search-results.json'))),
      '2 plans from 2 ISC account-activity search documents',
    );
    assert.equal(
      describeConversion(importFile('a.xml', fixture('iiq-joiner.xml'))),
      'a plan from an IdentityIQ ProvisioningPlan XML',
    );
  });

  test('records without account requests are left out with a note; none at all is an error', () => {
    const empty = {
      trackingNumber: 'REQ-0',
      sources: 'Active Directory',
      recipient: { type: 'IDENTITY', id: '1', name: 'jane.doe' },
      accountRequests: [],
    };
    const payloads = JSON.parse(fixture('trigger-payloads.json')) as unknown[];
    const { planText, plans } = importFile('t.json', JSON.stringify([empty, payloads[1]]));
    assert.equal(plans, 1);
    assert.ok(
      planText.startsWith(
        '# Imported by isc-plan from 2 Provisioning Completed trigger payloads (t.json).\n# The "recorded" comments say what really happened; compare them with the prediction (isc-plan predict).\n# Record 1 (trackingNumber REQ-0) has no account requests and is left out.\nkind: ProvisioningPlan\nname: Provisioning for tom.obrien\n',
      ),
      planText,
    );
    assert.throws(
      () => importFile('t.json', JSON.stringify(empty)),
      new ImportError('the record has no account requests: there is nothing to plan'),
    );
  });

  test('anything else is refused, saying what was expected and what was found', () => {
    refused(
      JSON.stringify([
        {
          name: 'Active Directory',
          id: '2c91',
          type: 'Active Directory - Direct',
          features: ['PROVISIONING'],
        },
      ]),
      `${EXPECTED} a JSON array of 1 item, item 1 of which is a JSON object with keys name, id, type, features`,
    );
    refused(
      JSON.stringify({
        id: 'a1',
        name: 'x',
        created: 'c',
        modified: 'm',
        completed: 'd',
        completionStatus: 'SUCCESS',
        type: 'appRequest',
        requesterIdentitySummary: {},
        targetIdentitySummary: {},
        items: [],
      }),
      `${EXPECTED} a JSON object with keys id, name, created, modified, completed, completionStatus, type, requesterIdentitySummary, …`,
    );
    refused('[]', `${EXPECTED} an empty JSON array`);
    refused('"text"', `${EXPECTED} a JSON string`);
    refused('{}', `${EXPECTED} a JSON object with no keys`);
    refused('  \n', `${EXPECTED} an empty file`);
    refused(
      'kind: ProvisioningPlan\naccountRequests: []\n',
      `${EXPECTED} text that is neither JSON nor XML (Unexpected token 'k', "kind: Prov"... is not valid JSON)`,
    );
    refused(`${'['.repeat(300)}${']'.repeat(300)}`, `${EXPECTED} JSON nested more than 200 levels deep`);
    const search = JSON.parse(fixture('search-accountactivity.json')) as unknown;
    const trigger = JSON.parse(fixture('provisioning-completed-trigger.json')) as unknown;
    refused(
      JSON.stringify([search, trigger]),
      'the array mixes record kinds: item 1 is an ISC account-activity search document, item 2 a Provisioning Completed trigger payload; import them from separate files',
    );
  });
});
