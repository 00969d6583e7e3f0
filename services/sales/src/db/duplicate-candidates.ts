import { rows, type Tx, type Where } from '@crm/database';

export type DuplicateReason = 'SAME_PHONE' | 'SAME_EMAIL' | 'SIMILAR_NAME';

export interface DuplicatePair {
  customerId: string;
  duplicateId: string;
  reasons: DuplicateReason[];
}

/**
 * Pairs of active customers (among those `scope` lets through, alias `c`) sharing a phone or
 * email key (their own or a contact's) or a name key; keyset-paged on (older id, newer id).
 */
export async function findDuplicatePairs(
  tx: Tx,
  scope: Where,
  page: { limit: number; after: [string, string] | null },
): Promise<{ rows: DuplicatePair[]; total: number }> {
  const where = scope.clone();
  where.add("c.status = 'ACTIVE'");
  const paged = where.clone();
  const after = page.after
    ? `WHERE (p.customer_id, p.duplicate_id) > (${paged.param(page.after[0])}::uuid, ${paged.param(page.after[1])}::uuid)`
    : '';
  const limit = paged.param(page.limit);
  // the count row comes back even when the page is empty
  const found = await rows<{
    total: number;
    customer_id: string | null;
    duplicate_id: string;
    reasons: DuplicateReason[];
  }>(
    tx,
    `WITH visible AS (SELECT c.id, c.phone_key, c.email_key, c.name_key FROM customers c ${where.sql()}),
     keys AS (
       SELECT id AS customer_id, 'SAME_PHONE' AS reason, phone_key AS key FROM visible WHERE phone_key IS NOT NULL
       UNION SELECT ct.customer_id, 'SAME_PHONE', ct.phone_key FROM contacts ct JOIN visible v ON v.id = ct.customer_id
         WHERE ct.phone_key IS NOT NULL
       UNION SELECT id, 'SAME_EMAIL', email_key FROM visible WHERE email_key IS NOT NULL
       UNION SELECT ct.customer_id, 'SAME_EMAIL', ct.email_key FROM contacts ct JOIN visible v ON v.id = ct.customer_id
         WHERE ct.email_key IS NOT NULL
       UNION SELECT id, 'SIMILAR_NAME', name_key FROM visible WHERE name_key IS NOT NULL
     ),
     pairs AS (
       SELECT a.customer_id, b.customer_id AS duplicate_id, array_agg(DISTINCT a.reason ORDER BY a.reason) AS reasons
       FROM keys a JOIN keys b ON a.reason = b.reason AND a.key = b.key AND a.customer_id < b.customer_id
       GROUP BY 1, 2
     )
     SELECT t.total, p.* FROM (SELECT count(*)::int AS total FROM pairs) t
     LEFT JOIN LATERAL (SELECT * FROM pairs p ${after} ORDER BY 1, 2 LIMIT ${limit}) p ON true`,
    paged.params,
  );
  return {
    total: found[0]?.total ?? 0,
    rows: found
      .filter((r) => r.customer_id !== null)
      .map((r) => ({
        customerId: r.customer_id as string,
        duplicateId: r.duplicate_id,
        reasons: r.reasons,
      })),
  };
}
