import * as assert from 'node:assert/strict';
import type { HeapAccess } from '../../../server/src/lsp/idleMemory';
import { GROWTH_BYTES, IdleMemory, v8Heap } from '../../../server/src/lsp/idleMemory';

const MB = 1024 * 1024;

/** A stand-in heap whose size the test sets; `collect` shrinks it to `live` and counts the calls. */
function fakeHeap(start: number): HeapAccess & { size: number; live: number; collections: number } {
  const heap = {
    size: start,
    live: start,
    collections: 0,
    heapBytes: () => heap.size,
    collect: () => {
      heap.collections++;
      heap.size = heap.live;
    },
  };
  return heap;
}

/** Allocates about 16 MB that nothing keeps; returns how many arrays it made. */
function makeGarbage(): number {
  const arrays = Array.from({ length: 200 }, () => new Array<number>(10_000).fill(1));
  return arrays.length;
}

suite('language server: memory given back when idle', () => {
  test('collects only once the heap grew by more than the threshold since the last collection', () => {
    const heap = fakeHeap(40 * MB);
    const idle = new IdleMemory(heap, 10);
    heap.size = 40 * MB + GROWTH_BYTES - 1;
    assert.equal(idle.collectIfGrown(), false);
    heap.size = 40 * MB + GROWTH_BYTES + 1;
    heap.live = 60 * MB;
    assert.equal(idle.collectIfGrown(), true);
    assert.equal(heap.collections, 1);
    // The baseline is now the collected size: growth is counted from there.
    heap.size = 60 * MB + GROWTH_BYTES / 2;
    assert.equal(idle.collectIfGrown(), false);
    assert.equal(heap.collections, 1);
  });

  test('waits until no work was reported for the idle time', async () => {
    const heap = fakeHeap(0);
    const idle = new IdleMemory(heap, 30);
    heap.size = 2 * GROWTH_BYTES;
    idle.workDone();
    await new Promise((resolve) => setTimeout(resolve, 15));
    idle.workDone();
    await new Promise((resolve) => setTimeout(resolve, 15));
    assert.equal(heap.collections, 0, 'work 15 ms ago postpones the collection');
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.equal(heap.collections, 1);
    idle.dispose();
  });

  test("V8's collector is available without --expose-gc and frees unreachable memory", () => {
    const heap = v8Heap();
    assert.ok(heap, 'the collector could not be obtained');
    const allocated = makeGarbage();
    const before = heap.heapBytes();
    assert.ok(allocated > 0 && before > 0);
    heap.collect();
    assert.ok(heap.heapBytes() < before, `heap ${heap.heapBytes()} after, ${before} before`);
  });
});
