import {
  addBusinessMs,
  businessMsBetween,
  endOfBusinessDays,
  type BusinessCalendar,
} from '../src/domain/sla/business-time';
import {
  dueAtOf,
  pauseClock,
  resumeClock,
  retargetClock,
  startClock,
  stopClock,
  viewClock,
} from '../src/domain/sla/sla-clock';

const HOUR = 3_600_000;
const nineToSix = (timeZone: string, holidays: string[] = []): BusinessCalendar => ({
  timeZone,
  holidays,
  hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 9 * 60, endMinute: 18 * 60 })),
});
const shanghai = nineToSix('Asia/Shanghai');
// Shanghai is UTC+8 all year: 09:00 local is 01:00Z, 18:00 local is 10:00Z.
const at = (iso: string) => new Date(iso);

describe('business time', () => {
  it('carries what is left at closing time over the night to the next opening', () => {
    // Tuesday 2026-12-01 17:00 local + 4 business hours -> Wednesday 12:00 local
    expect(addBusinessMs(shanghai, at('2026-12-01T09:00:00Z'), 4 * HOUR)).toEqual(
      at('2026-12-02T04:00:00Z'),
    );
    expect(
      businessMsBetween(shanghai, at('2026-12-01T09:00:00Z'), at('2026-12-02T04:00:00Z')),
    ).toBe(4 * HOUR);
  });

  it('skips the weekend', () => {
    // Friday 2026-12-04 16:00 local + 3 h -> Monday 2026-12-07 10:00 local
    expect(addBusinessMs(shanghai, at('2026-12-04T08:00:00Z'), 3 * HOUR)).toEqual(
      at('2026-12-07T02:00:00Z'),
    );
    expect(
      businessMsBetween(shanghai, at('2026-12-05T00:00:00Z'), at('2026-12-06T23:00:00Z')),
    ).toBe(0);
  });

  it('skips a holiday of the calendar', () => {
    const withHoliday = nineToSix('Asia/Shanghai', ['2026-12-07']);
    // Friday 16:00 + 3 h, Monday is a holiday -> Tuesday 10:00 local
    expect(addBusinessMs(withHoliday, at('2026-12-04T08:00:00Z'), 3 * HOUR)).toEqual(
      at('2026-12-08T02:00:00Z'),
    );
  });

  it('starts counting at opening time when the clock starts at night', () => {
    // Wednesday 22:00 local + 1 h -> Thursday 10:00 local
    expect(addBusinessMs(shanghai, at('2026-12-02T14:00:00Z'), HOUR)).toEqual(
      at('2026-12-03T02:00:00Z'),
    );
  });

  it('reads working hours in the calendar time zone, across a daylight-saving change', () => {
    const newYork = nineToSix('America/New_York');
    // Friday 2026-03-06 17:00 EST (22:00Z) + 2 h -> Monday 2026-03-09 10:00 EDT (14:00Z)
    expect(addBusinessMs(newYork, at('2026-03-06T22:00:00Z'), 2 * HOUR)).toEqual(
      at('2026-03-09T14:00:00Z'),
    );
  });

  it('counts round the clock without a calendar', () => {
    expect(addBusinessMs(null, at('2026-12-05T00:00:00Z'), 30 * HOUR)).toEqual(
      at('2026-12-06T06:00:00Z'),
    );
  });
});

