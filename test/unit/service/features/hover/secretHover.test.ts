import * as assert from 'node:assert/strict';
import * as path from 'path';
import type { PlanDocument } from '../../../../../server/src/service/document/planDocument';
import { hoverAt } from '../../../../../server/src/service/features/hover/hover';
import { CATALOG, ROOT, serviceFor } from '../../../helpers';

const SECRET_CATALOG = CATALOG.replace(
  '        - { name: password, type: string }\n',
  '        - { name: password, type: string }\n        - { name: recoveryPin, type: string, secret: true }\n',
);

const PLAN = `kind: ProvisioningPlan
identity: { name: jane.doe }
catalog: acme.sources.yaml
accountRequests:
  - source: Active Directory
    operation: Modify
    nativeIdentity: CN=Jane
    attributeRequests:
      - { name: password, operation: Set, value: Winter-Kennwort-7731 }
      - { name: recoveryPin, operation: Set, value: '{{pin}}' }
      - { name: department, operation: Set, value: Finance }
`;

/** The hover at the first character of `needle`, with the plan's real catalogs and predictions. */
function hoverOn(needle: string): string {
  const service = serviceFor({ 'acme.sources.yaml': SECRET_CATALOG });
  const file = path.join(ROOT, 'p.plan.yaml');
  const state = service.open(file, PLAN)!;
  const offset = PLAN.indexOf(needle) + 1;
  const doc = service.documentAt(state, offset)!;
  const options = { submittedAt: Date.parse('2026-11-25T09:00:00Z'), runs: 50, seed: 1 };
  const result = hoverAt(doc, offset, {
    catalogOf: (plan) => service.catalogsOf(state, plan).catalog,
    predictionOf: (plan: PlanDocument, index) => service.predict(state, plan, options)[index],
    now: options.submittedAt,
  });
  return result?.markdown ?? '';
}

suite('hover: a secret value is shown as ******** (docs/rules.md#plaintext-secret)', () => {
  test('on a literal password: ********, the plaintext-secret advice, never the value', () => {
    const markdown = hoverOn('Winter-Kennwort-7731');
    assert.match(markdown, /^\*\*Secret value\*\* \(`password`\): `\*{8}`/);
    assert.match(markdown, /`plaintext-secret`/);
    assert.doesNotMatch(markdown, /Kennwort/);
  });

  test('on a placeholder of an attribute the schema marks secret: ********, no advice', () => {
    const markdown = hoverOn("'{{pin}}'");
    assert.match(markdown, /^\*\*Secret value\*\* \(`recoveryPin`\): `\*{8}`/);
    assert.doesNotMatch(markdown, /plaintext-secret|\{\{pin\}\}/);
  });

  test('an ordinary value keeps its schema hover', () => {
    assert.doesNotMatch(hoverOn('Finance'), /Secret value/);
  });

  test("the request's prediction hover does not print the password either", () => {
    const markdown = hoverOn('Modify');
    assert.ok(markdown.length > 100, markdown);
    assert.doesNotMatch(markdown, /Kennwort/);
  });
});
