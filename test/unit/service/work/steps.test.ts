import * as assert from 'node:assert/strict';
import type { Progress, Steps } from '../../../../server/src/service/work/steps';
import { Cancelled, runSteps, within } from '../../../../server/src/service/work/steps';

function* counting(n: number): Steps<number> {
  for (let i = 1; i <= n; i++) yield i % 2 === 0 ? { done: i / n } : undefined;
  return n;
}

function progressOf<T>(steps: Steps<T>): { progress: (Progress | undefined)[]; result: T } {
  const progress: (Progress | undefined)[] = [];
  for (;;) {
    const next = steps.next();
    if (next.done) return { progress, result: next.value };
    progress.push(next.value);
  }
}

suite('work as steps', () => {
  test("within maps a part's progress into its share of the whole, keeping the last share where a step gives none", () => {
    const { progress, result } = progressOf(within(counting(4), 0.5, 1, 'plan 2 of 2'));
    assert.equal(result, 4);
    assert.deepEqual(progress, [
      { done: 0.5, message: 'plan 2 of 2' },
      { done: 0.75, message: 'plan 2 of 2' },
      { done: 0.75, message: 'plan 2 of 2' },
      { done: 1, message: 'plan 2 of 2' },
    ]);
  });

  test('runSteps runs to the result, or throws Cancelled after the step at which it is cancelled', () => {
    assert.equal(runSteps(counting(5)), 5);
    let asked = 0;
    assert.throws(() => runSteps(counting(5), () => ++asked === 3), Cancelled);
    assert.equal(asked, 3);
  });
});
