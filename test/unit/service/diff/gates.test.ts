import * as assert from 'node:assert/strict';
import type { Milestones } from '../../../../shared/prediction';
import { milestoneShifts, outcomeShifts } from '../../../../server/src/service/diff/compare';
import { gateTrip, parseDuration, parseGate } from '../../../../server/src/service/diff/gates';

function milestones(
  verified: [number, number] | null,
  committed: [number, number] | null = [1, 5],
): Milestones {
  const q = (pair: [number, number] | null) => (pair ? { p50Minutes: pair[0], p90Minutes: pair[1] } : null);
  return { approved: null, started: q([0.5, 1]), committed: q(committed), verified: q(verified) };
}

function unit(base: Milestones, head: Milestones, channels: [string, string] = ['connector', 'connector']) {
  return {
    base: { channel: channels[0], milestones: base },
    head: { channel: channels[1], milestones: head },
  };
}

suite('diff: gates and thresholds', () => {
  test('durations and gate specs parse, and bad ones say why', () => {
    assert.equal(parseDuration('24h'), 1440);
    assert.equal(parseDuration('30m'), 30);
    assert.equal(parseDuration('1.5d'), 2160);
    assert.equal(parseDuration('1w'), 10080);
    assert.equal(parseDuration('soon'), undefined);
    assert.deepEqual(parseGate('slower:25%'), { kind: 'slower', spec: 'slower:25%', share: 0.25 });
    assert.deepEqual(parseGate('sla:verified<=24h'), {
      kind: 'sla',
      spec: 'sla:verified<=24h',
      milestone: 'verified',
      quantile: 'p90',
      minutes: 1440,
    });
    assert.equal((parseGate('sla:committed.p50<=4h') as { quantile: string }).quantile, 'p50');
    assert.match(parseGate('slower:') as string, /slower:25%/);
    assert.match(parseGate('sla:verified<24h') as string, /sla:MILESTONE<=DURATION/);
    assert.match(parseGate('fast') as string, /not "fast"/);
  });

  test('slower trips above the share and 5 minutes, and when a milestone is no longer reached', () => {
    const gate = { kind: 'slower' as const, spec: 'slower:25%', share: 0.25 };
    assert.equal(gateTrip(gate, unit(milestones([240, 300]), milestones([290, 300]))), null); // +21 %
    assert.equal(
      gateTrip(gate, unit(milestones([240, 300]), milestones([310, 300]))),
      'verified p50 4 h → 5.2 h (+29 %)',
    );
    // 1 min → 3 min is +200 %, but under 5 minutes: noise, not a slower fulfilment.
    assert.equal(gateTrip(gate, unit(milestones([240, 300], [1, 2]), milestones([240, 300], [3, 2]))), null);
    assert.equal(gateTrip(gate, unit(milestones([240, 300]), milestones(null))), 'verified p50 4 h → never');
    assert.equal(gateTrip(gate, unit(milestones(null), milestones([240, 300]))), null);
  });

  test('an SLA trips only where the base met it and the head misses it', () => {
    const gate = parseGate('sla:verified<=24h');
    assert.ok(typeof gate !== 'string');
    assert.equal(
      gateTrip(gate, unit(milestones([240, 1000]), milestones([240, 2000]))),
      'verified p90 17 h → 1.4 d (limit 1 d)',
    );
    assert.equal(gateTrip(gate, unit(milestones([240, 2000]), milestones([240, 3000]))), null);
    assert.equal(gateTrip(gate, unit(milestones([240, 1000]), milestones([240, 1440]))), null);
    assert.match(gateTrip(gate, unit(milestones([240, 1000]), milestones(null))) ?? '', /→ never/);
  });

  test('channel-change names both channels; a new target alone does not trip it', () => {
    const gate = { kind: 'channel-change' as const, spec: 'channel-change' };
    const m = milestones([240, 300]);
    assert.equal(gateTrip(gate, unit(m, m, ['connector', 'manual'])), 'channel connector → manual');
    assert.equal(gateTrip(gate, unit(m, m, ['manual', 'manual'])), null);
  });

  test('milestones move past the threshold and 5 minutes; outcomes by a point', () => {
    assert.deepEqual(
      milestoneShifts(milestones([240, 300]), milestones([260, 400]), 0.1).map(
        (s) => `${s.milestone} ${s.quantile}`,
      ),
      ['verified p90'],
    );
    assert.deepEqual(
      milestoneShifts(milestones([240, 300]), milestones(null), 0.1).map(
        (s) => `${s.quantile} ${s.headMinutes}`,
      ),
      ['p50 null', 'p90 null'],
    );
    const base = {
      success: 0.95,
      recovered: 0,
      partial: 0,
      failed: 0.05,
      unverifiable: 0,
      stalled: 0,
      drift: 0,
      'not-fulfilled': 0,
    };
    const head = { ...base, success: 0.945, failed: 0.055 };
    assert.deepEqual(outcomeShifts(base, head), []);
    assert.deepEqual(
      outcomeShifts(base, { ...base, success: 0.9, stalled: 0.05 }).map((s) => s.outcome),
      ['success', 'stalled'],
    );
    assert.deepEqual(outcomeShifts(null, head), []);
  });
});
