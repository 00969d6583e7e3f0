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

export const logActivityInput = z
  .object({
    customerId: id,
    kind: z.enum(activityKinds),
    subject: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
    outcome: text(500),
    notes: text(5000),
    occurredAt: when.nullish(),
    nextFollowUpAt: when.nullish(),
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
  dueAt: when,
  remindBeforeMinutes: remindBefore.nullish(),
  assigneeId: id.nullish(),
  customerId: id.nullish(),
  opportunityId: id.nullish(),
});

export const updateTaskInput = z.object({
  id,
  title: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  notes: text(5000),
  dueAt: when.optional(),
  remindBeforeMinutes: remindBefore.nullish(),
});

export const taskIdInput = z.object({ id });
