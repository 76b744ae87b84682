import * as assert from 'node:assert/strict';
import { CATALOG } from '../helpers';
import { TempFolder } from './cliHelpers';

/** Values no output may print: a password and the value of an attribute the schema marks secret. */
const PASSWORD = 'Winter-Kennwort-7731';
const PIN = 'pin-55012';
const LITERALS = new RegExp(`${PASSWORD}|${PIN}|Other-Kennwort`);

const SECRET_CATALOG = CATALOG.replace(
  '        - { name: password, type: string }\n',
  '        - { name: password, type: string }\n        - { name: recoveryPin, type: string, secret: true }\n',
);

const PLAN = `kind: ProvisioningPlan
name: Jane resets her password
identity: { name: jane.doe }
catalog: acme.sources.yaml
accountRequests:
  - source: Active Directory
    operation: Modify
    nativeIdentity: CN=Jane
    attributeRequests:
      - { name: password, operation: Set, value: ${PASSWORD} }
      - { name: password, operation: Set, value: Other-Kennwort }
      - { name: recoveryPin, operation: Set, value: ${PIN} }
      - { name: department, operation: Set, value: Finance }
`;

suite('cli: secret values are printed as ******** in every output (docs/rules.md#plaintext-secret)', () => {
  let folder: TempFolder;
  suiteSetup(() => {
    folder = new TempFolder({ 'acme.sources.yaml': SECRET_CATALOG, 'p.plan.yaml': PLAN });
  });
  suiteTeardown(() => folder.remove());

  for (const format of ['text', 'json', 'sarif']) {
    test(`validate --format ${format}: the findings name no secret; conflicting values are quoted masked`, () => {
      const run = folder.run('validate', 'p.plan.yaml', '--format', format);
      const out = run.stdout + run.stderr;
      assert.match(out, /plaintext-secret/);
      assert.match(out, /different values \(\\?"\*{8}\\?" and \\?"\*{8}\\?"\)/);
      assert.doesNotMatch(out, LITERALS);
    });
  }

  for (const format of ['text', 'json', 'markdown']) {
    test(`predict --format ${format} prints no secret`, () => {
      const run = folder.run('predict', 'p.plan.yaml', '--runs', '20', '--format', format);
      assert.equal(run.code, 0, run.stderr);
      assert.ok(run.stdout.length > 200, 'a report was printed');
      assert.doesNotMatch(run.stdout + run.stderr, LITERALS);
    });
  }

  for (const format of ['text', 'json', 'markdown', 'trigger']) {
    test(`simulate --format ${format} prints no secret`, () => {
      const run = folder.run('simulate', 'p.plan.yaml', '--runs', '20', '--format', format);
      assert.equal(run.code, 0, run.stderr);
      assert.ok(run.stdout.length > 200, 'a report was printed');
      assert.doesNotMatch(run.stdout + run.stderr, LITERALS);
    });
  }

  for (const format of ['json', 'trigger']) {
    test(`simulate --format ${format}: the trigger payload's attributeValue of a secret is ********`, () => {
      const run = folder.run('simulate', 'p.plan.yaml', '--runs', '20', '--format', format);
      const parsed = JSON.parse(run.stdout) as unknown;
      const payload =
        format === 'json'
          ? (parsed as { plans: { trigger: { payload: unknown } }[] }).plans[0]!.trigger.payload
          : parsed;
      const requests = (payload as { accountRequests: { attributeRequests?: unknown[] }[] }).accountRequests;
      assert.deepEqual(requests[0]!.attributeRequests, [
        { attributeName: 'password', attributeValue: '********', operation: 'Set' },
        { attributeName: 'password', attributeValue: '********', operation: 'Set' },
        { attributeName: 'recoveryPin', attributeValue: '********', operation: 'Set' },
        { attributeName: 'department', attributeValue: 'Finance', operation: 'Set' },
      ]);
    });
  }
});
