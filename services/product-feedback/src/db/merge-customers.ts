import type { Tx } from '@crm/database';
import { foldVotes } from './idea-votes';

/**
 * Re-points what product feedback keeps of a merged-away customer at the surviving one: feedback
 * items, opportunities (revenue and pipeline) and votes. Votes stay one per customer per idea:
 * where both voted, the higher importance stays. Running it twice changes nothing more.
 */
export async function mergeCustomerRecords(tx: Tx, sourceId: string, targetId: string) {
  await tx.query('UPDATE feedback_items SET customer_id = $2 WHERE customer_id = $1', [
    sourceId,
    targetId,
  ]);
  await tx.query('UPDATE customer_opportunities SET customer_id = $2 WHERE customer_id = $1', [
    sourceId,
    targetId,
  ]);
  await foldVotes(tx, 'customer_id', sourceId, targetId);
}
