import type { CancellationToken } from 'vscode-languageserver';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Progress, Steps } from '../service/work/steps';

/** Where the server logs; the connection's console in production. */
export interface Logger {
  error(message: string): void;
  info(message: string): void;
}

/** Work written as steps (shared/steps.ts), returned by a handler for `runSafe` to run a slice at a time. */
export class Stepwise<T> {
  constructor(readonly steps: Steps<T>) {}
}

/** Marks a handler's result as work to run a slice at a time (see `runSafe`). */
export function stepwise<T>(steps: Steps<T>): Stepwise<T> {
  return new Stepwise(steps);
}

/** How long work written as steps runs before the connection gets a turn to read what came meanwhile. */
const SLICE_MS = 20;

/**
 * Runs a request handler so that one failure never kills the server: a thrown error is logged and
 * answered with `fallback`; a cancelled request is answered as cancelled before and after the work.
 *
 * Work that returns `stepwise(...)` keeps the server responsive: between its steps, once `SLICE_MS`
 * have passed, the event loop gets a turn, so that the connection reads the messages that came (a
 * `$/cancelRequest` cancels the token as it is read). It stops at the next step when the request is
 * cancelled, or when `modified` says the open documents changed meanwhile (ContentModified: the work
 * reads files the other messages may have updated, and its offsets may no longer match). Work that
 * outlasts its first slice shows how far it is through `progress` (LSP work-done progress).
 */
export async function runSafe<T>(
  logger: Logger,
  work: () => T | Stepwise<T>,
  fallback: T,
  what: string,
  token: CancellationToken,
  modified: () => boolean = () => false,
  progress?: ProgressDisplay,
): Promise<T | ResponseError<void>> {
  await turn();
  if (token.isCancellationRequested) return cancelled();
  try {
    const result = work();
    if (result instanceof Stepwise) return await inSlices(result.steps, token, modified, progress);
    return token.isCancellationRequested ? cancelled() : result;
  } catch (error) {
    logger.error(`${what} failed: ${describe(error)}`);
    return fallback;
  } finally {
    progress?.end();
  }
}

/** Where work in slices shows how far it is (lsp/workProgress.ts), and whether the user cancelled it there. */
export interface ProgressDisplay {
  update(progress: Progress | undefined): void;
  end(): void;
  readonly cancelled: boolean;
}

async function inSlices<T>(
  steps: Steps<T>,
  token: CancellationToken,
  modified: () => boolean,
  progress: ProgressDisplay | undefined,
): Promise<T | ResponseError<void>> {
  let sliceStart = Date.now();
  let latest: Progress | undefined;
  for (;;) {
    const next = steps.next();
    if (token.isCancellationRequested || progress?.cancelled === true) return cancelled();
    if (modified()) return new ResponseError(LSPErrorCodes.ContentModified, 'The documents changed');
    if (next.done) return next.value;
    latest = next.value ?? latest;
    if (Date.now() - sliceStart >= SLICE_MS) {
      progress?.update(latest);
      await turn();
      sliceStart = Date.now();
    }
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
