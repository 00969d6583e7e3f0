import { addDays, instantAt, isoDate, localDateOf } from './zoned-time';

/** Working hours of one ISO weekday (1 = Monday), as minutes after local midnight. */
export interface WorkingInterval {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

/** When the clock counts: working hours per weekday, holidays, in a time zone. */
export interface BusinessCalendar {
  timeZone: string;
  hours: WorkingInterval[];
  /** Local dates (YYYY-MM-DD) without working hours. */
  holidays: string[];
}

/** null stands for round the clock (a policy without a calendar). */
export type Calendar = BusinessCalendar | null;

/** A calendar with no working day for this long cannot reach a due time. */
const MAX_DAYS = 3 * 366;

/** The working periods (UTC ms) of the local days from the one holding `fromMs` on, in order. */
function* workingPeriods(calendar: BusinessCalendar, fromMs: number): Generator<[number, number]> {
  const holidays = new Set(calendar.holidays);
  const first = localDateOf(fromMs, calendar.timeZone);
  for (let i = -1; i < MAX_DAYS; i++) {
    const date = addDays(first, i);
    if (holidays.has(isoDate(date))) continue;
    const today = calendar.hours
      .filter((h) => h.weekday === date.weekday)
      .sort((a, b) => a.startMinute - b.startMinute);
    for (const h of today) {
      const start = instantAt(date, h.startMinute, calendar.timeZone);
      const end = instantAt(date, h.endMinute, calendar.timeZone);
      if (end > fromMs) yield [Math.max(start, fromMs), end];
    }
  }
}

/** Business milliseconds between two instants (0 when `to` is not after `from`). */
export function businessMsBetween(calendar: Calendar, from: Date, to: Date): number {
  const [a, b] = [from.getTime(), to.getTime()];
  if (b <= a) return 0;
  if (!calendar) return b - a;
  let total = 0;
  for (const [start, end] of workingPeriods(calendar, a)) {
    if (start >= b) break;
    total += Math.min(end, b) - start;
  }
  return total;
}

/** The instant `ms` business milliseconds after `from` (`from` itself for 0 or less). */
export function addBusinessMs(calendar: Calendar, from: Date, ms: number): Date {
  if (ms <= 0) return from;
  if (!calendar) return new Date(from.getTime() + ms);
  let left = ms;
  for (const [start, end] of workingPeriods(calendar, from.getTime())) {
    if (end - start >= left) return new Date(start + left);
    left -= end - start;
  }
  throw new Error(`the calendar has no working time within ${MAX_DAYS} days`);
}

/**
 * The end of the working hours of the `days`-th working day after the local day holding `from`
 * (days without working hours and holidays do not count). Round the clock: `days` x 24 hours.
 */
export function endOfBusinessDays(calendar: Calendar, from: Date, days: number): Date {
  if (!calendar) return new Date(from.getTime() + days * 86_400_000);
  const today = isoDate(localDateOf(from.getTime(), calendar.timeZone));
  let counted = 0;
  let day: string | null = null;
  let end = 0;
  for (const [start, periodEnd] of workingPeriods(calendar, from.getTime())) {
    const date = isoDate(localDateOf(start, calendar.timeZone));
    if (date <= today) continue;
    if (date !== day) {
      if (counted === days) break;
      counted += 1;
      day = date;
    }
    end = periodEnd;
  }
  if (counted < days) throw new Error(`the calendar has no working time within ${MAX_DAYS} days`);
  return new Date(end);
}
