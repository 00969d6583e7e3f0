import path from 'node:path';
import { databaseNameOf, GATEWAY_PORT, SERVICES, type ServiceName } from '@crm/config';
import { runDir } from './paths';

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

export const DEV: RuntimeEnvironment = {
  name: 'dev',
  kafkaPort: Number(process.env.KAFKA_PORT ?? 9092),
  kafkaControllerPort: Number(process.env.KAFKA_CONTROLLER_PORT ?? 9093),
  kafkaDir: path.join(runDir, 'kafka'),
  stateDir: path.join(runDir, 'dev'),
  gatewayPort: GATEWAY_PORT,
  servicePort: portOf,
  databaseName: databaseNameOf,
};

export const TEST: RuntimeEnvironment = {
  name: 'test',
  kafkaPort: 19092,
  kafkaControllerPort: 19093,
  kafkaDir: path.join(runDir, 'kafka-test'),
  stateDir: path.join(runDir, 'test'),
  gatewayPort: GATEWAY_PORT + 10_000,
  servicePort: (name) => portOf(name) + 10_000,
  // the whole-system (end-to-end) tests; each package's own integration tests use *_test
  databaseName: (name) => `${databaseNameOf(name)}_e2e`,
};

/** Database of one package's integration tests (separate from the end-to-end system's). */
export function packageTestDatabaseName(name: ServiceName): string {
  return `${databaseNameOf(name)}_test`;
}

/** The PostgreSQL server (no database in the URL); npm start falls back to an embedded one. */
export function postgresServerUrl(): string {
  return process.env.POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432';
}

/** Database of the shared packages' own integration tests (outbox, inbox, dead letters). */
export const PLATFORM_TEST_DATABASE = 'crm_platform_test';
