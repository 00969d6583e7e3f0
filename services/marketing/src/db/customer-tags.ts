import { rows, type Tx } from '@crm/database';

export interface CustomerTags {
  customerId: string;
  tags: string[];
}

export async function findCustomerTags(
  tx: Tx,
  customerIds: readonly string[],
): Promise<CustomerTags[]> {
  return rows<CustomerTags>(
    tx,
    'SELECT customer_id AS "customerId", tags FROM customer_marketing_tags WHERE customer_id = ANY($1::uuid[])',
    [customerIds],
  );
}

/** Adds and removes tags in one statement; returns the customer's tags after the change. */
export async function changeCustomerTags(
  tx: Tx,
  customerId: string,
  add: string[],
  remove: string[],
): Promise<string[]> {
  const [row] = await rows<{ tags: string[] }>(
    tx,
    `INSERT INTO customer_marketing_tags AS c (customer_id, tags)
     VALUES ($1, ARRAY(SELECT DISTINCT t FROM unnest($2::text[]) t WHERE t <> ALL($3::text[]) ORDER BY t))
     ON CONFLICT (customer_id) DO UPDATE SET
       tags = ARRAY(SELECT DISTINCT t FROM unnest(c.tags || $2::text[]) t WHERE t <> ALL($3::text[]) ORDER BY t),
       updated_at = now()
     RETURNING c.tags`,
    [customerId, add, remove],
  );
  return row.tags;
}

/** Moves a merged-away customer's tags to the surviving customer. */
export async function mergeCustomerTags(tx: Tx, fromId: string, toId: string): Promise<void> {
  const [from] = await findCustomerTags(tx, [fromId]);
  if (!from) return;
  await changeCustomerTags(tx, toId, from.tags, []);
  await tx.query('DELETE FROM customer_marketing_tags WHERE customer_id = $1', [fromId]);
}
