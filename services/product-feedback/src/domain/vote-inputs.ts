import { idField } from '@crm/subgraph';
import { z } from 'zod';
import { importances } from '../db/idea-votes';

export const voteForIdeaInput = z.object({
  ideaId: idField,
  customerId: idField,
  importance: z.enum(importances),
});

export const withdrawVoteInput = z.object({ ideaId: idField, customerId: idField });
