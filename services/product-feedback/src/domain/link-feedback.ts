import type { Viewer } from '@crm/auth';
import type { Tx } from '@crm/database';
import { parseInput, transactionally, userError, UserErrors, type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { existingFeedbackIds, linkFeedback, unlinkFeedback } from '../db/idea-links';
import type { Idea } from '../db/ideas';
import { auditIdea } from './idea-audit';
import { ideaFeedbackInput } from './idea-inputs';
import { requireOpenIdea } from './idea-lookup';
import { requireProduct } from './product-access';

type LinkWork = (tx: Tx, idea: Idea, feedbackIds: string[]) => Promise<void>;

/** Product's change to the links of an open idea, in one transaction; answers the idea. */
async function changeLinks(
  dataSource: DataSource,
  viewer: Viewer,
  raw: unknown,
  work: LinkWork,
): Promise<Result<Idea>> {
  requireProduct(viewer);
  const parsed = parseInput(ideaFeedbackInput, raw);
  if (!parsed.ok) return parsed;
  const { ideaId, feedbackIds } = parsed.value;
  return transactionally(dataSource, async (tx) => {
    const idea = await requireOpenIdea(tx, 'ideaId', ideaId);
    await work(tx, idea, feedbackIds);
    return idea;
  });
}

/** Links feedback items to an idea (linking twice is harmless); unknown items change nothing. */
export function linkFeedbackToIdea(dataSource: DataSource, viewer: Viewer, raw: unknown) {
  return changeLinks(dataSource, viewer, raw, async (tx, idea, feedbackIds) => {
    const known = await existingFeedbackIds(tx, feedbackIds);
    const missing = feedbackIds.flatMap((id, i) =>
      known.has(id)
        ? []
        : [userError(`feedbackIds.${i}`, 'NOT_FOUND', `feedbackIds.${i}: no feedback item ${id}`)],
    );
    if (missing.length) throw new UserErrors(missing);
    const linked = await linkFeedback(tx, idea.id, feedbackIds, viewer.id);
    if (linked.length)
      await auditIdea(tx, viewer.id, 'idea.link_feedback', { ideaId: idea.id, after: { linked } });
  });
}

/** Removes links between feedback items and an idea. */
export function unlinkFeedbackFromIdea(dataSource: DataSource, viewer: Viewer, raw: unknown) {
  return changeLinks(dataSource, viewer, raw, async (tx, idea, feedbackIds) => {
    const linked = await unlinkFeedback(tx, idea.id, feedbackIds);
    if (linked.length)
      await auditIdea(tx, viewer.id, 'idea.unlink_feedback', {
        ideaId: idea.id,
        before: { linked },
      });
  });
}
