import { activityKinds } from '@crm/events';
import { z } from 'zod';

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((v) => (v === '' ? null : v))
    .nullish();

const id = z.uuid('is not a valid id');
const when = z.coerce.date({ error: 'must be a date-time' });

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * The dates an activity or task may carry. A date far ahead would keep a customer out of the
 * public pool (the follow-up clock) or silence a deadline; one far back would fake a met one.
 * Judged by the server's clock when the mutation runs.
 */
export const dateLimits = {
  /** How far an activity's occurredAt may lie ahead of the server's clock (clock skew). */
  clockSkewMs: 5 * MINUTE,
  /** How far back an activity (or a task's due date) may be recorded. */
  maxBackdateDays: 30,
  /** How far ahead a next follow-up or a task's due date may be planned. */
  maxAheadDays: 365,
} as const;

const past = `${dateLimits.maxBackdateDays} days in the past`;
const ahead = `${dateLimits.maxAheadDays} days ahead`;

/** A date that has happened: not after now (plus the clock skew), not before the backdate limit. */
const happened = when.refine(
  (d) =>
    d.getTime() <= Date.now() + dateLimits.clockSkewMs &&
    d.getTime() >= Date.now() - dateLimits.maxBackdateDays * DAY,
  `must lie between ${past} and now (5 minutes of clock skew allowed)`,
);

/** A date planned ahead: at most the horizon ahead (the schema's other rules say how far back). */
const planned = when.refine(
  (d) => d.getTime() <= Date.now() + dateLimits.maxAheadDays * DAY,
  `must be at most ${ahead}`,
);

/** A task's due date: within the horizon ahead, and not further back than an activity may be. */
const due = when.refine(
  (d) =>
    d.getTime() <= Date.now() + dateLimits.maxAheadDays * DAY &&
    d.getTime() >= Date.now() - dateLimits.maxBackdateDays * DAY,
  `must lie between ${past} and ${ahead}`,
);

export const logActivityInput = z
  .object({
    customerId: id,
    kind: z.enum(activityKinds),
    subject: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
    outcome: text(500),
    notes: text(5000),
    occurredAt: happened.nullish(),
    nextFollowUpAt: planned.nullish(),
    opportunityId: id.nullish(),
    contactId: id.nullish(),
    leadId: id.nullish(),
  })
  .refine((a) => !a.nextFollowUpAt || a.nextFollowUpAt > (a.occurredAt ?? new Date()), {
    path: ['nextFollowUpAt'],
    message: 'must be after the activity',
  });

const remindBefore = z
  .number()
  .int('must be whole minutes')
  .min(0, 'must not be negative')
  .max(60 * 24 * 30, 'must be at most 30 days');

export const createTaskInput = z.object({
  title: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  notes: text(5000),
  dueAt: due,
  remindBeforeMinutes: remindBefore.nullish(),
  assigneeId: id.nullish(),
  customerId: id.nullish(),
  opportunityId: id.nullish(),
});

export const updateTaskInput = z.object({
  id,
  title: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  notes: text(5000),
  dueAt: due.optional(),
  remindBeforeMinutes: remindBefore.nullish(),
});

export const taskIdInput = z.object({ id });
