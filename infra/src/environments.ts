import path from 'node:path';
import { databaseNameOf, GATEWAY_PORT, SERVICES, type ServiceName } from '@crm/config';
import { dataDir, runDir } from './paths';

/** Where one runtime lives: `dev` for npm start, `test` for npm test (they can run side by side). */
export interface RuntimeEnvironment {
  name: 'dev' | 'test';
  kafkaPort: number;
  kafkaControllerPort: number;
  kafkaDir: string;
  /** Folder for pid files and logs of the processes of this environment. */
  stateDir: string;
  gatewayPort: number;
  servicePort(name: ServiceName): number;
  databaseName(name: ServiceName): string;
}

const portOf = (name: ServiceName) => SERVICES.find((s) => s.name === name)!.port;

/**
 * `CRM_SLOT=n` (default 0) moves everything a test run uses (ports +100·n, databases `_s<n>`,
 * run folders `-s<n>`), so two checkouts or worktrees on one machine can run `npm test` at
 * the same time.
 */
export const SLOT = Number(process.env.CRM_SLOT ?? 0);
if (!Number.isInteger(SLOT) || SLOT < 0 || SLOT > 99) {
  throw new Error(`CRM_SLOT must be a whole number from 0 to 99, not "${process.env.CRM_SLOT}"`);
}
/** A test port moved to this slot. */
export const slotPort = (port: number) => port + 100 * SLOT;
/** A test database name moved to this slot. */
export const slotDatabase = (name: string) => (SLOT ? `${name}_s${SLOT}` : name);
/** A folder of test state moved to this slot. */
export const slotRunDir = (dir: string) => (SLOT ? `${dir}-s${SLOT}` : dir);

export const DEV: RuntimeEnvironment = {
  name: 'dev',
  kafkaPort: Number(process.env.KAFKA_PORT ?? 9092),
  kafkaControllerPort: Number(process.env.KAFKA_CONTROLLER_PORT ?? 9093),
  // Beside the development databases, which are machine-wide (one PostgreSQL server): a second
  // checkout sees the same topics as the same rows. `npm run reset` wipes both together.
  kafkaDir: path.join(dataDir, 'kafka'),
  stateDir: path.join(runDir, 'dev'),
  gatewayPort: GATEWAY_PORT,
  servicePort: portOf,
  databaseName: databaseNameOf,
};

export const TEST: RuntimeEnvironment = {
  name: 'test',
  kafkaPort: slotPort(19092),
  kafkaControllerPort: slotPort(19093),
  kafkaDir: slotRunDir(path.join(runDir, 'kafka-test')),
  stateDir: slotRunDir(path.join(runDir, 'test')),
  gatewayPort: slotPort(GATEWAY_PORT + 10_000),
  servicePort: (name) => slotPort(portOf(name) + 10_000),
  // the whole-system (end-to-end) tests; each package's own integration tests use *_test
  databaseName: (name) => slotDatabase(`${databaseNameOf(name)}_e2e`),
};

/** Database of one package's integration tests (separate from the end-to-end system's). */
export function packageTestDatabaseName(name: ServiceName): string {
  return slotDatabase(`${databaseNameOf(name)}_test`);
}

/** The PostgreSQL server (no database in the URL); npm start falls back to an embedded one. */
export function postgresServerUrl(): string {
  return process.env.POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432';
}

/** Database of the shared packages' own integration tests (outbox, inbox, dead letters). */
export const PLATFORM_TEST_DATABASE = 'crm_platform_test';
