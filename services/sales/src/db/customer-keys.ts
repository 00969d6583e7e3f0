import { rows, type Tx } from '@crm/database';

/** What two customers share when one looks like a duplicate of the other. */
export type MatchReason = 'PHONE' | 'EMAIL' | 'NAME';

export interface MatchKeys {
  phoneKeys: string[];
  emailKeys: string[];
  /** Company name keys (person names are not unique and never block). */
  nameKeys: string[];
}

export interface KeyMatch {
  reason: MatchReason;
  key: string;
  customerId: string;
  customerName: string;
  ownerId: string | null;
  backupOwnerId: string | null;
  teamId: string | null;
  ownerName: string | null;
}

// Advisory lock namespaces: one lock per matching key, and a gate that a bulk import closes.
const KEY_LOCKS = 7301;
const IMPORT_GATE = 7302;

/**
 * Serialises writers of the same matching key until the transaction ends, so two requests that
 * add the same phone at the same moment cannot both pass the duplicate check. An import batch
 * takes the gate exclusively instead of locking thousands of keys.
 */
export async function lockMatchKeys(tx: Tx, keys: MatchKeys): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock_shared($1, 0)', [IMPORT_GATE]);
  const all = [
    ...keys.phoneKeys.map((k) => `phone:${k}`),
    ...keys.emailKeys.map((k) => `email:${k}`),
    ...keys.nameKeys.map((k) => `name:${k}`),
  ].sort();
  for (const key of new Set(all))
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [KEY_LOCKS, key]);
}

/** Held by an import batch: no interactive write of a matching key runs beside it. */
export async function closeImportGate(tx: Tx): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1, 0)', [IMPORT_GATE]);
}

/**
 * Active customers whose phone or email (their own or a contact's) or company name key is one
 * of `keys`, except `excludeCustomerId`; with the owner's name for a message to someone who may
 * not see the customer. One query.
 */
export async function findKeyMatches(
  tx: Tx,
  keys: MatchKeys,
  excludeCustomerId: string | null = null,
): Promise<KeyMatch[]> {
  if (!keys.phoneKeys.length && !keys.emailKeys.length && !keys.nameKeys.length) return [];
  const found = await rows<{
    reason: MatchReason;
    key: string;
    id: string;
    name: string;
    owner_id: string | null;
    backup_owner_id: string | null;
    team_id: string | null;
    owner_name: string | null;
  }>(
    tx,
    `WITH m AS (
       SELECT 'PHONE' AS reason, phone_key AS key, id FROM customers WHERE phone_key = ANY($1::text[])
       UNION SELECT 'PHONE', phone_key, customer_id FROM contacts WHERE phone_key = ANY($1::text[])
       UNION SELECT 'EMAIL', email_key, id FROM customers WHERE email_key = ANY($2::text[])
       UNION SELECT 'EMAIL', email_key, customer_id FROM contacts WHERE email_key = ANY($2::text[])
       UNION SELECT 'NAME', name_key, id FROM customers WHERE kind = 'COMPANY' AND name_key = ANY($3::text[])
     )
     SELECT m.reason, m.key, c.id, c.name, c.owner_id, c.backup_owner_id, c.team_id, e.name AS owner_name
     FROM m JOIN customers c ON c.id = m.id AND c.status = 'ACTIVE'
     LEFT JOIN employee_replica e ON e.id = c.owner_id
     WHERE $4::uuid IS NULL OR c.id <> $4::uuid
     ORDER BY m.reason, c.created_at, c.id`,
    [keys.phoneKeys, keys.emailKeys, keys.nameKeys, excludeCustomerId],
  );
  return found.map((r) => ({
    reason: r.reason,
    key: r.key,
    customerId: r.id,
    customerName: r.name,
    ownerId: r.owner_id,
    backupOwnerId: r.backup_owner_id,
    teamId: r.team_id,
    ownerName: r.owner_name,
  }));
}
