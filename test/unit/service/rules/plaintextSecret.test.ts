import * as assert from 'node:assert/strict';
import * as path from 'path';
import { CATALOG, diagnose, rangeOf, ROOT, serviceFor, withCode } from '../../helpers';

const HEAD = 'kind: ProvisioningPlan\nidentity: { name: jane.doe }\naccountRequests:\n';

/** The shared catalog, with an attribute Active Directory's account schema marks secret. */
const SECRET_CATALOG = CATALOG.replace(
  '        - { name: password, type: string }\n',
  '        - { name: password, type: string }\n        - { name: recoveryPin, type: string, secret: true }\n',
);

function modify(attributes: string): string {
  return `${HEAD}  - source: Active Directory\n    operation: Modify\n    nativeIdentity: CN=Jane\n    attributeRequests:\n${attributes}`;
}

function secrets(text: string, catalog = SECRET_CATALOG): ReturnType<typeof diagnose> {
  return withCode(
    diagnose({ 'acme.sources.yaml': catalog, 'p.plan.yaml': text }, 'p.plan.yaml'),
    'plaintext-secret',
  );
}

suite('plaintext-secret (docs/rules.md#plaintext-secret)', () => {
  test('a literal password: a warning on the value node, the value never in the message, a fix to ********', () => {
    const text = modify('      - { name: password, operation: Set, value: "S3cret!Winter" }\n');
    const found = secrets(text);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.severity, 'warning');
    assert.deepEqual(found[0]!.range, rangeOf(text, '"S3cret!Winter"'));
    assert.doesNotMatch(found[0]!.message, /S3cret/);
    const service = serviceFor({ 'acme.sources.yaml': SECRET_CATALOG });
    const file = path.join(ROOT, 'p.plan.yaml');
    service.open(file, text);
    const fixes = service.findings(file).find((f) => f.code === 'plaintext-secret')?.fixes;
    assert.deepEqual(
      fixes?.map((f) => (f.kind === 'replace' ? [f.title, f.text] : f.kind)),
      [['Change to "********"', '********']],
    );
  });

  test('any case of "password", numbers and lists with one literal count; without a catalog too', () => {
    const text = modify(
      [
        '      - { name: Password, operation: Set, value: hunter2 }',
        '      - { name: PASSWORD, operation: Set, value: 12345678 }',
        "      - { name: password, operation: Add, value: ['********', Autumn-2026] }",
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      secrets(text).map((d) => d.range),
      [rangeOf(text, 'hunter2'), rangeOf(text, '12345678'), rangeOf(text, "['********', Autumn-2026]")],
    );
    assert.equal(withCode(diagnose({ 'p.plan.yaml': text }, 'p.plan.yaml'), 'plaintext-secret').length, 3);
  });

  const PLACEHOLDERS = [
    "''",
    "'   '",
    'null',
    "'{{password}}'",
    "'{{ new_password }}'",
    "'${PASSWORD}'",
    "'#{pw}'",
    "'<new password>'",
    "'%PASSWORD%'",
    "'********'",
    "'*'",
    "'••••••'",
    'xxxx',
    'XXXXXXXX',
    'CHANGE_ME',
    'change-me',
    'ChangeMe',
    'changeit',
    'placeholder',
    'REDACTED',
    'TODO',
    'tbd',
    'FIXME',
  ];
  for (const value of PLACEHOLDERS) {
    test(`an obvious placeholder is no finding: value: ${value}`, () => {
      assert.deepEqual(secrets(modify(`      - { name: password, operation: Set, value: ${value} }\n`)), []);
    });
  }

  test('no value at all (a Remove that clears the attribute) is no finding', () => {
    assert.deepEqual(secrets(modify('      - { name: password, operation: Remove }\n')), []);
  });

  test('a word that only looks like a placeholder inside a longer value is still a literal', () => {
    const text = modify('      - { name: password, operation: Set, value: changeme-2026 }\n');
    assert.deepEqual(
      secrets(text).map((d) => d.range),
      [rangeOf(text, 'changeme-2026')],
    );
  });

  test('an attribute the account schema marks secret: true fires, naming the source; others do not', () => {
    const text = modify(
      '      - { name: recoveryPin, operation: Set, value: "4711" }\n      - { name: department, operation: Set, value: "4711" }\n',
    );
    const found = secrets(text);
    assert.deepEqual(
      found.map((d) => d.range),
      [rangeOf(text, '"4711"')],
    );
    assert.match(
      found[0]!.message,
      /^A literal value is written for "recoveryPin", which Active Directory's account schema marks secret\./,
    );
    assert.deepEqual(
      secrets(text, CATALOG),
      [],
      'without secret: true, recoveryPin is an ordinary attribute',
    );
  });

  test('conflicting-attribute-requests quotes a secret attribute as ********, never as written', () => {
    const text = modify(
      '      - { name: password, operation: Set, value: First-Pass-1 }\n      - { name: password, operation: Set, value: Second-Pass-2 }\n      - { name: recoveryPin, operation: Add, value: "9090" }\n      - { name: recoveryPin, operation: Remove, value: "9090" }\n',
    );
    const found = withCode(
      diagnose({ 'acme.sources.yaml': SECRET_CATALOG, 'p.plan.yaml': text }, 'p.plan.yaml'),
      'conflicting-attribute-requests',
    );
    assert.deepEqual(
      found.map((d) => d.message),
      [
        '"password" is Set twice in this request to different values ("********" and "********"); only one can win. Keep one Set.',
        '"********" is both added to and removed from "recoveryPin" in this request; ISC cannot do both (the model\'s assumption: ISC documents no order for them). Keep one of them.',
      ],
    );
  });
});
