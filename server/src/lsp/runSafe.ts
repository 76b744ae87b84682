import type { CancellationToken } from 'vscode-languageserver';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Steps } from '../../../shared/steps';

/** Where the server logs; the connection's console in production. */
export interface Logger {
  error(message: string): void;
  info(message: string): void;
}

/**
 * Runs a request handler so that one failure never kills the server: a thrown error is logged and
 * answered with `fallback`; a cancelled request is answered as cancelled before and after the work.
 */
export function runSafe<T>(
  logger: Logger,
  work: () => T,
  fallback: T,
  what: string,
  token: CancellationToken,
): Promise<T | ResponseError<void>> {
  return new Promise((resolve) => {
    setImmediate(() => {
      if (token.isCancellationRequested) {
        resolve(cancelled());
        return;
      }
      try {
        const result = work();
        resolve(token.isCancellationRequested ? cancelled() : result);
      } catch (error) {
        logger.error(`${what} failed: ${describe(error)}`);
        resolve(fallback);
      }
    });
  });
}

/** How long work written as steps runs before the connection gets a turn to read what came meanwhile. */
const SLICE_MS = 20;

/**
 * Runs work written as steps like `runSafe`, keeping the server responsive: between steps, once
 * `SLICE_MS` have passed, it gives the event loop a turn, so that the connection reads the messages
 * that came (a `$/cancelRequest` cancels the token as it is read). It stops at the next step when the
 * request is cancelled, or when `modified` says the open documents changed meanwhile (ContentModified:
 * the work reads files the other messages may have updated, and its offsets may no longer match).
 */
export async function runSafeSteps<T>(
  logger: Logger,
  work: () => Steps<T>,
  fallback: T,
  what: string,
  token: CancellationToken,
  modified: () => boolean,
): Promise<T | ResponseError<void>> {
  await turn();
  if (token.isCancellationRequested) return cancelled();
  try {
    const steps = work();
    let sliceStart = Date.now();
    for (;;) {
      const next = steps.next();
      if (token.isCancellationRequested) return cancelled();
      if (modified()) return new ResponseError(LSPErrorCodes.ContentModified, 'The documents changed');
      if (next.done) return next.value;
      if (Date.now() - sliceStart >= SLICE_MS) {
        await turn();
        sliceStart = Date.now();
      }
    }
  } catch (error) {
    logger.error(`${what} failed: ${describe(error)}`);
    return fallback;
  }
}

/** Lets the event loop read and handle what came, then goes on. */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

export function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
