import { rows, type Tx } from '@crm/database';

/**
 * Moves the source's contacts to the target; a contact whose phone or email the target's
 * contacts already have is dropped (the target keeps its own). The target's primary stays primary.
 */
export async function moveContacts(
  tx: Tx,
  sourceId: string,
  targetId: string,
): Promise<{ moved: string[]; dropped: string[] }> {
  const dropped = await rows<{ id: string }>(
    tx,
    `DELETE FROM contacts s WHERE s.customer_id = $1 AND EXISTS (
       SELECT 1 FROM contacts t WHERE t.customer_id = $2
         AND ((s.phone_key IS NOT NULL AND t.phone_key = s.phone_key) OR (s.email_key IS NOT NULL AND t.email_key = s.email_key)))
     RETURNING s.id`,
    [sourceId, targetId],
  );
  const moved = await rows<{ id: string }>(
    tx,
    `UPDATE contacts SET customer_id = $2, updated_at = now(),
       is_primary = is_primary AND NOT EXISTS (SELECT 1 FROM contacts WHERE customer_id = $2 AND is_primary)
     WHERE customer_id = $1 RETURNING id`,
    [sourceId, targetId],
  );
  return { moved: moved.map((r) => r.id), dropped: dropped.map((r) => r.id) };
}

/** Earlier tombstones of the source now point straight at the target (lookups take one hop). */
export async function repointTombstones(tx: Tx, sourceId: string, targetId: string): Promise<void> {
  await tx.query('UPDATE customers SET merged_into_id = $2 WHERE merged_into_id = $1', [
    sourceId,
    targetId,
  ]);
}

/** Whether one of the customer's contacts has this phone or email key. */
export async function contactHasKey(
  tx: Tx,
  customerId: string,
  keys: { phoneKey: string | null; emailKey: string | null },
): Promise<boolean> {
  const found = await rows<{ id: string }>(
    tx,
    'SELECT id FROM contacts WHERE customer_id = $1 AND (phone_key = $2 OR email_key = $3) LIMIT 1',
    [customerId, keys.phoneKey, keys.emailKey],
  );
  return found.length > 0;
}
