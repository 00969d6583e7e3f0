import { rows, type Tx } from '@crm/database';

export interface ThrottleRow {
  key: string;
  failures: number;
  lastFailureAt: Date | null;
  blockedUntil: Date | null;
}

/** The rows of `keys`, created when missing and locked for this transaction (in key order). */
export async function lockThrottleRows(tx: Tx, keys: string[]): Promise<ThrottleRow[]> {
  const sorted = [...keys].sort();
  await tx.query(
    'INSERT INTO login_throttle (key) SELECT unnest($1::text[]) ORDER BY 1 ON CONFLICT DO NOTHING',
    [sorted],
  );
  const found = await rows<{
    key: string;
    failures: number;
    last_failure_at: Date | null;
    blocked_until: Date | null;
  }>(
    tx,
    `SELECT key, failures, last_failure_at, blocked_until FROM login_throttle
     WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE`,
    [sorted],
  );
  return found.map((r) => ({
    key: r.key,
    failures: r.failures,
    lastFailureAt: r.last_failure_at,
    blockedUntil: r.blocked_until,
  }));
}

export async function saveThrottleRow(tx: Tx, row: ThrottleRow): Promise<void> {
  await tx.query(
    `UPDATE login_throttle SET failures = $2, last_failure_at = $3, blocked_until = $4
     WHERE key = $1`,
    [row.key, row.failures, row.lastFailureAt, row.blockedUntil],
  );
}
