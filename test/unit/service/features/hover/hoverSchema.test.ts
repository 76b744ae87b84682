import * as assert from 'node:assert/strict';
import * as path from 'path';
import { hoverAt } from '../../../../../server/src/service/features/hover/hover';
import type { JsonSchema } from '../../../../../server/src/service/schema/schemas';
import { CATALOG_SCHEMA_ID, PLAN_SCHEMA_ID } from '../../../../../server/src/service/schema/schemas';
import type { SchemaAt } from '../../../../../server/src/service/schema/schemaPath';
import {
  deref,
  describeSchema,
  enumOf,
  propertiesOf,
  rootSchema,
} from '../../../../../server/src/service/schema/schemaPath';
import { ROOT, serviceFor } from '../../../helpers';

interface Property {
  path: (string | number)[];
  at: SchemaAt;
}

function isArray(at: SchemaAt): SchemaAt | undefined {
  const items = at.schema.items;
  return items && typeof items === 'object' && !Array.isArray(items)
    ? deref({ schema: items as JsonSchema, base: at.base })
    : undefined;
}

/** Every property reachable in a schema, with the document path that leads to it (lists at index 0). */
function walk(at: SchemaAt, prefix: (string | number)[], seen: Set<JsonSchema>, out: Property[]): void {
  const current = deref(at);
  if (seen.has(current.schema)) return;
  seen.add(current.schema);
  for (const [name, property] of Object.entries(propertiesOf(current))) {
    const here = [...prefix, name];
    out.push({ path: here, at: property });
    walk(property, here, new Set(seen), out);
    const items = isArray(property);
    if (items) walk(items, [...here, 0], new Set(seen), out);
  }
}

/** A YAML document that has the path, with `leaf` as the last value. */
function yamlFor(kind: string, propertyPath: (string | number)[], leaf: string): string {
  const lines = [`kind: ${kind}`];
  let indent = '';
  propertyPath.forEach((segment, i) => {
    if (typeof segment === 'number') return;
    const dash = propertyPath[i - 1] === 0 ? '- ' : '';
    const last = i === propertyPath.length - 1;
    if (segment === 'kind' && i === 0) return;
    lines.push(`${indent}${dash}${segment}:${last ? ` ${leaf}` : ''}`);
    indent += dash ? '    ' : '  ';
  });
  return `${lines.join('\n')}\n`;
}

function hover(kind: string, text: string, offset: number): string {
  const file = path.join(ROOT, kind === 'ProvisioningPlan' ? 'x.plan.yaml' : 'x.sources.yaml');
  const service = serviceFor({ 'x.plan.yaml': text, 'x.sources.yaml': text });
  const state = service.open(file, text)!;
  const doc = service.documentAt(state, offset)!;
  const result = hoverAt(doc, offset, {
    catalogOf: () => undefined,
    predictionOf: () => undefined,
    now: Date.parse('2026-11-25T09:00:00Z'),
  });
  return result?.markdown ?? '';
}

for (const [kind, id] of [
  ['ProvisioningPlan', PLAN_SCHEMA_ID],
  ['SourceCatalog', CATALOG_SCHEMA_ID],
] as const) {
  suite(`every ${kind} schema property and enum value has a hover`, () => {
    const properties: Property[] = [];
    walk(rootSchema(id)!, [], new Set(), properties);

    test("the walk finds the schema's properties", () =>
      assert.ok(properties.length > 30, `${properties.length} properties`));

    for (const { path: propertyPath, at } of properties) {
      const key = String(propertyPath[propertyPath.length - 1]);
      const description = describeSchema(at);
      test(`${propertyPath.join('.')}: the key explains itself`, () => {
        assert.ok(description, 'the schema describes it');
        const text = yamlFor(kind, propertyPath, '');
        const offset = text.lastIndexOf(`${key}:`) + 1;
        const markdown = hover(kind, text, offset);
        assert.ok(markdown.includes(description.slice(0, 40)), `hover on ${key}: ${markdown.slice(0, 120)}`);
      });
      const values = enumOf(at);
      if (!values || key === 'kind') continue;
      test(`${propertyPath.join('.')}: each of its ${values.values.length} values explains itself`, () => {
        values.values.forEach((value, i) => {
          const list = isArray(at) !== undefined;
          const text = yamlFor(kind, propertyPath, list ? `[${value}]` : value);
          const offset = text.lastIndexOf(value) + 1;
          const markdown = hover(kind, text, offset);
          const expected = values.descriptions[i] ?? '';
          assert.ok(expected.length > 0, `${value} has an enum description`);
          assert.ok(markdown.includes(expected.slice(0, 30)), `hover on ${value}: ${markdown.slice(0, 160)}`);
        });
      });
    }
  });
}

suite('hover: the plan origin', () => {
  const text =
    'kind: ProvisioningPlan\norigin:\n  type: role\n  approvals:\n    - { approver: manager, hours: { p50: 4, p90: 24 } }\n  escalationDays: 3\naccountRequests: []\n';

  test('origin, its type value and escalationDays explain themselves in ISC terms', () => {
    const origin = hover('ProvisioningPlan', text, text.indexOf('origin') + 1);
    assert.ok(origin.startsWith('**Origin** (`origin`)'), origin);
    assert.ok(origin.includes('`approved` milestone'), origin);
    const role = hover('ProvisioningPlan', text, text.indexOf('role') + 1);
    assert.ok(role.includes('identity refresh'), role);
    const escalation = hover('ProvisioningPlan', text, text.indexOf('escalationDays') + 1);
    assert.ok(escalation.includes('`daysUntilEscalation`'), escalation);
  });
});
