import * as assert from 'node:assert/strict';
import { requestNumber, zonedMinuteText } from '../../../shared/format';

suite('shared/format: times and numbers as a person reads them', () => {
  test("times in the tenant's zone with its offset, summer and winter; UTC without a usable zone", () => {
    assert.equal(
      zonedMinuteText('2026-11-30T08:00:00.000Z', 'Europe/Berlin'),
      '2026-11-30 09:00 +01:00 Europe/Berlin',
    );
    assert.equal(
      zonedMinuteText('2026-07-30T08:00:00.000Z', 'Europe/Berlin'),
      '2026-07-30 10:00 +02:00 Europe/Berlin',
    );
    assert.equal(
      zonedMinuteText('2026-11-30T08:00:00.000Z', 'Asia/Kolkata'),
      '2026-11-30 13:30 +05:30 Asia/Kolkata',
    );
    assert.equal(
      zonedMinuteText('2026-11-30T08:00:00.000Z', 'America/Chicago'),
      '2026-11-30 02:00 -06:00 America/Chicago',
    );
    assert.equal(zonedMinuteText('2026-11-30T08:00:00.000Z', null), '2026-11-30 08:00 UTC');
    assert.equal(zonedMinuteText('2026-11-30T08:00:00.000Z', 'Not/AZone'), '2026-11-30 08:00 UTC');
  });

  test('requests count from 1', () => {
    assert.equal(requestNumber(0), '#1');
    assert.equal(requestNumber(41), '#42');
  });
});
