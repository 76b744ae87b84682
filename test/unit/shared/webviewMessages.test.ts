import * as assert from 'node:assert/strict';
import { parseHostMessage, parseOptions, parseViewMessage } from '../../../shared/webviewMessages';

const OPTIONS = { runs: 1000, seed: 1, moment: null, scenarios: ['outage:Active Directory:4'] };

suite('dry-run view messages', () => {
  test('every well-formed message from the view is accepted as is', () => {
    assert.deepEqual(parseViewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseViewMessage({ type: 'options', options: OPTIONS }), {
      type: 'options',
      options: OPTIONS,
    });
    assert.deepEqual(parseViewMessage({ type: 'export', format: 'json' }), {
      type: 'export',
      format: 'json',
    });
    assert.deepEqual(parseViewMessage({ type: 'reveal', document: 0, request: 3 }), {
      type: 'reveal',
      document: 0,
      request: 3,
    });
  });

  const rejected: [string, unknown][] = [
    ['not an object', 'ready'],
    ['null', null],
    ['an unknown type', { type: 'runCommand', command: 'workbench.action.terminal.new' }],
    ['an extra key', { type: 'ready', evil: true }],
    ['an unknown export format', { type: 'export', format: 'html' }],
    ['a negative request', { type: 'reveal', document: 0, request: -1 }],
    ['a fractional document', { type: 'reveal', document: 0.5, request: 1 }],
    ['runs out of range', { type: 'options', options: { ...OPTIONS, runs: 10_000_000 } }],
    ['a seed that is a string', { type: 'options', options: { ...OPTIONS, seed: '1' } }],
    ['a moment that is not a number', { type: 'options', options: { ...OPTIONS, moment: 'soon' } }],
    [
      'too many scenarios',
      { type: 'options', options: { ...OPTIONS, scenarios: Array(9).fill('outage:AD:1') } },
    ],
    ['a scenario that is not a string', { type: 'options', options: { ...OPTIONS, scenarios: [{}] } }],
    ['an over-long scenario', { type: 'options', options: { ...OPTIONS, scenarios: ['x'.repeat(301)] } }],
    ['options with a missing key', { type: 'options', options: { runs: 1, seed: 1, moment: null } }],
  ];
  for (const [what, raw] of rejected) {
    test(`a message from the view with ${what} is rejected`, () =>
      assert.equal(parseViewMessage(raw), undefined));
  }

  test('the view accepts only well-formed messages from the extension', () => {
    assert.deepEqual(parseHostMessage({ type: 'busy' }), { type: 'busy' });
    assert.deepEqual(parseHostMessage({ type: 'unchanged' }), { type: 'unchanged' });
    assert.equal(parseHostMessage({ type: 'unchanged', model: {} }), undefined);
    assert.deepEqual(parseHostMessage({ type: 'error', message: 'x' }), { type: 'error', message: 'x' });
    const model = { uri: 'file:///p.plan.yaml', plans: [] };
    assert.equal(parseHostMessage({ type: 'model', model, options: OPTIONS, focus: null })?.type, 'model');
    assert.equal(parseHostMessage({ type: 'model', model, options: OPTIONS }), undefined);
    assert.equal(
      parseHostMessage({ type: 'model', model: { uri: 1, plans: [] }, options: OPTIONS, focus: null }),
      undefined,
    );
    assert.equal(
      parseHostMessage({ type: 'model', model, options: OPTIONS, focus: { document: -1, request: 0 } }),
      undefined,
    );
    assert.equal(parseHostMessage({ type: 'html', html: '<script>alert(1)</script>' }), undefined);
    assert.equal(parseOptions({ ...OPTIONS, moment: Number.NaN }), undefined);
  });
});
