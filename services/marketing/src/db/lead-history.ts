import { newId, rows, type Tx } from '@crm/database';

export const historyKinds = [
  'CAPTURED',
  'TOUCHED',
  'UPDATED',
  'QUALIFIED',
  'ASSIGNED',
  'CONTACTED',
  'SLA_BREACHED',
  'CONVERTED',
  'DISQUALIFIED',
  'CUSTOMER_MATCHED',
] as const;
export type HistoryKind = (typeof historyKinds)[number];

export interface HistoryEntry {
  id: string;
  leadId: string;
  kind: HistoryKind;
  at: Date;
  actorId: string | null;
  details: Record<string, unknown>;
}

export async function addHistory(
  tx: Tx,
  entry: Omit<HistoryEntry, 'id' | 'at'> & { at?: Date | string },
): Promise<void> {
  await tx.query(
    'INSERT INTO lead_history (id, lead_id, kind, at, actor_id, details) VALUES ($1, $2, $3, $4, $5, $6)',
    [
      newId(),
      entry.leadId,
      entry.kind,
      entry.at ?? new Date(),
      entry.actorId,
      JSON.stringify(entry.details),
    ],
  );
}

/** History of each lead in the order things happened (one query for a page of leads). */
export async function findHistoryOfLeads(
  tx: Tx,
  leadIds: readonly string[],
): Promise<HistoryEntry[]> {
  return rows<HistoryEntry>(
    tx,
    `SELECT id, lead_id AS "leadId", kind, at, actor_id AS "actorId", details FROM lead_history
     WHERE lead_id = ANY($1::uuid[]) ORDER BY at, id`,
    [leadIds],
  );
}
