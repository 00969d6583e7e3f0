import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureDatabase, isPostgresReachable } from '@crm/database';
import { Client } from 'pg';
import { databaseUrl, ensurePostgres, type PostgresServer } from '../src/postgres-runtime';
import { runDir } from '../src/paths';
import { slotPort, slotRunDir } from '../src/environments';

async function expectUsable(server: PostgresServer, database: string) {
  expect(server.embedded).toBe(true);
  const url = databaseUrl(server.url, database);
  expect(await ensureDatabase(url)).toBe(true);
  const client = new Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query('SELECT current_database() AS db, version() AS version');
  await client.end();
  expect(rows[0].db).toBe(database);
  expect(rows[0].version).toMatch(/PostgreSQL 1[5-9]/);
}

describe('PostgreSQL for the local runtime', () => {
  it('uses the server that answers at the configured address', async () => {
    const server = await ensurePostgres(
      process.env.POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432',
    );
    expect(server.embedded).toBe(false);
    await server.stop();
  });

  it('starts an embedded PostgreSQL when nothing answers there, and databases can be created in it', async () => {
    const dir = slotRunDir(path.join(runDir, 'postgres-embedded-test'));
    rmSync(dir, { recursive: true, force: true });
    const address = `postgres://root@127.0.0.1:${slotPort(55439)}`;
    expect(await isPostgresReachable(databaseUrl(address, 'postgres'))).toBe(false);
    const server = await ensurePostgres(address, () => undefined, dir);
    try {
      await expectUsable(server, 'crm_embedded_check');
    } finally {
      await server.stop();
      rmSync(server.dataDir ?? dir, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
    expect(await isPostgresReachable(databaseUrl(address, 'postgres'))).toBe(false);
  }, 120_000);

  it('starts from a checkout in a private directory (mktemp -d), also when run as root', async () => {
    // Root runs PostgreSQL as the `postgres` user, who cannot enter a 0700 directory of root's:
    // the server's data (and, for the binaries, the whole checkout) must then live elsewhere.
    const privateDir = mkdtempSync(path.join(tmpdir(), 'crm-private-'));
    expect(statSync(privateDir).mode & 0o777).toBe(0o700);
    const dir = path.join(privateDir, '.run', 'postgres');
    const lines: string[] = [];
    const server = await ensurePostgres(
      `postgres://root@127.0.0.1:${slotPort(55438)}`,
      (line) => lines.push(line),
      dir,
    );
    try {
      await expectUsable(server, 'crm_private_check');
      if (process.getuid?.() === 0) {
        expect(server.dataDir).not.toBe(dir);
        expect(lines.join('\n')).toContain(`cannot reach ${dir}`);
      }
    } finally {
      await server.stop();
      if (server.dataDir) rmSync(server.dataDir, { recursive: true, force: true });
      rmSync(privateDir, { recursive: true, force: true });
    }
  }, 120_000);
});
