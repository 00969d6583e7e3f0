import { newId, type AuditRecord, type Tx } from '@crm/database';

/** recordAudit for many records with one statement (a bulk import writes thousands). */
export async function recordAudits(tx: Tx, records: AuditRecord[]): Promise<void> {
  if (!records.length) return;
  await tx.query(
    `INSERT INTO audit_log (id, actor_id, action, entity_type, entity_id, before, after)
     SELECT x.id, x.actor_id, x.action, x.entity_type, x.entity_id, x.before, x.after
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, actor_id uuid, action text, entity_type text, entity_id text,
       before jsonb, after jsonb)`,
    [
      JSON.stringify(
        records.map((r) => ({
          id: newId(),
          actor_id: r.actorId,
          action: r.action,
          entity_type: r.entityType,
          entity_id: r.entityId,
          before: r.before ?? null,
          after: r.after ?? null,
        })),
      ),
    ],
  );
}
