import * as assert from 'node:assert/strict';
import { escapeMarkdown } from '../../../../server/src/service/text/markdown';

suite('escapeMarkdown', () => {
  test('leaves text alone that markdown would show as typed', () => {
    for (const text of [
      'payroll.admin',
      'Payroll is a flat-file source (connectionType file): ISC creates a manual work item.',
      'CN=Jane Doe,OU=Finance,DC=acme,DC=example',
      'jane.doe@acme.example',
      'first_name',
      'R&D + HR',
      'C# 1.5 #2 a > b = c !x {y}',
    ]) {
      assert.equal(escapeMarkdown(text), text);
    }
  });

  test('escapes what would start a block at the start of a line or list item', () => {
    assert.equal(escapeMarkdown('1. Finance'), '1\\. Finance');
    assert.equal(escapeMarkdown('2) Finance'), '2\\) Finance');
    assert.equal(escapeMarkdown('- x'), '\\- x');
    assert.equal(escapeMarkdown('+ x'), '\\+ x');
    assert.equal(escapeMarkdown('# Admins'), '\\# Admins');
    assert.equal(escapeMarkdown('  > quote'), '  \\> quote');
    assert.equal(escapeMarkdown('==='), '\\===');
  });

  test('cannot make links, images, autolinks, HTML, entities, code, emphasis or tables', () => {
    assert.equal(escapeMarkdown('[click](javascript:x)'), '\\[click\\](javascript:x)');
    assert.equal(escapeMarkdown('![x](y)'), '!\\[x\\](y)');
    assert.equal(escapeMarkdown('see https://evil.example'), 'see https\\://evil.example');
    assert.equal(escapeMarkdown('www.evil.example'), 'www\\.evil.example');
    assert.equal(escapeMarkdown('<img src=x onerror=y>'), '\\<img src=x onerror=y>');
    assert.equal(escapeMarkdown('&lt;b&#62;'), '\\&lt;b\\&#62;');
    assert.equal(escapeMarkdown('`x`'), '\\`x\\`');
    assert.equal(escapeMarkdown('**a** _b_ ~~c~~'), '\\*\\*a\\*\\* \\_b\\_ \\~\\~c\\~\\~');
    assert.equal(escapeMarkdown('a | b'), 'a \\| b');
    assert.equal(escapeMarkdown('C:\\dir'), 'C:\\\\dir');
  });

  test('turns line breaks into spaces', () => {
    assert.equal(escapeMarkdown('a\r\n- b\nc'), 'a - b c');
  });
});
