import type { Viewer } from '@crm/auth';
import { idField, parseInput, transactionally, type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { saveIdeaRice, type Idea } from '../db/ideas';
import { auditIdea, ideaAuditView } from './idea-audit';
import { requireIdea } from './idea-lookup';
import { requireProduct } from './product-access';

const setIdeaRiceInput = z.object({
  ideaId: idField,
  rice: z
    .object({
      reach: z.number().int().min(0, 'must be 0 or more'),
      impact: z.enum(['0.25', '0.5', '1', '2', '3'], 'must be one of 0.25, 0.5, 1, 2, 3'),
      confidence: z.number().int().min(0).max(100, 'must be a percentage, 0 to 100'),
      effort: z
        .string()
        .regex(/^\d{1,6}(\.\d{1,2})?$/, 'must be a decimal of person-months, e.g. "1.5"')
        .refine((v) => Number(v) > 0, 'must be more than 0'),
    })
    .nullable(),
});

/** Product sets (or clears, with null) an idea's RICE estimate; its score is computed exactly. */
export async function setIdeaRice(
  dataSource: DataSource,
  viewer: Viewer,
  raw: unknown,
): Promise<Result<Idea>> {
  requireProduct(viewer);
  const parsed = parseInput(setIdeaRiceInput, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  return transactionally(dataSource, async (tx) => {
    const before = await requireIdea(tx, 'ideaId', input.ideaId);
    const idea = await saveIdeaRice(tx, before.id, input.rice);
    await auditIdea(tx, viewer.id, 'idea.set_rice', {
      ideaId: idea.id,
      before: ideaAuditView(before),
      after: ideaAuditView(idea),
    });
    return idea;
  });
}
