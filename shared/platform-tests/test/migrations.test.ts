import { createDataSource, dropDatabase, ensureDatabase, rows, runMigrations } from '@crm/database';
import { databaseUrl, postgresServerUrl, slotDatabase } from '@crm/infra';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const url = databaseUrl(
  process.env.POSTGRES_URL ?? postgresServerUrl(),
  slotDatabase('crm_platform_migrations_test'),
);

class SlowCounterTable1700000000099 implements MigrationInterface {
  name = 'SlowCounterTable1700000000099';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL)');
    await runner.query('SELECT pg_sleep(0.3)');
    await runner.query('INSERT INTO counters VALUES (1, 0)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE counters');
  }
}

beforeAll(async () => {
  await dropDatabase(url);
  await ensureDatabase(url);
});
afterAll(() => dropDatabase(url));

describe('migrations', () => {
  it('run once when several replicas start together', async () => {
    const replicas = [1, 2, 3].map((i) =>
      createDataSource({
        url,
        applicationName: `replica-${i}`,
        migrations: [SlowCounterTable1700000000099],
      }),
    );
    await Promise.all(replicas.map((r) => r.initialize()));
    const applied = await Promise.all(replicas.map((r) => runMigrations(r)));
    expect(applied.flat()).toEqual(['SlowCounterTable1700000000099']);
    const ran = await rows<{ name: string }>(replicas[0].manager, 'SELECT name FROM migrations');
    expect(ran.map((m) => m.name)).toEqual(['SlowCounterTable1700000000099']);
    await Promise.all(replicas.map((r) => r.destroy()));
  });

  it('answer the changed rows of an UPDATE ... RETURNING through rows(), like a SELECT', async () => {
    const db = createDataSource({ url, applicationName: 'rows', migrations: [] });
    await db.initialize();
    const updated = await rows<{ n: number }>(
      db.manager,
      'UPDATE counters SET n = n + 1 WHERE id = 1 RETURNING n',
    );
    const selected = await rows<{ n: number }>(db.manager, 'SELECT n FROM counters WHERE id = 1');
    expect(updated).toEqual([{ n: 1 }]);
    expect(selected).toEqual([{ n: 1 }]);
    await db.destroy();
  });
});
