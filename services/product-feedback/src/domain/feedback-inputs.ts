import { feedbackKinds, feedbackSources, feedbackStatuses } from '@crm/events';
import { idField } from '@crm/subgraph';
import { z } from 'zod';

export const recordFeedbackInput = z.object({
  customerId: idField,
  kind: z.enum(feedbackKinds),
  title: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  body: z
    .string()
    .trim()
    .max(10_000, 'must be at most 10000 characters')
    .transform((v) => (v === '' ? null : v))
    .nullish(),
  source: z.enum(feedbackSources).nullish(),
  /** The campaign where it was heard (origin CAMPAIGN). */
  campaignId: idField.nullish(),
});

export const changeFeedbackStatusInput = z.object({
  feedbackId: idField,
  status: z.enum(feedbackStatuses),
});

export type RecordFeedbackInput = z.input<typeof recordFeedbackInput>;
export type ChangeFeedbackStatusInput = z.input<typeof changeFeedbackStatusInput>;
