import * as assert from 'node:assert/strict';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { CancellationToken } from 'vscode-languageserver';
import type { Logger } from '../../../server/src/lsp/runSafe';
import { describe as describeError, runSafe } from '../../../server/src/lsp/runSafe';

/** A logger that keeps what it is given. */
function memoryLogger(): Logger & { errors: string[]; infos: string[] } {
  const errors: string[] = [];
  const infos: string[] = [];
  return { errors, infos, error: (m) => errors.push(m), info: (m) => infos.push(m) };
}

const live = (): CancellationToken => new CancellationTokenSource().token;

suite('language server: runSafe (how a request handler fails)', () => {
  test('the work answers the request', async () => {
    const logger = memoryLogger();
    assert.deepEqual(await runSafe(logger, () => ['a'], [], 'completion', live()), ['a']);
    assert.deepEqual(logger.errors, []);
  });

  test('a thrown error is logged with what failed and its stack, and answered with the fallback', async () => {
    const logger = memoryLogger();
    const error = new RangeError('Maximum call stack size exceeded');
    const answer = await runSafe(
      logger,
      (): string[] | null => {
        throw error;
      },
      null,
      'completion',
      live(),
    );
    assert.equal(answer, null);
    assert.deepEqual(logger.errors, [`completion failed: ${error.stack!}`]);
    assert.ok(
      logger.errors[0]!.startsWith('completion failed: RangeError: Maximum call stack size exceeded\n'),
    );
  });

  test('a request cancelled before the work starts is answered as cancelled and the work never runs', async () => {
    const source = new CancellationTokenSource();
    source.cancel();
    let ran = false;
    const answer = await runSafe(
      memoryLogger(),
      () => {
        ran = true;
        return 1;
      },
      0,
      'hover',
      source.token,
    );
    assert.ok(answer instanceof ResponseError);
    assert.equal(answer.code, LSPErrorCodes.RequestCancelled);
    assert.equal(ran, false);
  });

  test('a request cancelled during the work is answered as cancelled, not with the result', async () => {
    const source = new CancellationTokenSource();
    const answer = await runSafe(
      memoryLogger(),
      () => {
        source.cancel();
        return 1;
      },
      0,
      'hover',
      source.token,
    );
    assert.ok(answer instanceof ResponseError);
    assert.equal(answer.code, LSPErrorCodes.RequestCancelled);
  });

  test('describe: an error by its stack (or message), anything else as a string', () => {
    const error = new Error('boom');
    assert.equal(describeError(error), error.stack);
    error.stack = undefined;
    assert.equal(describeError(error), 'boom');
    assert.equal(describeError('text'), 'text');
    assert.equal(describeError(42), '42');
  });
});
