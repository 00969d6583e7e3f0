import type { Tx } from '@crm/database';

/**
 * A follow-up with the customer happened at `at` (part 2 calls this when an activity is logged):
 * it restarts the clock that returns neglected customers to the public pool.
 */
export async function recordFollowUp(tx: Tx, customerId: string, at: Date): Promise<void> {
  await tx.query(
    `UPDATE customers SET last_follow_up_at = greatest(coalesce(last_follow_up_at, $2), $2)
     WHERE id = (SELECT coalesce(merged_into_id, id) FROM customers WHERE id = $1)`,
    [customerId, at],
  );
}
