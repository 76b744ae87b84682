import * as assert from 'node:assert/strict';
import { importFile } from '../../../../server/src/service/import/importFile';
import { ImportError } from '../../../../server/src/service/import/importedPlan';
import { brief, fixture, validatePlan } from './importHelpers';

const TARGETS = `# IdentityIQ ProvisioningTargets (the accounts chosen for role assignments):
#   ProvisioningTarget assignmentId="b92d53be96e94b47bded399345236eb9" role="Benefits Clerk"
#     AccountSelection applicationId="c0a8019c81001480818100953c6c0362" applicationName="Active_Directory" roleName="Benefits Clerk - IT" selection="237"
#       AccountInfo displayName="AdamKennedy" nativeIdentity="237"
#   ProvisioningTarget assignmentId="e4ed87c2ad1f4f2cb13b35937ab1e78a" role="Benefits Manager"
#     AccountSelection applicationId="c0a8019c81001480818100953c6c0362" applicationName="Active_Directory" roleName="Benefits Clerk - IT" selection="237"
#       AccountInfo displayName="AdamKennedy" nativeIdentity="237"
#     AccountSelection applicationId="c0a8019c81001480818100953c6c0362" applicationName="Active_Directory" roleName="Benefits Manager - IT" selection="237"
#       AccountInfo displayName="AdamKennedy" nativeIdentity="237"
#   ProvisioningTarget assignmentId="ce66fb154b1e428eb72cd11a66a15164" retain="true" role="Payroll Analyst"
#     AccountSelection applicationId="c0a8019c81001480818100953c6c0362" applicationName="Active_Directory" roleName="Payroll General Access - IT" selection="237"
#       AccountInfo displayName="AdamKennedy" nativeIdentity="237"
#     AccountSelection applicationId="c0a8019c81001480818100953e3e0373" applicationName="Composite_ERP_Global_Platform" selection="237"
#       AccountInfo displayName="AdamKennedy" nativeIdentity="237"
`;

function snippetPlan(identityLine: string, nativeIdentity: string): string {
  const request = (
    id: string,
    role: string,
    assignment: string,
  ): string => `  # Application IIQ is IdentityIQ itself: this request changes the identity (its roles or attributes), not an account on a target system.
  # IdentityIQ attributes: attachmentConfigList (empty), attachments (empty), flow=AccessRequest, id=${id}, interface=LCM, operation=RoleAdd
  - source: IIQ
    operation: Modify
${nativeIdentity}    attributeRequests:
      # assignmentId=${assignment}
      - name: assignedRoles
        operation: Add
        value: ${role}
`;
  return `# Imported by isc-plan from an IdentityIQ ProvisioningPlan XML (iiq-provisioningplan.xml).
kind: ProvisioningPlan
${identityLine}requester: { name: spadmin }
# IdentityIQ plan attributes: identityRequestId=0000000001, requester=spadmin, source=LCM
${TARGETS}accountRequests:
${request('c0a8019c8100148081810095445a0437', 'Benefits Clerk', 'b92d53be96e94b47bded399345236eb9')}${request('c0a8019c810014808181009544650438', 'Benefits Manager', 'e4ed87c2ad1f4f2cb13b35937ab1e78a')}`;
}

