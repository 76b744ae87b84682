/**
 * Long work that can be stopped between its steps (between the plans of a dry run, between the
 * files of a workspace search): a generator that yields wherever stopping is safe and returns its
 * result. The work stays synchronous and knows nothing of time, tokens or LSP. The CLI and tests run
 * it with `runSteps`; the language server runs it a slice at a time, letting the connection read
 * messages in between, and drops it once the request is cancelled (a synchronous check alone could
 * never see a cancellation: it arrives as a message that is read only when the work gives way).
 */

/** Work as steps: yields where it may be stopped, returns its result. */
export type Steps<T> = Generator<void, T, void>;

/** Whether the answer the work is for is no longer wanted; asked between steps. */
export type IsCancelled = () => boolean;

/** Thrown by `runSteps` when the work was stopped; there is no partial result. */
export class Cancelled extends Error {
  constructor() {
    super('The work was cancelled.');
    this.name = 'Cancelled';
  }
}

/** Runs the steps to their result, or throws `Cancelled` at the first step after which `isCancelled` says so. */
export function runSteps<T>(steps: Steps<T>, isCancelled: IsCancelled = () => false): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (isCancelled()) throw new Cancelled();
  }
}
