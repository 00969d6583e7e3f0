import { rmSync } from 'node:fs';
import path from 'node:path';
import { ensureDatabase, isPostgresReachable } from '@crm/database';
import { Client } from 'pg';
import { databaseUrl, ensurePostgres } from '../src/postgres-runtime';
import { runDir } from '../src/paths';

describe('PostgreSQL for the local runtime', () => {
  it('uses the server that answers at the configured address', async () => {
    const server = await ensurePostgres(
      process.env.POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432',
    );
    expect(server.embedded).toBe(false);
    await server.stop();
  });

  it('starts an embedded PostgreSQL when nothing answers there, and databases can be created in it', async () => {
    const dir = path.join(runDir, 'postgres-embedded-test');
    rmSync(dir, { recursive: true, force: true });
    const address = 'postgres://root@127.0.0.1:55439';
    expect(await isPostgresReachable(databaseUrl(address, 'postgres'))).toBe(false);
    const server = await ensurePostgres(address, () => undefined, dir);
    try {
      expect(server.embedded).toBe(true);
      const url = databaseUrl(server.url, 'crm_embedded_check');
      expect(await ensureDatabase(url)).toBe(true);
      const client = new Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query('SELECT current_database() AS db, version() AS version');
      await client.end();
      expect(rows[0].db).toBe('crm_embedded_check');
      expect(rows[0].version).toMatch(/PostgreSQL 1[5-9]/);
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
