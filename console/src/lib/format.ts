import type { Locale } from './messages';

/**
 * The business time zone days and times are shown in (the services' BUSINESS_TIMEZONE default);
 * a deployment in another zone builds the console with VITE_BUSINESS_TIMEZONE.
 */
export const BUSINESS_TIME_ZONE: string =
  (import.meta.env.VITE_BUSINESS_TIMEZONE as string | undefined) ?? 'Asia/Shanghai';

const tag = (locale: Locale) => (locale === 'zh' ? 'zh-CN' : 'en-GB');

export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(tag(locale), {
    timeZone: BUSINESS_TIME_ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD) as it is: no time zone shift. */
export function formatDay(day: string | null | undefined, locale: Locale): string {
  if (!day) return '—';
  return new Intl.DateTimeFormat(tag(locale), { timeZone: 'UTC', dateStyle: 'medium' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** The business day of an instant, YYYY-MM-DD. */
export function businessDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: BUSINESS_TIME_ZONE }).format(at);
}

/** Money in its own currency; the decimal string is formatted exactly (no float rounding). */
export function formatMoney(
  money: { amount: string; currency: string } | null | undefined,
  locale: Locale,
): string {
  if (!money) return '—';
  return new Intl.NumberFormat(tag(locale), {
    style: 'currency',
    currency: money.currency,
  }).format(money.amount as `${number}`);
}

/** A duration in seconds as "2 h 5 min" (negative: overdue by). */
export function formatDuration(seconds: number): string {
  const abs = Math.abs(seconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  return `${seconds < 0 ? '-' : ''}${h ? `${h} h ` : ''}${m} min`;
}

/** How far the business time zone is ahead of UTC at an instant, in milliseconds. */
function zoneOffset(at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: BUSINESS_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - at;
}

/** A wall time typed in a form (YYYY-MM-DDTHH:mm, business time zone) as an ISO instant. */
export function businessWallTimeToIso(wall: string): string {
  const [date, time = '00:00'] = wall.split('T');
  const [y, mo, d] = date!.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  return new Date(guess - zoneOffset(guess - zoneOffset(guess))).toISOString();
}
