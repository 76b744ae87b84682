/**
 * Long work that can be stopped between its steps (between the plans of a dry run, between the
 * files of a workspace search): a generator that yields wherever stopping is safe and returns its
 * result. The work stays synchronous and knows nothing of time, tokens or LSP. The CLI and tests run
 * it with `runSteps`; the language server runs it a slice at a time, letting the connection read
 * messages in between, and drops it once the request is cancelled (a synchronous check alone could
 * never see a cancellation: it arrives as a message that is read only when the work gives way).
 */

/** How far long work has come, when a step knows: for the editor's progress display. */
export interface Progress {
  /** The share done, from 0 to 1. */
  done: number;
  /** What is being done, when there is more to say than the share (`plan 2 of 5`). */
  message?: string;
}

/** Work as steps: yields (with its progress when it knows it) where it may be stopped, returns its result. */
export type Steps<T> = Generator<Progress | undefined, T, void>;

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

/**
 * Steps as a part of larger work: their progress is mapped to the share from `from` to `to` of the
 * whole, with `message` where they give none.
 */
export function* within<T>(steps: Steps<T>, from: number, to: number, message?: string): Steps<T> {
  let share = 0;
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    share = next.value?.done ?? share;
    const done = from + (to - from) * share;
    const text = next.value?.message ?? message;
    yield text === undefined ? { done } : { done, message: text };
  }
}
