import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parse } from 'yaml';
import { commentLines, yamlScalar, yamlString } from '../../../../server/src/service/text/yamlText';

/** Short strings made of the characters YAML gives a meaning to: numbers, dates, indicators, quotes. */
const TRICKY = fc.string({
  unit: fc.constantFrom(...'aeEyYn0123456789:.-+ _#,\'"\\\t\n[]{}&*!|>%@`~=<'),
  maxLength: 8,
});

suite('shared/yamlText: YAML scalars and comments', () => {
  test('plain when safe, quoted when YAML would read something else', () => {
    const cases: [string, string][] = [
      ['CN=Jane Doe,OU=Users,DC=acme,DC=example', 'CN=Jane Doe,OU=Users,DC=acme,DC=example'],
      ["Tom O'Brien", "Tom O'Brien"],
      ['a: b', "'a: b'"],
      ['Team # temp', "'Team # temp'"],
      ['#hash', "'#hash'"],
      ['*Approver', "'*Approver'"],
      ['&Viewer', "'&Viewer'"],
      ['- item', "'- item'"],
      ['true', "'true'"],
      ['yes', "'yes'"],
      ['Off', "'Off'"],
      ['null', "'null'"],
      ['~', "'~'"],
      ['100482', "'100482'"],
      ['0o17', "'0o17'"],
      ['1:20', "'1:20'"],
      ['2026-03-02', "'2026-03-02'"],
      ['', "''"],
      [' padded ', "' padded '"],
      ['ends with colon:', "'ends with colon:'"],
      ['%directive', "'%directive'"],
      ['@at', "'@at'"],
      ['`tick', "'`tick'"],
      ['two\nlines', '"two\\nlines"'],
      ['bell\u0007', '"bell\\u0007"'],
      ['nel\u0085', '"nel\\u0085"'],
      ['not a character\ufffe\uffff', '"not a character\\ufffe\\uffff"'],
      ['tab\there', "'tab\there'"],
      ['\\\\files01\\finance', '\\\\files01\\finance'],
      ['Jürgen Weiß – 😀', 'Jürgen Weiß – 😀'],
    ];
    for (const [value, written] of cases) assert.equal(yamlString(value), written, JSON.stringify(value));
  });

  test('in flow context commas, brackets and colons are quoted too', () => {
    assert.equal(yamlString('Doe, Jane', { flow: true }), "'Doe, Jane'");
    assert.equal(yamlString('[x]', { flow: true }), "'[x]'");
    assert.equal(yamlString('a:b', { flow: true }), "'a:b'");
    assert.equal(yamlString('jane.doe', { flow: true }), 'jane.doe');
  });

  test('in the quotes a writer prefers, single ones giving way to double ones where only escapes serve', () => {
    assert.equal(yamlString('jane.doe', { quote: "'" }), "'jane.doe'");
    assert.equal(yamlString("it's", { quote: "'" }), "'it''s'");
    assert.equal(yamlString('two\nlines', { quote: "'" }), '"two\\nlines"');
    assert.equal(yamlString('jane.doe', { quote: '"' }), '"jane.doe"');
    assert.equal(yamlString('say "hi"\u2028', { quote: '"' }), '"say \\"hi\\"\\u2028"');
  });

  test('numbers, booleans and null stay typed', () => {
    assert.deepEqual(
      [yamlScalar(42), yamlScalar(-1.5), yamlScalar(true), yamlScalar(null)],
      ['42', '-1.5', 'true', 'null'],
    );
  });

  test('every string reads back unchanged, in block and in flow context (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), TRICKY), (value) => {
        assert.equal((parse(`v: ${yamlString(value)}\n`) as { v: unknown }).v, value);
        assert.equal(
          (parse(`m: { v: ${yamlString(value, { flow: true })} }\n`) as { m: { v: unknown } }).m.v,
          value,
        );
        assert.equal((parse(`v: ${yamlString(value)}\n`, { version: '1.1' }) as { v: unknown }).v, value);
        for (const quote of ["'", '"'] as const) {
          const written = yamlString(value, { quote });
          assert.ok(written.startsWith(quote) || written.startsWith('"'), written);
          assert.equal((parse(`m: { v: ${written} }\n`) as { m: { v: unknown } }).m.v, value);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('the fast path for names and DNs agrees with reading back (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ._@/=()+,-]{0,12}$/), (value) => {
        for (const version of ['1.1', '1.2'] as const) {
          assert.equal((parse(`v: ${yamlString(value)}\n`, { version }) as { v: unknown }).v, value);
        }
      }),
      { numRuns: 2000 },
    );
    assert.deepEqual(
      ['y', 'Yes', 'ON', 'Null', 'FALSE', 'n', 'E0', 'e+12', 'E1x'].map((word) => yamlString(word)),
      ["'y'", "'Yes'", "'ON'", "'Null'", "'FALSE'", "'n'", "'E0'", "'e+12'", 'E1x'],
    );
  });

  test('comments: one line per line of text, control characters escaped, never a line break inside', () => {
    assert.deepEqual(commentLines('first\r\nsecond\n\n  third\u2028fourth\u0001', '  '), [
      '  # first',
      '  # second',
      '  #',
      '  #   third',
      '  # fourth\\u0001',
    ]);
  });
});
