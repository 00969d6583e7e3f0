import { rows, type Tx } from '@crm/database';
import type { Importance } from './idea-votes';

export interface Requester {
  customerId: string;
  importance: Importance | null;
  feedbackIds: string[];
  /** The tickets those items were flagged on. */
  ticketIds: string[];
}

/** Every customer who asked for the idea (linked feedback or a vote), once each. */
export async function requestersOf(tx: Tx, ideaId: string): Promise<Requester[]> {
  const found = await rows<{
    customer_id: string;
    importance: Importance | null;
    feedback_ids: string[];
    ticket_ids: string[];
  }>(
    tx,
    `WITH asked AS (
       SELECT f.customer_id, array_agg(f.id ORDER BY f.id) AS feedback_ids,
              coalesce(array_agg(DISTINCT f.origin_id) FILTER (WHERE f.origin = 'TICKET'), '{}')
                AS ticket_ids
       FROM idea_feedback l JOIN feedback_items f ON f.id = l.feedback_id
       WHERE l.idea_id = $1 GROUP BY f.customer_id
     )
     SELECT coalesce(a.customer_id, v.customer_id) AS customer_id, v.importance,
            coalesce(a.feedback_ids, '{}') AS feedback_ids,
            coalesce(a.ticket_ids, '{}') AS ticket_ids
     FROM asked a FULL JOIN (SELECT * FROM idea_votes WHERE idea_id = $1) v
       ON v.customer_id = a.customer_id
     ORDER BY 1`,
    [ideaId],
  );
  return found.map((r) => ({
    customerId: r.customer_id,
    importance: r.importance,
    feedbackIds: r.feedback_ids,
    ticketIds: r.ticket_ids,
  }));
}

/** The ideas each customer of a batch asked for (linked feedback or a vote), newest idea first. */
export async function ideaIdsOfCustomers(
  tx: Tx,
  customerIds: readonly string[],
): Promise<{ customerId: string; ideaId: string; createdAt: Date }[]> {
  const found = await rows<{ customer_id: string; idea_id: string; created_at: Date }>(
    tx,
    `SELECT DISTINCT asked.customer_id, i.id AS idea_id, i.created_at FROM (
       SELECT f.customer_id, l.idea_id FROM idea_feedback l
       JOIN feedback_items f ON f.id = l.feedback_id WHERE f.customer_id = ANY($1::uuid[])
       UNION
       SELECT customer_id, idea_id FROM idea_votes WHERE customer_id = ANY($1::uuid[])
     ) asked JOIN ideas i ON i.id = asked.idea_id
     ORDER BY i.created_at DESC, i.id DESC`,
    [customerIds],
  );
  return found.map((r) => ({
    customerId: r.customer_id,
    ideaId: r.idea_id,
    createdAt: r.created_at,
  }));
}
