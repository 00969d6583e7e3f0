import { idField } from '@crm/subgraph';
import { z } from 'zod';
import { ideaStatuses } from '../db/ideas';

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((v) => (v === '' ? null : v))
    .nullish();

export const createIdeaInput = z.object({
  title: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  description: text(10_000),
});

export const changeIdeaStatusInput = z.object({
  ideaId: idField,
  status: z.enum(ideaStatuses),
  reason: text(2_000),
});

export const ideaFeedbackInput = z.object({
  ideaId: idField,
  feedbackIds: z
    .array(idField)
    .min(1, 'needs at least one item')
    .max(500, 'at most 500 items at a time'),
});

export const mergeIdeasInput = z.object({
  duplicateId: idField,
  intoId: idField,
  reason: text(2_000),
});
