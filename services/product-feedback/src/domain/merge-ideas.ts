import type { Viewer } from '@crm/auth';
import { parseInput, transactionally, userError, type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { moveLinks } from '../db/idea-links';
import { foldVotes } from '../db/idea-votes';
import { saveIdeaStatus, type Idea } from '../db/ideas';
import { auditIdea, ideaAuditView } from './idea-audit';
import { mergeIdeasInput } from './idea-inputs';
import { requireOpenIdea } from './idea-lookup';
import { requireProduct } from './product-access';

/**
 * Merges a duplicate idea into another: its feedback links (and votes) move to the surviving
 * idea, each item and each customer counted once; the duplicate becomes DUPLICATE, pointing there.
 */
export async function mergeIdeas(
  dataSource: DataSource,
  viewer: Viewer,
  raw: unknown,
): Promise<Result<Idea>> {
  requireProduct(viewer);
  const parsed = parseInput(mergeIdeasInput, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  if (input.duplicateId === input.intoId) {
    return {
      ok: false,
      errors: [userError('intoId', 'INVALID', 'intoId: an idea cannot be merged into itself')],
    };
  }
  return transactionally(dataSource, async (tx) => {
    // lock in id order so that two opposite merges cannot deadlock
    const [first, second] = [input.duplicateId, input.intoId].sort();
    const locked = new Map<string, Idea>();
    for (const id of [first, second]) {
      const field = id === input.duplicateId ? 'duplicateId' : 'intoId';
      locked.set(id, await requireOpenIdea(tx, field, id));
    }
    const before = locked.get(input.duplicateId)!;
    const into = locked.get(input.intoId)!;
    const movedLinks = await moveLinks(tx, before.id, into.id);
    const movedVotes = await foldVotes(tx, 'idea_id', before.id, into.id);
    const duplicate = await saveIdeaStatus(tx, before.id, {
      status: 'DUPLICATE',
      reason: input.reason ?? `merged into ${into.title}`,
      duplicateOf: into.id,
    });
    await auditIdea(tx, viewer.id, 'idea.merge', {
      ideaId: duplicate.id,
      before: ideaAuditView(before),
      after: { ...ideaAuditView(duplicate), movedLinks, movedVotes },
    });
    await auditIdea(tx, viewer.id, 'idea.absorb_duplicate', {
      ideaId: into.id,
      after: { duplicateId: duplicate.id, movedLinks, movedVotes },
    });
    return into;
  });
}
