import { rows, type Tx } from '@crm/database';

export interface PoolSettings {
  /** Null: the company default. */
  teamId: string | null;
  followUpDays: number;
  claimLimit: number;
  coolingOffDays: number;
}

export interface PoolSettingsChange {
  followUpDays?: number | null;
  claimLimit?: number | null;
  coolingOffDays?: number | null;
}

/** The rules in force for a team: its own values where set, the default row's elsewhere. */
export async function effectivePoolSettings(tx: Tx, teamId: string | null): Promise<PoolSettings> {
  const [r] = await rows<{ follow_up_days: number; claim_limit: number; cooling_off_days: number }>(
    tx,
    `SELECT coalesce(t.follow_up_days, d.follow_up_days) AS follow_up_days,
            coalesce(t.claim_limit, d.claim_limit) AS claim_limit,
            coalesce(t.cooling_off_days, d.cooling_off_days) AS cooling_off_days
     FROM pool_settings d LEFT JOIN pool_settings t ON t.scope = $1 WHERE d.scope = 'default'`,
    [teamId],
  );
  return {
    teamId,
    followUpDays: r.follow_up_days,
    claimLimit: r.claim_limit,
    coolingOffDays: r.cooling_off_days,
  };
}

/** Writes a team's row (null fields inherit) or the default row (null fields keep their value). */
export async function savePoolSettings(
  tx: Tx,
  teamId: string | null,
  change: PoolSettingsChange,
  actorId: string,
): Promise<void> {
  const values = [
    change.followUpDays ?? null,
    change.claimLimit ?? null,
    change.coolingOffDays ?? null,
  ];
  if (teamId === null) {
    await tx.query(
      `UPDATE pool_settings SET follow_up_days = coalesce($1, follow_up_days), claim_limit = coalesce($2, claim_limit),
         cooling_off_days = coalesce($3, cooling_off_days), updated_by = $4, updated_at = now() WHERE scope = 'default'`,
      [...values, actorId],
    );
    return;
  }
  await tx.query(
    `INSERT INTO pool_settings (scope, follow_up_days, claim_limit, cooling_off_days, updated_by) VALUES ($5, $1, $2, $3, $4)
     ON CONFLICT (scope) DO UPDATE SET follow_up_days = $1, claim_limit = $2, cooling_off_days = $3, updated_by = $4, updated_at = now()`,
    [...values, actorId, teamId],
  );
}

/** Customers the person owns now (what the claim limit counts). */
export async function countOwnedCustomers(tx: Tx, ownerId: string): Promise<number> {
  const [{ n }] = await rows<{ n: number }>(
    tx,
    "SELECT count(*)::int AS n FROM customers WHERE owner_id = $1 AND status = 'ACTIVE'",
    [ownerId],
  );
  return n;
}

/** Remembers that the person let the customer go to the pool (the cooling-off starts now). */
export async function recordRelease(
  tx: Tx,
  customerId: string,
  employeeId: string,
  reason: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO pool_releases (customer_id, employee_id, released_at, reason) VALUES ($1, $2, now(), $3)
     ON CONFLICT (customer_id, employee_id) DO UPDATE SET released_at = now(), reason = $3`,
    [customerId, employeeId, reason],
  );
}

/** When the person's cooling-off for this customer ends, or null when they may claim it now. */
export async function coolingOffUntil(
  tx: Tx,
  customerId: string,
  employeeId: string,
  coolingOffDays: number,
): Promise<Date | null> {
  const found = await rows<{ until: Date }>(
    tx,
    `SELECT released_at + make_interval(days => $3) AS until FROM pool_releases
     WHERE customer_id = $1 AND employee_id = $2 AND released_at + make_interval(days => $3) > now()`,
    [customerId, employeeId, coolingOffDays],
  );
  return found[0]?.until ?? null;
}

/**
 * Owned customers without a follow-up for their team's number of days (counted from the last
 * follow-up, else from when the owner got them), oldest first, locked for the pool return.
 */
export async function findNeglectedCustomerIds(tx: Tx, limit: number): Promise<string[]> {
  const found = await rows<{ id: string }>(
    tx,
    `SELECT c.id FROM customers c
     JOIN pool_settings d ON d.scope = 'default'
     LEFT JOIN pool_settings t ON t.scope = c.team_id::text
     WHERE c.owner_id IS NOT NULL AND c.status = 'ACTIVE'
       AND coalesce(c.last_follow_up_at, c.owner_since, c.created_at)
           < now() - make_interval(days => coalesce(t.follow_up_days, d.follow_up_days))
     ORDER BY coalesce(c.last_follow_up_at, c.owner_since, c.created_at)
     LIMIT $1 FOR UPDATE OF c SKIP LOCKED`,
    [limit],
  );
  return found.map((r) => r.id);
}

/** Serialises claims by one person, so two at once cannot both slip under the claim limit. */
export async function lockClaimsOf(tx: Tx, employeeId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(7303, hashtext($1))', [employeeId]);
}
