import type { MigrationInterface, QueryRunner } from 'typeorm';
import { newId } from './ids';
import type { Tx } from './transaction';
import { Where } from './where';

export interface AuditRecord {
  actorId: string | null;
  /** What was done, e.g. `customer.update`. */
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Writes the audit row in the caller's transaction: no change without its record. */
export async function recordAudit(tx: Tx, record: AuditRecord): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (id, actor_id, action, entity_type, entity_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      newId(),
      record.actorId,
      record.action,
      record.entityType,
      record.entityId,
      record.before === undefined ? null : JSON.stringify(record.before),
      record.after === undefined ? null : JSON.stringify(record.after),
    ],
  );
}

export interface AuditRow {
  id: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  at: Date;
}

export interface AuditFilter {
  entityType?: string | null;
  entityId?: string | null;
  actorId?: string | null;
  action?: string | null;
  /** Keyset cursor: rows with an id below this one (newest first). */
  beforeId?: string;
  limit: number;
}

function auditWhere(filter: Omit<AuditFilter, 'beforeId' | 'limit'>): Where {
  const where = new Where();
  if (filter.entityType) where.add('entity_type = ?', filter.entityType);
  if (filter.entityId) where.add('entity_id = ?', filter.entityId);
  if (filter.actorId) where.add('actor_id = ?', filter.actorId);
  if (filter.action) where.add('action = ?', filter.action);
  return where;
}

export async function findAuditRecords(tx: Tx, filter: AuditFilter): Promise<AuditRow[]> {
  const where = auditWhere(filter);
  if (filter.beforeId) where.add('id < ?', filter.beforeId);
  const limit = where.param(filter.limit);
  return tx.query(
    `SELECT id, actor_id, action, entity_type, entity_id, before, after, at FROM audit_log
     ${where.sql()} ORDER BY id DESC LIMIT ${limit}`,
    where.params,
  );
}

/** How many audit records match the filter (all pages). */
export async function countAuditRecords(
  tx: Tx,
  filter: Omit<AuditFilter, 'beforeId' | 'limit'>,
): Promise<number> {
  const where = auditWhere(filter);
  const [row] = (await tx.query(
    `SELECT count(*)::int AS n FROM audit_log ${where.sql()}`,
    where.params,
  )) as { n: number }[];
  return row.n;
}

export class AuditTable1700000000001 implements MigrationInterface {
  name = 'AuditTable1700000000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY,
        actor_id uuid,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        before jsonb,
        after jsonb,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      'CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id, id DESC)',
    );
    await runner.query('CREATE INDEX audit_log_actor ON audit_log (actor_id, id DESC)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE audit_log');
  }
}
