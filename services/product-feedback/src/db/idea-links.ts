import { rows, type Tx } from '@crm/database';

/** Links items to an idea; links that exist already stay as they are. Returns the new ones. */
export async function linkFeedback(
  tx: Tx,
  ideaId: string,
  feedbackIds: readonly string[],
  linkedBy: string,
): Promise<string[]> {
  const added = await rows<{ feedback_id: string }>(
    tx,
    `INSERT INTO idea_feedback (idea_id, feedback_id, linked_by)
     SELECT $1, unnest($2::uuid[]), $3
     ON CONFLICT DO NOTHING RETURNING feedback_id`,
    [ideaId, feedbackIds, linkedBy],
  );
  return added.map((r) => r.feedback_id);
}

/** Removes links; returns the ids that were linked. */
export async function unlinkFeedback(
  tx: Tx,
  ideaId: string,
  feedbackIds: readonly string[],
): Promise<string[]> {
  const removed = await rows<{ feedback_id: string }>(
    tx,
    `DELETE FROM idea_feedback WHERE idea_id = $1 AND feedback_id = ANY($2::uuid[])
     RETURNING feedback_id`,
    [ideaId, feedbackIds],
  );
  return removed.map((r) => r.feedback_id);
}

/** Moves every link of one idea to another (an item linked to both keeps one link). */
export async function moveLinks(tx: Tx, fromIdeaId: string, toIdeaId: string): Promise<number> {
  const moved = await rows<{ feedback_id: string }>(
    tx,
    `WITH gone AS (DELETE FROM idea_feedback WHERE idea_id = $1 RETURNING feedback_id, linked_by, linked_at)
     INSERT INTO idea_feedback (idea_id, feedback_id, linked_by, linked_at)
     SELECT $2, feedback_id, linked_by, linked_at FROM gone
     ON CONFLICT DO NOTHING RETURNING feedback_id`,
    [fromIdeaId, toIdeaId],
  );
  return moved.length;
}

/** The ids of the items linked to each idea of a batch, oldest link first. */
export async function linkedFeedbackIds(
  tx: Tx,
  ideaIds: readonly string[],
): Promise<{ ideaId: string; feedbackId: string }[]> {
  const found = await rows<{ idea_id: string; feedback_id: string }>(
    tx,
    `SELECT idea_id, feedback_id FROM idea_feedback WHERE idea_id = ANY($1::uuid[])
     ORDER BY linked_at, feedback_id`,
    [ideaIds],
  );
  return found.map((r) => ({ ideaId: r.idea_id, feedbackId: r.feedback_id }));
}

/** Which of the given items exist. */
export async function existingFeedbackIds(tx: Tx, ids: readonly string[]): Promise<Set<string>> {
  const found = await rows<{ id: string }>(
    tx,
    'SELECT id FROM feedback_items WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Set(found.map((r) => r.id));
}
