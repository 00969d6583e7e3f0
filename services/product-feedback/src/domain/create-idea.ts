import type { Viewer } from '@crm/auth';
import { newId } from '@crm/database';
import { parseInput, transactionally, type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { insertIdea, type Idea } from '../db/ideas';
import { auditIdea, ideaAuditView } from './idea-audit';
import { createIdeaInput } from './idea-inputs';
import { requireProduct } from './product-access';

/** Product opens an idea (a feature request feedback can be linked to); it starts as NEW. */
export async function createIdea(
  dataSource: DataSource,
  viewer: Viewer,
  raw: unknown,
): Promise<Result<Idea>> {
  requireProduct(viewer);
  const parsed = parseInput(createIdeaInput, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  return transactionally(dataSource, async (tx) => {
    const idea = await insertIdea(tx, {
      id: newId(),
      title: input.title,
      description: input.description ?? null,
      createdBy: viewer.id,
    });
    await auditIdea(tx, viewer.id, 'idea.create', { ideaId: idea.id, after: ideaAuditView(idea) });
    return idea;
  });
}
