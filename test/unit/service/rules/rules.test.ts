import * as assert from 'node:assert/strict';
import { RULE_CODES } from '../../../../server/src/service/findings/finding';
import { CATALOG, crlf, diagnose, withCode } from '../../helpers';
import { exportFile } from '../catalog/catalogFixtures';
import { CATALOG_RULE_CASES } from './catalogRuleCases';
import { PLAN_RULE_CASES } from './planRuleCases';
import type { RuleCase } from './ruleCase';
import { SYNTAX_RULE_CASES } from './syntaxRuleCases';
import type { Format, Variant } from './variants';
import { jsonNeedle, toJsonText, withLineEndings } from './variants';

const CASES: RuleCase[] = [...SYNTAX_RULE_CASES, ...PLAN_RULE_CASES, ...CATALOG_RULE_CASES];

function fileName(rule: RuleCase, format: Format): string {
  return `zoe.${rule.role === 'plan' ? 'plan' : 'sources'}.${format}`;
}

function workspace(rule: RuleCase, format: Format, text: string): Record<string, string> {
  const others = rule.files ?? (rule.role === 'plan' ? { 'acme.sources.yaml': CATALOG } : {});
  return { ...others, [fileName(rule, format)]: text };
}

function variants(rule: RuleCase): Variant[] {
  const yaml = withLineEndings('yaml', {
    text: rule.yaml,
    needle: rule.needle,
    occurrence: rule.occurrence ?? 1,
  });
  const json = rule.json
    ? withLineEndings('json', rule.json)
    : withLineEndings('json', {
        text: toJsonText(rule.yaml),
        needle: jsonNeedle(rule.needle),
        occurrence: rule.jsonOccurrence ?? rule.occurrence ?? 1,
      });
  return [...yaml, ...json];
}

function fixedText(rule: RuleCase, format: Format): string {
  if (format === 'json' && rule.json) return rule.json.fixed;
  const [from, to] = rule.fix;
  assert.ok(rule.yaml.includes(from), `the fix of ${rule.code} must apply`);
  const yaml = rule.yaml.replace(from, to);
  return format === 'yaml' ? yaml : toJsonText(yaml);
}

suite('rules: every code fires at its exact range', () => {
  test('the table has one case for each of the 29 rule codes', () => {
    assert.equal(RULE_CODES.length, 29);
    assert.deepEqual(CASES.map((c) => c.code).sort(), [...RULE_CODES].sort());
  });

  for (const rule of CASES) {
    for (const variant of variants(rule)) {
      const how =
        rule.json && variant.format === 'json'
          ? `JSON written by hand: ${rule.json.why}`
          : variant.format.toUpperCase();
      test(`${rule.code} in ${how}, ${variant.eol}`, () => {
        const found = withCode(
          diagnose(workspace(rule, variant.format, variant.text), fileName(rule, variant.format)),
          rule.code,
        );
        assert.equal(found.length, 1, `one ${rule.code} expected, got ${JSON.stringify(found)}`);
        const [only] = found;
        assert.equal(only!.severity, rule.severity);
        assert.deepEqual(only!.range, variant.range);
        assert.match(
          only!.message,
          (variant.format === 'json' ? rule.json?.message : undefined) ?? rule.message,
        );
      });
    }
  }
});

/** The text of a row before its fix, in a format. */
function brokenText(rule: RuleCase, format: Format): string {
  if (format === 'yaml') return rule.yaml;
  return rule.json ? rule.json.text : toJsonText(rule.yaml);
}

suite('rules: every code stays quiet once its cause is fixed', () => {
  for (const rule of CASES) {
    for (const format of ['yaml', 'json'] as const) {
      test(`${rule.code} quiet in ${format.toUpperCase()}, and nothing else changes`, () => {
        const codesOf = (text: string): string[] =>
          diagnose(workspace(rule, format, text), fileName(rule, format)).map((d) => d.code);
        const before = codesOf(brokenText(rule, format));
        assert.ok(before.includes(rule.code), `${rule.code} fires before the fix: ${before.join(', ')}`);
        // A fix that broke the file (or emptied it) would silence the rule too: the other findings stay.
        assert.deepEqual(
          codesOf(fixedText(rule, format)),
          before.filter((code) => code !== rule.code),
        );
      });
    }
  }
});

/** A plan that uses every channel correctly: nothing to report. */
const VALID_PLAN = `kind: ProvisioningPlan
name: Zoë 😀 joins Finance
trackingId: REQ-1042
identity: { name: zoe.mueller, id: 2c9180835d2e5168015d32f890ca1581 }
requester: { name: kim.admin }
accountRequests:
  - source: Active Directory
    operation: Modify
    nativeIdentity: CN=Zoë 😀 Müller
    channel: connector
    attributeRequests:
      - { name: memberOf, operation: Add, value: [CN=Finance, CN=Reports] }
      - { name: memberOf, operation: Remove, value: CN=Sales }
      - { name: department, operation: Set, value: Finance }
      - { name: password, operation: Set, value: '{{new-password}}' }
  - { source: Active Directory, operation: Create }
  - { source: Active Directory, operation: Enable, nativeIdentity: CN=Other }
  - { source: Active Directory, operation: Unlock, nativeIdentity: CN=Third }
  - source: HR Portal
    operation: Modify
    nativeIdentity: zoe
    channel: ticketing
    ticketing: { integration: ServiceNow SDIM, shortDescription: Finance role }
  - { source: File Share, operation: Create, comments: 'no permission requests, so no split' }
`;

suite('rules: a valid plan and valid catalogs give nothing', () => {
  for (const [name, text] of [
    ['YAML, LF', VALID_PLAN],
    ['YAML, CRLF', crlf(VALID_PLAN)],
    ['JSON, LF', toJsonText(VALID_PLAN)],
    ['JSON, CRLF', crlf(toJsonText(VALID_PLAN))],
  ] as const) {
    test(`the plan in ${name}`, () => {
      const file = `valid.plan.${name.startsWith('JSON') ? 'json' : 'yaml'}`;
      assert.deepEqual(diagnose({ 'acme.sources.yaml': CATALOG, [file]: text }, file), []);
    });
  }

  test('the shared test catalog, in YAML and JSON', () => {
    assert.deepEqual(diagnose({ 'acme.sources.yaml': CATALOG }, 'acme.sources.yaml'), []);
    assert.deepEqual(diagnose({ 'acme.sources.json': toJsonText(CATALOG) }, 'acme.sources.json'), []);
  });

  test('a hand-written catalog with schedules, schemas, timings, status map and ticket workflow', () => {
    assert.deepEqual(
      diagnose({ 'extra.sources.yaml': exportFile('acme-extra.sources.yaml') }, 'extra.sources.yaml'),
      [],
    );
  });
});
