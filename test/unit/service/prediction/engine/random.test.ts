import * as assert from 'node:assert/strict';
import {
  LogNormal,
  Random,
  Z90,
  inverseNormal,
  nextUniform,
  runSeed,
  streamSeed,
} from '../../../../../server/src/service/prediction/engine/random';

suite('prediction/random', () => {
  test('gives the same stream for the same seed and another for another seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const first = Array.from({ length: 5 }, () => a.next());
    assert.deepEqual(
      first,
      Array.from({ length: 5 }, () => b.next()),
    );
    assert.notDeepEqual(
      first,
      Array.from({ length: 5 }, () => c.next()),
    );
  });

  test('draws uniforms strictly inside (0, 1) with a plausible mean', () => {
    const random = new Random(7);
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const u = random.next();
      assert.ok(u > 0 && u < 1);
      sum += u;
    }
    assert.ok(Math.abs(sum / 20000 - 0.5) < 0.01);
  });

  test('derives per-run and per-stream seeds so one run can be replayed alone', () => {
    const states = new Uint32Array(1);
    const draw = (seed: number, run: number, stream: number): number[] => {
      states[0] = streamSeed(runSeed(seed, run), stream);
      return [nextUniform(states, 0), nextUniform(states, 0)];
    };
    assert.deepEqual(draw(1, 17, 3), draw(1, 17, 3));
    assert.notDeepEqual(draw(1, 17, 3), draw(1, 18, 3));
    assert.notDeepEqual(draw(1, 17, 3), draw(1, 17, 4));
    assert.notDeepEqual(draw(1, 17, 3), draw(2, 17, 3));
  });

  test('inverts the standard normal distribution accurately', () => {
    assert.equal(inverseNormal(0.5), 0);
    assert.ok(Math.abs(inverseNormal(0.9) - Z90) < 1e-8);
    assert.ok(Math.abs(inverseNormal(0.975) - 1.959963984540054) < 1e-8);
    assert.ok(Math.abs(inverseNormal(0.001) + 3.090232306167813) < 1e-7);
  });

  test('fits a log-normal to p50 and p90', () => {
    const distribution = LogNormal.fit({ p50: 5, p90: 60 }, 1);
    assert.equal(distribution.at(0.5), 5);
    assert.ok(Math.abs(distribution.at(0.9) - 60) / 60 < 1e-3);
    assert.ok(Math.abs(distribution.sigma - (Math.log(60) - Math.log(5)) / Z90) < 1e-12);
    const random = new Random(3);
    const draws = Array.from({ length: 20000 }, () => distribution.at(random.next())).sort((a, b) => a - b);
    assert.ok(Math.abs(draws[10000]! - 5) < 0.3);
    assert.ok(Math.abs(draws[18000]! - 60) < 4);
  });

  test('gives a fixed duration when p50 = p90 and 0 when p50 = 0, in the unit asked', () => {
    assert.equal(LogNormal.fit({ p50: 2, p90: 2 }, 60).at(0.99), 120);
    assert.equal(LogNormal.fit({ p50: 0, p90: 10 }, 1).at(0.99), 0);
    assert.equal(LogNormal.fit({ p50: 30, p90: 30 }, 1 / 60).at(0.01), 0.5);
  });

  test('scales durations by a factor (a backlog)', () => {
    const distribution = LogNormal.fit({ p50: 6, p90: 36 }, 60);
    const scaled = distribution.scaled(3);
    for (const u of [0.1, 0.5, 0.9, 0.999]) assert.ok(Math.abs(scaled.at(u) / distribution.at(u) - 3) < 1e-3);
  });

  test('keeps the quantile function increasing across its table and exact tails', () => {
    const distribution = LogNormal.fit({ p50: 1, p90: 100 }, 1);
    let previous = 0;
    for (let i = 1; i < 4000; i++) {
      const value = distribution.at(i / 4000);
      assert.ok(value >= previous, `at ${i / 4000}`);
      previous = value;
    }
  });
});
