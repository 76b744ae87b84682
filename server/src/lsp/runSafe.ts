import type { CancellationToken } from 'vscode-languageserver';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';

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

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

export function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
