import * as assert from 'node:assert/strict';
import {
  LogNormal,
  Z90,
  drawUniform,
  inverseNormal,
  runSeed,
  seedStream,
} from '../../../../../server/src/service/prediction/engine/random';

/** The first `count` uniform draws of stream `stream` of run `run`, as the engine draws them. */
function draws(seed: number, run: number, stream: number, count: number): number[] {
  const states = new Uint32Array(stream + 1);
  const out = new Float64Array(count);
  seedStream(states, stream, runSeed(seed, run), stream);
  for (let j = 0; j < count; j++) drawUniform(states, stream, out, j);
  return Array.from(out);
}

/** The duration (minutes) at uniform draw `u`, through the engine's in-place quantile function. */
function durationAt(distribution: LogNormal, u: number): number {
  const values = Float64Array.of(u);
  distribution.apply(values, 0);
  return values[0]!;
}

suite('prediction/random', () => {
  test('gives the same stream for the same seed and another for another seed', () => {
    const first = draws(42, 0, 0, 5);
    assert.deepEqual(first, draws(42, 0, 0, 5));
    assert.notDeepEqual(first, draws(43, 0, 0, 5));
  });

  test('draws uniforms strictly inside (0, 1) with a plausible mean', () => {
    let sum = 0;
    for (const u of draws(7, 0, 0, 20000)) {
      assert.ok(u > 0 && u < 1);
      sum += u;
    }
    assert.ok(Math.abs(sum / 20000 - 0.5) < 0.01);
  });

  test('keeps each stream of a run apart: drawing from one does not move another', () => {
    const states = new Uint32Array(2);
    const out = new Float64Array(4);
    const seedOfRun = runSeed(5, 2);
    seedStream(states, 0, seedOfRun, 0);
    seedStream(states, 1, seedOfRun, 1);
    drawUniform(states, 0, out, 0);
    drawUniform(states, 0, out, 1);
    drawUniform(states, 1, out, 2);
    drawUniform(states, 1, out, 3);
    assert.deepEqual(Array.from(out), [...draws(5, 2, 0, 2), ...draws(5, 2, 1, 2)]);
  });

  test('derives per-run and per-stream seeds so one run can be replayed alone', () => {
    const draw = (seed: number, run: number, stream: number): number[] => draws(seed, run, stream, 2);
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
    assert.equal(durationAt(distribution, 0.5), 5);
    assert.ok(Math.abs(durationAt(distribution, 0.9) - 60) / 60 < 1e-3);
    assert.ok(Math.abs(distribution.sigma - (Math.log(60) - Math.log(5)) / Z90) < 1e-12);
    const durations = draws(3, 0, 0, 20000)
      .map((u) => durationAt(distribution, u))
      .sort((a, b) => a - b);
    assert.ok(Math.abs(durations[10000]! - 5) < 0.3);
    assert.ok(Math.abs(durations[18000]! - 60) < 4);
  });

  test('gives a fixed duration when p50 = p90 and 0 when p50 = 0, in the unit asked', () => {
    assert.equal(durationAt(LogNormal.fit({ p50: 2, p90: 2 }, 60), 0.99), 120);
    assert.equal(durationAt(LogNormal.fit({ p50: 0, p90: 10 }, 1), 0.99), 0);
    assert.equal(durationAt(LogNormal.fit({ p50: 30, p90: 30 }, 1 / 60), 0.01), 0.5);
  });

  test('scales durations by a factor (a backlog)', () => {
    const distribution = LogNormal.fit({ p50: 6, p90: 36 }, 60);
    const scaled = distribution.scaled(3);
    for (const u of [0.1, 0.5, 0.9, 0.999]) {
      assert.ok(Math.abs(durationAt(scaled, u) / durationAt(distribution, u) - 3) < 1e-3);
    }
  });

  test('keeps the quantile function increasing across its table and exact tails', () => {
    const distribution = LogNormal.fit({ p50: 1, p90: 100 }, 1);
    let previous = 0;
    for (let i = 1; i < 4000; i++) {
      const value = durationAt(distribution, i / 4000);
      assert.ok(value >= previous, `at ${i / 4000}`);
      previous = value;
    }
  });
});
