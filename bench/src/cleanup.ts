// Benchmarks remove what they created, so the demo a person explores is not theirs.
import { Client } from 'pg';
import { databaseUrl, sleep } from './common';

/** Every service database that keeps customers or a replica of them. */
const DATABASES = [
  'crm_sales',
  'crm_marketing',
  'crm_customer_service',
  'crm_product_feedback',
  'crm_analytics',
];

async function tablesWithColumn(db: Client, column: string): Promise<string[]> {
  const found = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = $1`,
    [column],
  );
  return found.rows.map((r) => r.table_name);
}

/** Waits (up to 30 s) until a database's customer replica holds all ids, so no event recreates one later. */
async function replicated(db: Client, ids: string[]): Promise<void> {
  const started = Date.now();
  for (;;) {
    const found = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM customer_replica WHERE id = ANY($1::uuid[])',
      [ids],
    );
    if (found.rows[0].n >= ids.length || Date.now() - started > 30_000) return;
    await sleep(100);
  }
}

/**
 * Deletes the benchmark's customers from sales and from every department's replica and
 * customer-keyed rows (audit records included). The events stay in Kafka's history.
 */
export async function removeCustomers(ids: string[]): Promise<void> {
  if (!ids.length) return;
  for (const name of DATABASES) {
    const db = new Client({ connectionString: databaseUrl(name) });
    await db.connect();
    try {
      const replicas = await tablesWithColumn(db, 'customer_id');
      const hasReplica = (await tablesWithColumn(db, 'id')).includes('customer_replica');
      if (hasReplica) await replicated(db, ids);
      await db.query('BEGIN');
      for (const table of replicas)
        await db.query(`DELETE FROM ${table} WHERE customer_id = ANY($1::uuid[])`, [ids]);
      if (hasReplica)
        await db.query('DELETE FROM customer_replica WHERE id = ANY($1::uuid[])', [ids]);
      if (name === 'crm_sales')
        await db.query('DELETE FROM customers WHERE id = ANY($1::uuid[])', [ids]);
      await db.query('DELETE FROM audit_log WHERE entity_id = ANY($1::text[])', [ids]);
      await db.query('COMMIT');
    } catch (err) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await db.end();
    }
  }
}
