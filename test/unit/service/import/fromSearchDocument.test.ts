import * as assert from 'node:assert/strict';
import { importFile } from '../../../../server/src/service/import/importFile';
import { brief, fixture, validatePlan } from './importHelpers';

suite('import: ISC account-activity search documents', () => {
  test('the Search API example document (snippet): requests, recorded result, history in comments', () => {
    const { planText, suggestedName, kind, plans, requests } = importFile(
      'search-accountactivity.json',
      fixture('search-accountactivity.json'),
    );
    assert.equal(
      planText,
      `# Imported by isc-plan from an ISC account-activity search document (search-accountactivity.json).
# The "recorded" comments say what really happened; compare them with the prediction (isc-plan predict).
kind: ProvisioningPlan
name: Access Request for Amos.Cunningham
trackingId: 051d09b0bb5b453d91f658ba7f1e3171
identity: { name: Amos.Cunningham, id: ef1e2a36099447cb9448c68e1804dd9f }
requester: { name: Amos.Cunningham, id: ef1e2a36099447cb9448c68e1804dd9f }
# ISC account activity 6f76c3add1db4ba8bbe0d42aaceb7a07: action Access Request, stage Completed, status Complete, created 2025-01-02T21:45:59.795Z, modified 2025-01-02T21:47:16.903Z
# originalRequests (as requested, before ISC planned them):
#   {"result":{"status":"Manual Task Created"},"accountId":"CN=Amos Cunningham,OU=Sales,OU=AI,OU=Demo,DC=seri,DC=sailpointdemo,DC=com","op":"Modify","accountUuid":"{17413e85-1c08-4bb0-b658-9afdaad11d0a}","source":{"name":"Active Directory","id":"5c71ff71195b4794a0b87e7cf36fb017","type":"ADLDAPConnector"},"attributeRequests":[{"op":"Add","name":"memberOf","value":"CN=HelpDesk,OU=Groups,OU=Demo,DC=seri,DC=sailpointdemo,DC=com"}]}
# approvals:
#   {"owner":{"name":"tina.smith","id":"322c6bce405a495a8e841a014b7d8410","type":"Identity"},"result":"Finished","attributeRequest":{"op":"Add","name":"memberOf","value":["CN=HelpDesk,OU=Groups,OU=Demo,DC=seri,DC=sailpointdemo,DC=com"]},"accountUuid":"{17413e85-1c08-4bb0-b658-9afdaad11d0a}","modified":"2025-01-02T21:47:16.903Z","source":{"name":"Active Directory","id":"5c71ff71195b4794a0b87e7cf36fb017","type":"ADLDAPConnector"}}
# expansionItems: none
accountRequests:
  # ISC recorded: result.status committed, provisioningTarget Active Directory
  - source: Active Directory
    operation: Modify
    nativeIdentity: CN=Amos Cunningham,OU=Sales,OU=AI,OU=Demo,DC=seri,DC=sailpointdemo,DC=com
    attributeRequests:
      - name: memberOf
        operation: Add
        value: CN=HelpDesk,OU=Groups,OU=Demo,DC=seri,DC=sailpointdemo,DC=com
`,
    );
    assert.deepEqual(
      { suggestedName, kind, plans, requests },
      { suggestedName: 'search-accountactivity.plan.yaml', kind: 'search-document', plans: 1, requests: 1 },
    );
    assert.deepEqual(validatePlan(planText), []);
  });

  test('an array as the search API returns it: one plan per document, ISC casings, lists, Remove without value, quoting', () => {
    const { planText, plans, requests } = importFile('search-results.json', fixture('search-results.json'));
    assert.equal(
      planText,
      `# Imported by isc-plan from 2 ISC account-activity search documents (search-results.json).
# One plan per record: 2 plans.
# The "recorded" comments say what really happened; compare them with the prediction (isc-plan predict).
kind: ProvisioningPlan
name: Identity Refresh for Tom O'Brien
trackingId: 9f1c2e7a5b8d4c3e8a6f0b1d2c3e4f5a
identity: { name: Tom O'Brien, id: 2c9180835d2e5168015d32f890ca2222 }
requester: { name: hr.bot, id: 2c9180835d2e5168015d32f890ca3333 }
# ISC account activity 2c91808a7f3b4c5d9e0f1a2b3c4d5e6f: action Identity Refresh, stage Completed, status Complete, created 2026-03-02T08:15:00.000Z, modified 2026-03-02T08:16:10.000Z
# ISC recorded errors:
#   Payroll: the account file could not be locked
# originalRequests (as requested, before ISC planned them): none
# approvals: none
# expansionItems:
#   {"cause":"Role","state":"EXECUTING","name":"Finance AP"}
accountRequests:
  # ISC recorded: result.status failed, provisioningTarget Active Directory
  # ISC recorded error: [ConnectorError] [
  #   {
  #     "code": "constraint_violation",
  #     "message": "The group is protected"
  #   }
  # ] (requestId: 5e9d6df5-9b1b-47d9-9bf1-dc3a2893299e)
  - source: Active Directory
    operation: Modify
    nativeIdentity: CN=O'Brien\\, Tom,OU=Users,DC=acme,DC=example
    attributeRequests:
      - name: memberOf
        operation: Add
        value:
          - CN=FIN-AP,OU=Groups,DC=acme,DC=example
          - CN=VPN-Users,OU=Groups,DC=acme,DC=example
      - name: extensionAttribute5
        operation: Remove
      - name: description
        operation: Set
        value: 'Team: Accounts Payable # temp'
      - name: msExchHideFromAddressLists
        operation: Set
        value: 'true'
  # ISC recorded: result.status Manual Task Created
  - source: Payroll
    operation: Disable
    nativeIdentity: '100482'
---
kind: ProvisioningPlan
name: Access Request for jane.doe
identity: { name: jane.doe, id: 2c9180835d2e5168015d32f890ca1581 }
# ISC account activity 2c91808a7f3b4c5d9e0f1a2b3c4d7777: action Access Request, created 2026-03-03T10:00:00.000Z
accountRequests:
  # ISC recorded: result.status queued, ticketId RITM0012345, provisioningTarget ServiceNow SDIM
  - source: HR Portal
    operation: Create
    attributeRequests:
      - name: userId
        operation: Set
        value: jane.doe
      - name: portalRoles
        operation: Add
        value:
          - '*Approver'
          - '&Viewer'
          - 'yes'
`,
    );
    assert.deepEqual({ plans, requests }, { plans: 2, requests: 3 });
    // Payroll is a flat file: its Disable becomes a manual task, which the rule explains (information).
    assert.deepEqual(brief(validatePlan(planText)), ['information routed-to-manual @43']);
  });

  test('missing optional fields: no recipient, requester, tracking number, result or attribute requests', () => {
    const doc = {
      accountRequests: [
        {
          op: 'ENABLE',
          accountId: 'CN=Old Account,OU=Disabled,DC=acme,DC=example',
          source: { name: 'Active Directory' },
        },
      ],
    };
    const { planText } = importFile('minimal.json', JSON.stringify(doc));
    assert.equal(
      planText,
      `# Imported by isc-plan from an ISC account-activity search document (minimal.json).
kind: ProvisioningPlan
name: Account activity
accountRequests:
  - source: Active Directory
    operation: Enable
    nativeIdentity: CN=Old Account,OU=Disabled,DC=acme,DC=example
`,
    );
    assert.deepEqual(validatePlan(planText), []);
  });

  test('an account operation isc-plan does not know is kept as written, with a comment, and the schema flags it', () => {
    const doc = {
      trackingNumber: 'T-1',
      recipient: { name: 'jane.doe' },
      accountRequests: [
        {
          op: 'SetPassword',
          accountId: 'jane.doe',
          source: { id: '2c9180855d191c59015d291ceb051111' },
          attributeRequests: [{ op: 'Set', name: 'password', value: 42 }],
        },
      ],
    };
    const { planText } = importFile('odd.json', JSON.stringify(doc));
    assert.equal(
      planText,
      `# Imported by isc-plan from an ISC account-activity search document (odd.json).
kind: ProvisioningPlan
name: Account activity for jane.doe
trackingId: T-1
identity: { name: jane.doe }
accountRequests:
  # Account operation "SetPassword" is not one isc-plan knows (Create, Modify, Delete, Enable, Disable, Lock, Unlock): kept as written; correct it by hand.
  - source: 2c9180855d191c59015d291ceb051111
    operation: SetPassword
    nativeIdentity: jane.doe
    attributeRequests:
      - name: password
        operation: Set
        value: 42
`,
    );
    // The imported literal password is flagged like one written by hand.
    assert.deepEqual(
      validatePlan(planText).map((d) => d.code),
      ['schema', 'plaintext-secret'],
    );
  });
});
