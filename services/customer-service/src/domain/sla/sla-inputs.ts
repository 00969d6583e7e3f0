import { customerTiers, ticketPriorities } from '@crm/events';
import { z } from 'zod';
import { deskRules } from '../../env';

export const weekdays = [
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
] as const;

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time of day such as 09:00 or 18:30')
  .transform((v) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3)));

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-10-01')
  .refine((v) => new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'is not a calendar date');

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const name = z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters');

export const saveBusinessCalendarInput = z
  .object({
    id: z.uuid('is not a valid id').nullish(),
    name,
    timeZone: z
      .string()
      .trim()
      .refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai')
      .nullish()
      .transform((v) => v ?? deskRules().BUSINESS_TIMEZONE),
    hours: z
      .array(z.object({ weekday: z.enum(weekdays), start: clockTime, end: clockTime }))
      .min(1, 'needs at least one period of working hours'),
    holidays: z
      .array(isoDay)
      .nullish()
      .transform((v) => [...new Set(v ?? [])].sort()),
  })
  .superRefine((input, ctx) => {
    input.hours.forEach((h, i) => {
      if (h.end <= h.start) {
        ctx.addIssue({ code: 'custom', path: ['hours', i, 'end'], message: 'must be after start' });
        return;
      }
      const overlap = input.hours.findIndex(
        (o, j) => j < i && o.weekday === h.weekday && o.start < h.end && h.start < o.end,
      );
      if (overlap >= 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['hours', i],
          message: `overlaps hours.${overlap} on ${h.weekday}`,
        });
      }
    });
  });

const minutes = z.number().int('must be whole minutes').positive('must be more than 0').nullish();

export const saveSlaPolicyInput = z
  .object({
    id: z.uuid('is not a valid id').nullish(),
    name,
    position: z.number().int().min(0, 'must be 0 or more'),
    tiers: z
      .array(z.enum(customerTiers))
      .nullish()
      .transform((v) => [...new Set(v ?? [])]),
    priorities: z
      .array(z.enum(ticketPriorities))
      .nullish()
      .transform((v) => [...new Set(v ?? [])]),
    calendarId: z.uuid('is not a valid id').nullish(),
    firstResponseMinutes: minutes,
    nextResponseMinutes: minutes,
    resolutionMinutes: minutes,
    warningPercent: z
      .number()
      .int()
      .min(1, 'must be 1 to 99')
      .max(99, 'must be 1 to 99')
      .default(80),
  })
  .refine((p) => p.firstResponseMinutes || p.nextResponseMinutes || p.resolutionMinutes, {
    message:
      'a policy needs at least one target (firstResponseMinutes, nextResponseMinutes or resolutionMinutes)',
  });
