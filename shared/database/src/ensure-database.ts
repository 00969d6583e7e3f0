import { Client } from 'pg';

function split(url: string): { serverUrl: string; database: string } {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database) throw new Error(`database URL ${url} names no database`);
  parsed.pathname = '/postgres';
  return { serverUrl: parsed.toString(), database };
}

async function withServer<T>(url: string, work: (client: Client, database: string) => Promise<T>) {
  const { serverUrl, database } = split(url);
  const client = new Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client, database);
  } finally {
    await client.end();
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Creates the database named in `url` when it does not exist. Returns true when created. */
export function ensureDatabase(url: string): Promise<boolean> {
  return withServer(url, async (client, database) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${quote(database)}`);
      return true;
    } catch (err) {
      // Another process created it between the check and the create.
      if ((err as { code?: string }).code === '42P04') return false;
      throw err;
    }
  });
}

/** Drops the database named in `url`, closing its connections (tests start from nothing). */
export function dropDatabase(url: string): Promise<void> {
  return withServer(url, async (client, database) => {
    await client.query(`DROP DATABASE IF EXISTS ${quote(database)} WITH (FORCE)`);
  });
}

/** Resolves when a server answers at `url` (any database on it). */
export async function isPostgresReachable(url: string): Promise<boolean> {
  try {
    await withServer(url, async (client) => client.query('SELECT 1'));
    return true;
  } catch {
    return false;
  }
}