describe('working days (the due time of a churn visit)', () => {
  it('ends at closing time of the n-th working day after today, across the weekend', () => {
    // Thursday 2026-12-03 15:00 local + 2 working days -> Friday, Monday: Monday 18:00 local
    expect(endOfBusinessDays(shanghai, at('2026-12-03T07:00:00Z'), 2)).toEqual(
      at('2026-12-07T10:00:00Z'),
    );
    // on a Saturday, the next working day is Monday
    expect(endOfBusinessDays(shanghai, at('2026-12-05T02:00:00Z'), 1)).toEqual(
      at('2026-12-07T10:00:00Z'),
    );
  });

  it('does not count a holiday, and ends after the last working period of the day', () => {
    const withHoliday = nineToSix('Asia/Shanghai', ['2026-12-07']);
    // Friday 22:00 local + 1 working day, Monday is a holiday -> Tuesday 18:00 local
    expect(endOfBusinessDays(withHoliday, at('2026-12-04T14:00:00Z'), 1)).toEqual(
      at('2026-12-08T10:00:00Z'),
    );
    const lunchBreak: BusinessCalendar = {
      timeZone: 'Asia/Shanghai',
      holidays: [],
      hours: [1, 2, 3, 4, 5].flatMap((weekday) => [
        { weekday, startMinute: 13 * 60, endMinute: 17 * 60 },
        { weekday, startMinute: 9 * 60, endMinute: 12 * 60 },
      ]),
    };
    // Monday 10:00 local + 1 working day -> Tuesday 17:00 local
    expect(endOfBusinessDays(lunchBreak, at('2026-12-07T02:00:00Z'), 1)).toEqual(
      at('2026-12-08T09:00:00Z'),
    );
  });

  it('counts whole days round the clock without a calendar', () => {
    expect(endOfBusinessDays(null, at('2026-12-05T03:00:00Z'), 2)).toEqual(
      at('2026-12-07T03:00:00Z'),
    );
  });
});

describe('an SLA clock', () => {
  it('does not count while paused and moves its due time by the pause', () => {
    // opened Monday 2026-12-07 10:00 local with a 4 h target: due 14:00 local
    let clock = startClock('RESOLUTION', 4 * HOUR, at('2026-12-07T02:00:00Z'));
    expect(dueAtOf(clock, shanghai)).toEqual(at('2026-12-07T06:00:00Z'));
    // pending from 11:00 to 16:00 local: 1 h counted, 3 h left from 16:00 -> due Tuesday 10:00
    clock = pauseClock(clock, shanghai, at('2026-12-07T03:00:00Z'));
    expect(viewClock(clock, shanghai, at('2026-12-07T06:30:00Z'))).toMatchObject({
      dueAt: null,
      paused: true,
      remainingMs: 3 * HOUR,
      breached: false,
    });
    clock = resumeClock(clock, at('2026-12-07T08:00:00Z'));
    expect(dueAtOf(clock, shanghai)).toEqual(at('2026-12-08T02:00:00Z'));
  });

  it('is breached once its business time runs out, and a met target stays met', () => {
    const clock = startClock('FIRST_RESPONSE', HOUR, at('2026-12-07T02:00:00Z'));
    expect(viewClock(clock, shanghai, at('2026-12-07T02:59:00Z')).breached).toBe(false);
    expect(viewClock(clock, shanghai, at('2026-12-07T03:00:00Z'))).toMatchObject({
      breached: true,
      remainingMs: 0,
    });
    const met = stopClock(clock, shanghai, at('2026-12-07T02:30:00Z'));
    expect(viewClock(met, shanghai, at('2026-12-09T00:00:00Z'))).toMatchObject({
      breached: false,
      remainingMs: 30 * 60_000,
      dueAt: null,
      metAt: at('2026-12-07T02:30:00Z'),
    });
  });

  it('keeps the time already counted when the policy changes mid-ticket', () => {
    // 8 h target from Monday 10:00 local; at 12:00 a stricter policy (4 h, round the clock)
    const clock = startClock('RESOLUTION', 8 * HOUR, at('2026-12-07T02:00:00Z'));
    const next = retargetClock(
      clock,
      shanghai,
      { calendar: null, targetMs: 4 * HOUR },
      at('2026-12-07T04:00:00Z'),
    );
    expect(next.clock).toMatchObject({ elapsedMs: 2 * HOUR, targetMs: 4 * HOUR });
    expect(dueAtOf(next.clock, next.calendar)).toEqual(at('2026-12-07T06:00:00Z'));
  });
});
