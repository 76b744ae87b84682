/**
 * The binary heaps of the connector queue (docs/prediction-model.md#connector), on typed arrays for
 * the hot loop: requests ordered by (time, unit), and the source's slots by the time each is free.
 */

/**
 * Min-heap on (time, unit) in two parallel arrays. The caller has written the new entry at index
 * `size`; this moves it up to its place and returns the new size.
 */
export function siftUp(times: Float64Array, ids: Int32Array, size: number): number {
  const time = times[size]!;
  const id = ids[size]!;
  let i = size;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const pt = times[parent]!;
    if (pt < time || (pt === time && ids[parent]! < id)) break;
    times[i] = pt;
    ids[i] = ids[parent]!;
    i = parent;
  }
  times[i] = time;
  ids[i] = id;
  return size + 1;
}

/** Removes the root; returns the new size. */
export function heapPop(times: Float64Array, ids: Int32Array, size: number): number {
  const last = size - 1;
  const time = times[last]!;
  const id = ids[last]!;
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= last) break;
    const right = child + 1;
    if (
      right < last &&
      (times[right]! < times[child]! || (times[right] === times[child] && ids[right]! < ids[child]!))
    ) {
      child = right;
    }
    const ct = times[child]!;
    if (time < ct || (time === ct && id < ids[child]!)) break;
    times[i] = ct;
    ids[i] = ids[child]!;
    i = child;
  }
  times[i] = time;
  ids[i] = id;
  return last;
}

/** Restores the slot min-heap after its root (the earliest free slot) was given a later time. */
export function siftSlots(slots: Float64Array): void {
  const size = slots.length;
  const value = slots[0]!;
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= size) break;
    if (child + 1 < size && slots[child + 1]! < slots[child]!) child++;
    if (value <= slots[child]!) break;
    slots[i] = slots[child]!;
    i = child;
  }
  slots[i] = value;
}
