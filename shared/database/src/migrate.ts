import type { DataSource } from 'typeorm';

// Any constant works as long as every replica of a service uses the same one.
const MIGRATION_LOCK = 7_310_001;

/**
 * Runs pending migrations. Replicas starting together take turns on an advisory lock, so a
 * migration never runs twice.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
