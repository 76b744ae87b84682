import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { createNonce, dryRunHtml } from '../../../../client/src/dryRun/panelHtml';

suite('dry-run view shell', () => {
  const context = {
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    media: (file: string) => `https://file+.vscode-resource.vscode-cdn.net/ext/dist/media/${file}`,
    nonce: 'bm9uY2U=',
  };

  test('a strict content security policy: nothing but our files and the script with the nonce', () => {
    const doc = new JSDOM(dryRunHtml(context)).window.document;
    const csp =
      doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
    assert.equal(
      csp,
      `default-src 'none'; img-src ${context.cspSource}; style-src ${context.cspSource}; font-src ${context.cspSource}; script-src 'nonce-bm9uY2U='`,
    );
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    const scripts = [...doc.querySelectorAll('script')];
    assert.equal(scripts.length, 1);
    assert.equal(scripts[0]!.getAttribute('nonce'), 'bm9uY2U=');
    assert.equal(scripts[0]!.textContent, '', 'no inline script');
    assert.equal(doc.querySelectorAll('style, [style]').length, 0, 'no inline style');
  });

  test('every load gets a new random nonce', () => {
    const nonces = new Set(Array.from({ length: 20 }, createNonce));
    assert.equal(nonces.size, 20);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
  });
});
