import { newId, rows, type Tx } from '@crm/database';

export interface RefreshTokenRow {
  id: string;
  familyId: string;
  employeeId: string;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

export async function insertRefreshToken(
  tx: Tx,
  token: { familyId: string; employeeId: string; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO refresh_tokens (id, family_id, employee_id, token_hash, expires_at)
     VALUES ($1, $2, $3, $4, $5)`,
    [newId(), token.familyId, token.employeeId, token.tokenHash, token.expiresAt],
  );
}

export async function findRefreshToken(tx: Tx, tokenHash: string): Promise<RefreshTokenRow | null> {
  const found = await rows<RefreshTokenRow>(
    tx,
    `SELECT id, family_id AS "familyId", employee_id AS "employeeId", expires_at AS "expiresAt",
            used_at AS "usedAt", revoked_at AS "revokedAt"
     FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
    [tokenHash],
  );
  return found[0] ?? null;
}

export async function markRefreshTokenUsed(tx: Tx, id: string): Promise<void> {
  await tx.query('UPDATE refresh_tokens SET used_at = now() WHERE id = $1', [id]);
}

/** Ends every live refresh token of one session (`family_id`) or of one employee. */
export async function revokeRefreshTokens(
  tx: Tx,
  of: { familyId: string } | { employeeId: string },
): Promise<void> {
  const [column, value] =
    'familyId' in of ? ['family_id', of.familyId] : ['employee_id', of.employeeId];
  await tx.query(
    `UPDATE refresh_tokens SET revoked_at = now() WHERE ${column} = $1 AND revoked_at IS NULL`,
    [value],
  );
}