suite('import: IdentityIQ ProvisioningPlan XML', () => {
  test('the IdentityIQ API example (snippet): plan attributes and ProvisioningTargets become comments', () => {
    const { planText, kind } = importFile('iiq-provisioningplan.xml', fixture('iiq-provisioningplan.xml'));
    assert.equal(planText, snippetPlan('name: IdentityIQ request 0000000001\n', ''));
    assert.equal(kind, 'iiq-xml');
    // The excerpt names no identity, and its requests on IIQ carry no nativeIdentity: the plan says what is missing.
    assert.deepEqual(brief(validatePlan(planText)), [
      'error missing-native-identity @24',
      'error missing-native-identity @33',
    ]);
  });

  test('the same plan naming its identity (nativeIdentity on the plan): requests on IIQ are for that identity', () => {
    const xml = fixture('iiq-provisioningplan.xml').replace(
      '<ProvisioningPlan>',
      '<ProvisioningPlan nativeIdentity="Adam.Kennedy">',
    );
    const { planText } = importFile('iiq-provisioningplan.xml', xml);
    assert.equal(
      planText,
      snippetPlan(
        'name: IdentityIQ request 0000000001 for Adam.Kennedy\nidentity: { name: Adam.Kennedy }\n',
        '    nativeIdentity: Adam.Kennedy\n',
      ),
    );
    assert.deepEqual(validatePlan(planText), []);
  });

  test('a joiner plan: nested value lists, entities, lowercase op, Retain/Revoke, permission rights, recorded result', () => {
    const { planText } = importFile('iiq-joiner.xml', fixture('iiq-joiner.xml'));
    assert.equal(
      planText,
      `# Imported by isc-plan from an IdentityIQ ProvisioningPlan XML (iiq-joiner.xml).
# The "recorded" comments say what really happened; compare them with the prediction (isc-plan predict).
kind: ProvisioningPlan
name: IdentityIQ request 0000000042 for Adam.Kennedy
trackingId: 7f3a9c1e2b4d4e5f8a6b0c1d2e3f4a5b
identity: { name: Adam.Kennedy }
requester: { name: spadmin }
# IdentityIQ plan attributes: identityRequestId=0000000042, requester=spadmin, source=LCM
accountRequests:
  - source: Active Directory
    operation: Create
    nativeIdentity: CN=Adam Kennedy,OU=Users,DC=acme,DC=example
    attributeRequests:
      - name: sAMAccountName
        operation: Set
        value: adam.kennedy
      - name: description
        operation: Set
        value: 'R&D: lab #3'
      - name: memberOf
        operation: Add
        value:
          - CN=R&D,OU=Groups,DC=acme,DC=example
          - CN=VPN-Users,OU=Groups,DC=acme,DC=example
  # IdentityIQ recorded: ProvisioningResult committed
  - source: Finance File Share
    operation: Modify
    nativeIdentity: ACME\\adam.kennedy
    attributeRequests:
      # IdentityIQ op Retain (keep the value although an assignment no longer needs it): imported as Add, which makes sure the value is there.
      # assignmentId=a1b2c3
      - name: shareGroups
        operation: Add
        value: FIN-RO
      # IdentityIQ op Revoke (remove, and keep it from being added again): imported as Remove, the closest ISC operation.
      - name: shareGroups
        operation: Remove
        value: FIN-RW
    permissionRequests:
      - target: \\\\files01\\finance\\AP
        rights: [Read, Write]
        operation: Add
      - target: \\\\files01\\finance\\Reports
        rights: [Read]
        operation: Remove
`,
    );
    // NO_PERMISSIONS_PROVISIONING splits the permission requests off into a work item (information).
    assert.deepEqual(brief(validatePlan(planText)), ['information permissions-to-work-item @39']);
  });

  test('entities: only the XML built-ins are decoded; a DOCTYPE entity is never expanded', () => {
    const xml = `<?xml version="1.0"?>
<!DOCTYPE ProvisioningPlan [<!ENTITY boom "BOOM"><!ENTITY x "&boom;&boom;&boom;">]>
<ProvisioningPlan nativeIdentity="a&#233;&#x20AC;">
  <AccountRequest application="Active Directory" op="Modify" nativeIdentity="&boom;&x;">
    <AttributeRequest name="description" op="Set"><Value><String><![CDATA[<b> &amp; stays]]></String></Value></AttributeRequest>
  </AccountRequest>
</ProvisioningPlan>`;
    const { planText } = importFile('entities.xml', xml);
    assert.match(planText, /^identity: \{ name: aé€ \}$/m);
    assert.match(planText, /^ {4}nativeIdentity: '&boom;&x;'$/m);
    assert.match(planText, /^ {8}value: <b> &amp; stays$/m);
    const external =
      '<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><ProvisioningPlan><AccountRequest application="a" op="Create"/></ProvisioningPlan>';
    assert.throws(
      () => importFile('external.xml', external),
      new ImportError('the XML could not be read: External entities are not supported'),
    );
  });

  test('malformed XML and XML that is not a ProvisioningPlan are refused with a reason', () => {
    assert.throws(
      () => importFile('bad.xml', '<ProvisioningPlan><AccountRequest></ProvisioningPlan>'),
      (e: unknown) =>
        e instanceof ImportError &&
        /^the XML is not well-formed: Expected closing tag 'AccountRequest'/.test(e.message),
    );
    assert.throws(
      () => importFile('other.xml', '<Identity name="x"/>'),
      new ImportError(
        'expected an ISC account-activity search document, a Provisioning Completed trigger payload or an IdentityIQ ProvisioningPlan XML; found an XML document whose root element is <Identity>',
      ),
    );
    assert.throws(
      () => importFile('empty.xml', '<ProvisioningPlan trackingId="1"/>'),
      new ImportError('the ProvisioningPlan has no AccountRequest: there is nothing to plan'),
    );
    const deep = `<ProvisioningPlan><AccountRequest application="a" op="Modify">${'<x>'.repeat(500)}${'</x>'.repeat(500)}</AccountRequest></ProvisioningPlan>`;
    assert.throws(
      () => importFile('deep.xml', deep),
      (e: unknown) => e instanceof ImportError && /could not be read/.test(e.message),
    );
  });
});

suite('import: large inputs (docs/formats.md#limits)', () => {
  const request = (i: number): string =>
    `<AccountRequest application="AD" op="Modify" nativeIdentity="u${i}"><AttributeRequest name="memberOf" op="Add" value="CN=A"/></AccountRequest>`;
  const plan = (body: string): string =>
    `<?xml version="1.0"?>\n<ProvisioningPlan>${body}</ProvisioningPlan>\n`;

  test('more account requests than the limit: an ImportError naming the limit', () => {
    const xml = plan(Array.from({ length: 10_001 }, (_, i) => request(i)).join('\n'));
    assert.throws(
      () => importFile('big.xml', xml),
      (error: Error) =>
        error instanceof ImportError &&
        error.message ===
          'holds 10,001 account requests; isc-plan imports at most 10,000 from one file (docs/formats.md#limits): split the input.',
    );
  });

  test("20,000 unclosed tags: one short line naming how many and which, not the validator's list", () => {
    const xml = `<?xml version="1.0"?>\n<ProvisioningPlan>${'<AccountRequest application="AD">'.repeat(20_000)}\n`;
    assert.throws(
      () => importFile('unclosed.xml', xml),
      (error: Error) =>
        error instanceof ImportError &&
        error.message ===
          'the XML is not well-formed: 20,001 tags are not closed, from <ProvisioningPlan> to <AccountRequest> (line 1, column 1)',
    );
  });

  test('an element with 150,000 children is outlined in comments without overflowing the stack', () => {
    const xml = plan(
      `<AccountRequest application="AD" op="Modify" nativeIdentity="u"><Junk>${'<x a="1"/>'.repeat(150_000)}</Junk></AccountRequest>`,
    );
    const conversion = importFile('wide.xml', xml);
    assert.equal(conversion.requests, 1);
    assert.equal(conversion.planText.split('\n').filter((line) => line.includes('x a="1"')).length, 150_000);
  });
});
