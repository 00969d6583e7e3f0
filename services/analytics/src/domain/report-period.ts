import { badInput } from '@crm/subgraph';

export type ReportBucket = 'DAY' | 'WEEK' | 'MONTH';

/** Calendar dates from..to (inclusive, YYYY-MM-DD) in the business time zone. */
export interface Period {
  from: string;
  to: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;
/** The longest period a report covers: three years. */
export const MAX_PERIOD_DAYS = 1096;

function parseDate(name: string, value: string): number {
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (!DATE.test(value) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value)
    throw badInput(`${name}: ${JSON.stringify(value)} is not a date (YYYY-MM-DD)`);
  return ms;
}

const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Checks a report's from..to; a bad one is BAD_USER_INPUT naming the argument. */
export function reportPeriod(from: string, to: string): Period {
  const start = parseDate('from', from);
  const end = parseDate('to', to);
  if (end < start) throw badInput(`to: ${to} is before from (${from})`);
  if ((end - start) / DAY_MS + 1 > MAX_PERIOD_DAYS)
    throw badInput(`to: a report covers at most ${MAX_PERIOD_DAYS} days`);
  return { from, to };
}

/** The period of the same length that ends the day before `period` starts. */
export function previousPeriod(period: Period): Period {
  const start = Date.parse(`${period.from}T00:00:00Z`);
  const days = (Date.parse(`${period.to}T00:00:00Z`) - start) / DAY_MS + 1;
  return { from: dateOf(start - days * DAY_MS), to: dateOf(start - DAY_MS) };
}

/** Ratio a / b, or null when b is zero (no rate rather than a made-up 0). */
export const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/** `n` rounded to `digits` decimals (null stays null). */
export const round = (n: number | null, digits: number): number | null =>
  n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits;
