import { feedbackKinds, feedbackSources, feedbackStatuses } from '@crm/events';
import { z } from 'zod';

export const recordFeedbackInput = z.object({
  customerId: z.uuid('is not a valid id'),
  kind: z.enum(feedbackKinds),
  title: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  body: z
    .string()
    .trim()
    .max(10_000, 'must be at most 10000 characters')
    .transform((v) => (v === '' ? null : v))
    .nullish(),
  source: z.enum(feedbackSources).nullish(),
});

export const changeFeedbackStatusInput = z.object({
  feedbackId: z.uuid('is not a valid id'),
  status: z.enum(feedbackStatuses),
});

export type RecordFeedbackInput = z.input<typeof recordFeedbackInput>;
export type ChangeFeedbackStatusInput = z.input<typeof changeFeedbackStatusInput>;
