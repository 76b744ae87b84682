import * as assert from 'node:assert/strict';
import {
  AggregationCalendar,
  BusinessCalendar,
  weeklyMinutes,
  weeklySchedule,
} from '../../../../server/src/service/time/calendars';
import { ZoneClock, isTimeZone } from '../../../../server/src/service/time/zoneClock';
import { quartzSchedule, quartzWallClock } from '../../../../server/src/service/time/cron';
import type { BusinessHours } from '../../../../server/src/service/time/calendars';

const WEEKDAYS: BusinessHours = { days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], start: '09:00', end: '17:00' };
const HOUR = 3_600_000;

function aggregation(expression: string, zone: string, origin: number, duration = 15): AggregationCalendar {
  const schedule = quartzWallClock(expression);
  assert.ok(schedule, expression);
  return new AggregationCalendar(schedule, new ZoneClock(zone, origin), origin, duration);
}

suite('prediction/calendar', () => {
  test('knows offsets across daylight saving time', () => {
    const clock = new ZoneClock('Europe/Berlin', Date.UTC(2025, 2, 1));
    assert.equal(clock.offsetAt(Date.UTC(2025, 2, 30, 0, 59)), HOUR);
    assert.equal(clock.offsetAt(Date.UTC(2025, 2, 30, 1, 0)), 2 * HOUR);
    assert.equal(clock.offsetAt(Date.UTC(2025, 9, 26, 0, 59)), 2 * HOUR);
    assert.equal(clock.offsetAt(Date.UTC(2025, 9, 26, 1, 0)), HOUR);
    // 02:30 on the spring day does not exist: it becomes the end of the gap, 03:00 CEST.
    assert.equal(clock.toUtc(Date.UTC(2025, 2, 30, 2, 30)), Date.UTC(2025, 2, 30, 1, 0));
    // 02:30 on the autumn day happens twice: the earlier one.
    assert.equal(clock.toUtc(Date.UTC(2025, 9, 26, 2, 30)), Date.UTC(2025, 9, 26, 0, 30));
    assert.ok(isTimeZone('America/New_York'));
    assert.ok(!isTimeZone('Mars/Olympus_Mons'));
  });

  test('evaluates an aggregation schedule in the catalog time zone', () => {
    const origin = Date.UTC(2025, 5, 2, 9, 0);
    const berlin = aggregation('0 0 2 * * ?', 'Europe/Berlin', origin);
    const utc = aggregation('0 0 2 * * ?', 'UTC', origin);
    assert.equal(berlin.nextStart(0), 15 * 60); // 02:00 CEST = 00:00 UTC next day
    assert.equal(utc.nextStart(0), 17 * 60);
    assert.equal(berlin.verifiedAt(0), 15 * 60 + 15);
  });

  test('follows the zone through a daylight saving change', () => {
    const origin = Date.UTC(2025, 2, 28, 12, 0);
    const berlin = aggregation('0 0 4 * * ?', 'Europe/Berlin', origin);
    const first = berlin.nextStart(0);
    const second = berlin.nextStart(first + 1);
    assert.equal(first, (Date.UTC(2025, 2, 29, 3, 0) - origin) / 60_000);
    assert.equal(second - first, 23 * 60);
  });

  test('lists the same runs as croner in the zone, through a year of daylight saving changes', () => {
    const origin = Date.UTC(2025, 0, 10, 12, 0);
    const cases: [string, string][] = [
      ['0 0 5,13,21 * * ?', 'Europe/Berlin'],
      ['0 30 9 ? * MON-FRI', 'America/New_York'],
      ['0 15 */6 * * ?', 'UTC'],
      ['0 0 4 L * ?', 'Australia/Sydney'],
    ];
    for (const [expression, zone] of cases) {
      const calendar = aggregation(expression, zone, origin);
      const expected = quartzSchedule(expression, zone)!
        .runsBetween(origin - 1, origin + 400 * 24 * 3_600_000, 100_000)
        .map((run) => (run - origin) / 60_000);
      const listed: number[] = [];
      for (
        let next = calendar.nextStart(0);
        next <= expected[expected.length - 1]!;
        next = calendar.nextStart(next + 1e-6)
      ) {
        listed.push(next);
      }
      assert.deepEqual(listed, expected, `${expression} in ${zone}`);
    }
    assert.ok(weeklySchedule(quartzWallClock('0 0 2 ? * 1')!, origin));
    assert.equal(weeklySchedule(quartzWallClock('0 0 2 L * ?')!, origin), undefined);
    assert.equal(weeklySchedule(quartzWallClock('0 0 2 ? * 6#3')!, origin), undefined);
  });

  test('reads Quartz weekday numbers with 1 = Sunday', () => {
    const origin = Date.UTC(2025, 5, 2, 9, 0); // Monday
    const sunday = aggregation('0 0 2 ? * 1', 'UTC', origin);
    // The first Sunday 02:00 after Monday 09:00: five days and seventeen hours later.
    assert.equal(sunday.nextStart(0), 5 * 24 * 60 + 17 * 60);
    assert.equal(new Date(origin + sunday.nextStart(0) * 60_000).getUTCDay(), 0);
  });

  test('lists runs lazily far beyond the first months and gives NaN for a schedule that ended', () => {
    const origin = Date.UTC(2025, 5, 2, 9, 0);
    const daily = aggregation('0 0 2 * * ?', 'UTC', origin);
    const far = 400 * 24 * 60 + 5;
    assert.equal((daily.nextStart(far) - 17 * 60) % (24 * 60), 0);
    assert.ok(daily.nextStart(far) >= far);
    assert.ok(Number.isNaN(aggregation('0 0 2 * * ? 2020', 'UTC', origin).nextStart(0)));
  });

  test('adds business hours: Friday 16:00 plus 2 hours is Monday 10:00', () => {
    const origin = Date.UTC(2025, 5, 6, 14, 0); // Friday 16:00 in Berlin (CEST)
    const calendar = new BusinessCalendar(WEEKDAYS, new ZoneClock('Europe/Berlin', origin), origin, 0);
    const done = calendar.addBusinessMinutes(0, 120);
    assert.equal(origin + done * 60_000, Date.UTC(2025, 5, 9, 8, 0)); // Monday 10:00 CEST
    assert.equal(calendar.addBusinessMinutes(0, 60), 60); // Friday 17:00, not Monday 09:00
  });

  test('adds business hours across a daylight saving weekend', () => {
    const origin = Date.UTC(2025, 2, 7, 21, 0); // Friday 16:00 EST
    const calendar = new BusinessCalendar(WEEKDAYS, new ZoneClock('America/New_York', origin), origin, 0);
    const done = calendar.addBusinessMinutes(0, 120);
    assert.equal(origin + done * 60_000, Date.UTC(2025, 2, 10, 14, 0)); // Monday 10:00 EDT
  });

  test('starts from the next opening when submitted outside business hours', () => {
    const origin = Date.UTC(2025, 5, 7, 12, 0); // Saturday noon UTC
    const calendar = new BusinessCalendar(WEEKDAYS, new ZoneClock('UTC', origin), origin, 0);
    assert.equal(origin + calendar.addBusinessMinutes(0, 30) * 60_000, Date.UTC(2025, 5, 9, 9, 30));
  });

  test('stops the clock while the person is away', () => {
    const origin = Date.UTC(2025, 5, 2, 9, 0); // Monday 09:00 UTC
    const clock = new ZoneClock('UTC', origin);
    const present = new BusinessCalendar(WEEKDAYS, clock, origin, 0);
    const away = new BusinessCalendar(WEEKDAYS, clock, origin, 3 * 24 * 60);
    assert.equal(present.addBusinessMinutes(0, 60), 60);
    assert.equal(origin + away.addBusinessMinutes(0, 60) * 60_000, Date.UTC(2025, 5, 5, 10, 0));
  });

  test('handles shifts across midnight and counts weekly working time', () => {
    const night: BusinessHours = { days: ['Mon'], start: '22:00', end: '06:00' };
    assert.equal(weeklyMinutes(night), 8 * 60);
    assert.equal(weeklyMinutes({ days: [], start: '09:00', end: '17:00' }), 0);
    const origin = Date.UTC(2025, 5, 2, 12, 0); // Monday noon
    const calendar = new BusinessCalendar(night, new ZoneClock('UTC', origin), origin, 0);
    assert.equal(origin + calendar.addBusinessMinutes(0, 180) * 60_000, Date.UTC(2025, 5, 3, 1, 0));
  });
});
