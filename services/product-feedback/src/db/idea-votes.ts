import { rows, type Tx } from '@crm/database';

/** From least to most important (the order matters: a merge keeps the higher). */
export const importances = ['NICE_TO_HAVE', 'IMPORTANT', 'CRITICAL'] as const;
export type Importance = (typeof importances)[number];

export interface IdeaVote {
  ideaId: string;
  customerId: string;
  importance: Importance;
  votedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

interface VoteRow {
  idea_id: string;
  customer_id: string;
  importance: Importance;
  voted_by: string;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'v.idea_id, v.customer_id, v.importance, v.voted_by, v.created_at, v.updated_at';

function toVote(r: VoteRow): IdeaVote {
  return {
    ideaId: r.idea_id,
    customerId: r.customer_id,
    importance: r.importance,
    votedBy: r.voted_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The customer's vote on the idea, locked (null when there is none). */
export async function lockVote(tx: Tx, ideaId: string, customerId: string) {
  const found = await rows<VoteRow>(
    tx,
    `SELECT ${COLUMNS} FROM idea_votes v WHERE v.idea_id = $1 AND v.customer_id = $2 FOR UPDATE`,
    [ideaId, customerId],
  );
  return found[0] ? toVote(found[0]) : null;
}

/** Casts the customer's vote, or changes its importance (one vote per customer per idea). */
export async function saveVote(
  tx: Tx,
  vote: Pick<IdeaVote, 'ideaId' | 'customerId' | 'importance' | 'votedBy'>,
): Promise<IdeaVote> {
  const found = await rows<VoteRow>(
    tx,
    `INSERT INTO idea_votes AS v (idea_id, customer_id, importance, voted_by)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (idea_id, customer_id) DO UPDATE
       SET importance = EXCLUDED.importance, voted_by = EXCLUDED.voted_by, updated_at = now()
     RETURNING ${COLUMNS}`,
    [vote.ideaId, vote.customerId, vote.importance, vote.votedBy],
  );
  return toVote(found[0]);
}

export async function deleteVote(tx: Tx, ideaId: string, customerId: string): Promise<void> {
  await tx.query('DELETE FROM idea_votes WHERE idea_id = $1 AND customer_id = $2', [
    ideaId,
    customerId,
  ]);
}

/**
 * Moves every vote of one idea (or one customer) to another. Where both already have a vote for
 * the same customer and idea, one vote stays, with the higher importance of the two. Returns how
 * many votes moved or were folded in.
 */
export async function foldVotes(
  tx: Tx,
  of: 'idea_id' | 'customer_id',
  fromId: string,
  toId: string,
): Promise<number> {
  const [ideaId, customerId] = of === 'idea_id' ? ['$2', 'customer_id'] : ['idea_id', '$2'];
  const moved = await rows<{ customer_id: string }>(
    tx,
    `WITH gone AS (DELETE FROM idea_votes WHERE ${of} = $1 RETURNING *)
     INSERT INTO idea_votes AS v (idea_id, customer_id, importance, voted_by, created_at, updated_at)
     SELECT ${ideaId}::uuid, ${customerId}::uuid, importance, voted_by, created_at, updated_at FROM gone
     ON CONFLICT (idea_id, customer_id) DO UPDATE SET importance = CASE
       WHEN array_position($3::text[], EXCLUDED.importance) > array_position($3::text[], v.importance)
       THEN EXCLUDED.importance ELSE v.importance END
     RETURNING v.customer_id`,
    [fromId, toId, importances],
  );
  return moved.length;
}

/** The votes of each idea of a batch, oldest first. */
export async function votesOfIdeas(tx: Tx, ideaIds: readonly string[]): Promise<IdeaVote[]> {
  const found = await rows<VoteRow>(
    tx,
    `SELECT ${COLUMNS} FROM idea_votes v WHERE v.idea_id = ANY($1::uuid[])
     ORDER BY v.created_at, v.customer_id`,
    [ideaIds],
  );
  return found.map(toVote);
}
