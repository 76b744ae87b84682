import * as v8 from 'v8';
import * as vm from 'vm';

/** Quiet time after the last heavy piece of work (a check, code lenses, a dry run) before collecting. */
export const IDLE_MS = 1000;

/** Heap growth since the last collection above which an idle server gives memory back. */
export const GROWTH_BYTES = 64 * 1024 * 1024;

/**
 * How far (percent) V8 lets its heap grow past what survived the last full collection before it
 * collects again. V8's own factor (up to 100% and more) suits throughput: on a 10,000-request plan
 * the opens and a burst of edits and code lenses took the server to 318 MB resident at the peak,
 * with about 60 MB live. At 50% the peak was 218–233 MB, edits 27–33 ms and code lenses 147–191 ms;
 * at 20% the peak was barely lower (208 MB) for more collector time (`npm run bench`, LSP part).
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * Sets {@link HEAP_GROWING_PERCENT} for this process. A flag at run time rather than on the command
 * line, because other editors start the server as a plain `node` script. False where V8 refuses.
 */
export function limitHeapGrowth(percent = HEAP_GROWING_PERCENT): boolean {
  try {
    v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
    return true;
  } catch {
    return false;
  }
}

/** What the collector needs of V8 (parameters, so that tests can stand in for it). */
export interface HeapAccess {
  /** Bytes V8 holds for the JavaScript heap now. */
  heapBytes(): number;
  /** A full, compacting collection. */
  collect(): void;
}

/**
 * V8's own full collection: `global.gc` when Node was started with `--expose-gc`, else the same
 * function taken from a fresh context after turning the flag on (the server is also started by
 * other editors as a plain `node` script, without flags). Undefined where V8 refuses.
 */
export function v8Heap(): HeapAccess | undefined {
  let collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    } catch {
      return undefined;
    }
  }
  return { heapBytes: () => v8.getHeapStatistics().total_heap_size, collect };
}

/**
 * Gives memory back once the server is idle. Opening and checking a big plan allocates in bursts,
 * and V8 grows its heap for them and keeps it: a 10,000-request plan left the server at 230–320 MB
 * resident though a tenth of that was live. A full collection when nobody is waiting (a second
 * after the last check) returns it; small plans, whose heap never grows by {@link GROWTH_BYTES},
 * are never collected.
 */
export class IdleMemory {
  private timer: NodeJS.Timeout | undefined;
  private baseline: number;

  constructor(
    private readonly heap: HeapAccess | undefined = v8Heap(),
    private readonly idleMs = IDLE_MS,
  ) {
    this.baseline = heap?.heapBytes() ?? 0;
  }

  /** Notes heavy work just done: the collection waits for {@link IDLE_MS} without more. */
  workDone(): void {
    if (!this.heap) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.collectIfGrown(), this.idleMs);
    this.timer.unref();
  }

  /** Collects when the heap grew by more than {@link GROWTH_BYTES} since the last collection. */
  collectIfGrown(): boolean {
    this.timer = undefined;
    if (!this.heap || this.heap.heapBytes() - this.baseline < GROWTH_BYTES) return false;
    this.heap.collect();
    this.baseline = this.heap.heapBytes();
    return true;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
