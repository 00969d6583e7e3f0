import { rows, type Tx } from '@crm/database';

export interface ChangelogEntry {
  ideaId: string;
  title: string;
  note: string | null;
  shippedBy: string;
  shippedAt: Date;
  requesterCount: number;
}

const COLUMNS = `idea_id AS "ideaId", title, note, shipped_by AS "shippedBy",
  shipped_at AS "shippedAt", requester_count AS "requesterCount"`;

/** Written with the SHIPPED status (SHIPPED is final, so once per idea). */
export async function insertChangelogEntry(tx: Tx, e: ChangelogEntry): Promise<void> {
  await tx.query(
    `INSERT INTO changelog_entries (idea_id, title, note, shipped_by, shipped_at, requester_count)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [e.ideaId, e.title, e.note, e.shippedBy, e.shippedAt, e.requesterCount],
  );
}

/** Newest first, keyset-paged on (shipped_at, idea_id). */
export async function listChangelog(
  tx: Tx,
  page: { limit: number; after: [string, string] | null },
): Promise<{ rows: ChangelogEntry[]; total: number }> {
  const [{ total }] = await rows<{ total: number }>(
    tx,
    'SELECT count(*)::int AS total FROM changelog_entries',
    [],
  );
  const found = await rows<ChangelogEntry>(
    tx,
    `SELECT ${COLUMNS} FROM changelog_entries
     WHERE $1::timestamptz IS NULL OR (shipped_at, idea_id) < ($1::timestamptz, $2::uuid)
     ORDER BY shipped_at DESC, idea_id DESC LIMIT $3`,
    [page.after?.[0] ?? null, page.after?.[1] ?? null, page.limit + 1],
  );
  return { rows: found, total };
}
