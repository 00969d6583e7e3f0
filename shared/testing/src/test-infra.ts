import type { ServiceName } from '@crm/config';
import { createLogger, type Logger } from '@crm/config';
import {
  createDataSource,
  dropDatabase,
  ensureDatabase,
  QueryCounter,
  runMigrations,
} from '@crm/database';
import { createKafka, type Kafka } from '@crm/events';
import {
  databaseUrl,
  ensureKcat,
  ensurePostgres,
  kafkaOf,
  packageTestDatabaseName,
  PLATFORM_TEST_DATABASE,
  slotDatabase,
  postgresServerUrl,
  TEST,
} from '@crm/infra';
import type { DataSource } from 'typeorm';

type Teardown = () => Promise<void>;
const TEARDOWN_KEY = '__crmTestTeardown';

/**
 * Jest globalSetup: real PostgreSQL (fresh databases for `services`) and the test Kafka broker.
 * Under `npm test` the runner has done this already (CRM_TEST_INFRA=ready); a package run alone
 * (`pnpm --filter <pkg> test`) starts what it needs and stops what it started.
 */
export function testInfraSetup(
  services: (ServiceName | typeof PLATFORM_TEST_DATABASE)[],
): () => Promise<void> {
  return async () => {
    if (process.env.CRM_TEST_INFRA === 'ready') return;
    const say = (line: string) => process.stdout.write(`[test infra] ${line}\n`);
    ensureKcat(say);
    const server = await ensurePostgres(postgresServerUrl(), say);
    process.env.POSTGRES_URL = server.url;
    for (const service of services) {
      const url = databaseUrl(
        server.url,
        service === PLATFORM_TEST_DATABASE
          ? slotDatabase(service)
          : packageTestDatabaseName(service),
      );
      await dropDatabase(url);
      await ensureDatabase(url);
    }
    const kafka = kafkaOf(TEST, say);
    const started = await kafka.start();
    await kafka.ensureTopics();
    (globalThis as Record<string, unknown>)[TEARDOWN_KEY] = async () => {
      if (started) await kafka.stop();
      await server.stop();
    };
  };
}

/** Jest globalTeardown: stops what the setup started. */
export async function testInfraTeardown(): Promise<void> {
  const teardown = (globalThis as Record<string, unknown>)[TEARDOWN_KEY] as Teardown | undefined;
  await teardown?.();
}

export function testDatabaseUrl(service: ServiceName | typeof PLATFORM_TEST_DATABASE): string {
  const name =
    service === PLATFORM_TEST_DATABASE ? slotDatabase(service) : packageTestDatabaseName(service);
  return databaseUrl(process.env.POSTGRES_URL ?? postgresServerUrl(), name);
}

export function testKafkaBrokers(): string[] {
  return [`127.0.0.1:${TEST.kafkaPort}`];
}

/** Logs of the code under test: silent unless TEST_LOG_LEVEL says otherwise. */
export function testLogger(name = 'test'): Logger {
  return createLogger(name, process.env.TEST_LOG_LEVEL ?? 'silent');
}

export function testKafka(logger: Logger = testLogger()): Kafka {
  return createKafka({ brokers: testKafkaBrokers(), clientId: 'crm-test', logger });
}

/** The service's test database, migrated; `counter` sees every SQL statement. */
export async function openTestDatabase(
  service: ServiceName | typeof PLATFORM_TEST_DATABASE,
  migrations: (new () => object)[],
  counter?: QueryCounter,
): Promise<DataSource> {
  const dataSource = createDataSource({
    url: testDatabaseUrl(service),
    applicationName: `crm-${service}-test`,
    migrations,
    logger: counter,
  });
  await dataSource.initialize();
  await runMigrations(dataSource);
  return dataSource;
}

let groupCounter = 0;
/** A consumer group no other test shares (each test reads the topics from the beginning). */
export function uniqueGroupId(prefix: string): string {
  return `${prefix}-test-${process.pid}-${Date.now()}-${++groupCounter}`;
}
