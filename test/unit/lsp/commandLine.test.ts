import * as assert from 'node:assert/strict';
import { parseServerArgs } from '../../../server/src/lsp/commandLine';

suite('lsp: the language server command line', () => {
  const served = [
    ['--stdio'],
    ['--node-ipc', '--clientProcessId=4242'],
    ['--clientProcessId', '4242', '--node-ipc'],
    ['--socket=6009'],
    ['--socket', '6009'],
    ['--pipe=/tmp/isc-plan.sock'],
  ];
  for (const args of served) {
    test(`"${args.join(' ')}" (as vscode-languageclient and other editors start it) serves`, () => {
      assert.deepEqual(parseServerArgs(args), { kind: 'serve' });
    });
  }

  test('--socket takes a TCP port only', () => {
    assert.deepEqual(parseServerArgs(['--socket=70000']), {
      kind: 'error',
      message: '--socket needs a number',
    });
  });
});
