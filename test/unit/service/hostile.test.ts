import * as assert from 'node:assert/strict';
import * as path from 'path';
import { CATALOG, ROOT, crlf, diagnose, rangeOf, serviceFor, toDiagnostics } from '../helpers';
import { hostileInputs } from './hostileInputs';

const VALID = `kind: ProvisioningPlan
name: Zoë 😀 joins Finance
identity: { name: zoe.mueller }
accountRequests:
  - { source: Active Directory, operation: Modify, nativeIdentity: CN=Zoë 😀 Müller, attributeRequests: [{ name: memberOf, operation: Add, value: CN=Finance }] }
`;

suite('hostile inputs (docs/rules.md#document-limit): a clear diagnostic, nothing thrown', () => {
  for (const input of hostileInputs()) {
    test(`${input.name}: ${input.code} at the expected place, and only that`, () => {
      const found = diagnose({ 'acme.sources.yaml': CATALOG, [input.file]: input.text }, input.file);
      const expected = toDiagnostics(input.text, [
        { code: input.code, severity: 'error', message: '', start: input.start, end: input.end },
      ])[0]!;
      assert.deepEqual(
        found.map((d) => [d.code, d.severity, d.range]),
        [[input.code, 'error', expected.range]],
      );
      assert.match(found[0]!.message, input.message);
    });
  }

  test('the service goes on: after every hostile file, a valid plan in the same service is clean', () => {
    const service = serviceFor({ 'acme.sources.yaml': CATALOG });
    for (const input of hostileInputs()) {
      const file = path.join(ROOT, input.file);
      service.open(file, input.text);
      assert.equal(service.findings(file).length, 1, input.name);
    }
    for (const text of [VALID, crlf(VALID)]) {
      const file = path.join(ROOT, 'valid.plan.yaml');
      service.open(file, text);
      assert.deepEqual(service.findings(file), []);
    }
  });

  test('a catalog beyond a limit does not break the plans beside it: they are checked against the others', () => {
    const plan = VALID.replace('Active Directory', 'Active Directroy');
    const deepJson = `/**/${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    const deepYaml = `kind: SourceCatalog\nsources: !t ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    const alone = diagnose({ 'acme.sources.yaml': CATALOG, 'p.plan.yaml': plan }, 'p.plan.yaml');
    assert.deepEqual(
      alone.map((d) => d.code),
      ['unknown-source'],
    );
    const files = {
      'acme.sources.yaml': CATALOG,
      'deep.sources.json': deepJson,
      'tagged.sources.yaml': deepYaml,
      'p.plan.yaml': plan,
    };
    assert.deepEqual(diagnose(files, 'p.plan.yaml'), alone);
    assert.deepEqual(
      diagnose(files, 'deep.sources.json').map((d) => d.code),
      ['document-limit'],
    );
  });

  test('a hostile document stops only itself: the next document of the file is checked', () => {
    const text = `kind: ProvisioningPlan\nidentity: { name: a }\nx: &a [1, *a]\naccountRequests: [{ source: Active Directory, operation: Create }]\n---\n${VALID.replace('Active Directory', 'Active Directroy')}`;
    const found = diagnose({ 'acme.sources.yaml': CATALOG, 'two.plan.yaml': text }, 'two.plan.yaml');
    assert.deepEqual(
      found.map((d) => [d.code, d.range]),
      [
        ['document-limit', rangeOf(text, '*a')],
        ['unknown-source', rangeOf(text, 'Active Directroy')],
      ],
    );
  });

  test('an emoji and CRLF in a valid plan give no finding, in YAML and JSON', () => {
    const json =
      '{\r\n  "kind": "ProvisioningPlan",\r\n  "identity": { "name": "Zoë 😀" },\r\n  "accountRequests": [{ "source": "Active Directory", "operation": "Create" }]\r\n}\r\n';
    assert.deepEqual(
      diagnose({ 'acme.sources.yaml': CATALOG, 'e.plan.yaml': crlf(VALID) }, 'e.plan.yaml'),
      [],
    );
    assert.deepEqual(diagnose({ 'acme.sources.yaml': CATALOG, 'e.plan.json': json }, 'e.plan.json'), []);
  });

  test('a YAML syntax error is clipped to its line, before the CR of a CRLF line ending', () => {
    // An unclosed quote runs to the end of the document; the finding stops at the end of its line.
    for (const [text, quoted] of [
      [
        'kind: ProvisioningPlan\nname: "Jane joins\nidentity: { name: x }\naccountRequests: []\n',
        '"Jane joins',
      ],
      [
        "kind: ProvisioningPlan\naccountRequests:\n  - source: 'Active Directory\n    operation: Create\n",
        "'Active Directory",
      ],
    ] as const) {
      for (const variant of [text, crlf(text)]) {
        const service = serviceFor({ 'acme.sources.yaml': CATALOG });
        const file = path.join(ROOT, 'c.plan.yaml');
        service.open(file, variant);
        const start = variant.indexOf(quoted);
        assert.deepEqual(
          service
            .findings(file)
            .filter((f) => f.code === 'yaml-syntax')
            .map((f) => [f.start, f.end]),
          [[start, start + quoted.length]],
          JSON.stringify(variant),
        );
      }
    }
  });
});
