import type { TokenVerifier, Viewer } from '@crm/auth';
import type { Logger, ServiceName } from '@crm/config';
import { QueryCounter } from '@crm/database';
import type { EventHandler } from '@crm/events';
import type { DataSource } from 'typeorm';
import { startConsumerUnderTest, type ConsumerUnderTest } from './events';
import { startTestIssuer, type TestIssuer } from './issuer';
import { openTestDatabase, testLogger } from './test-infra';

/** What a service's createXApp needs in a test: its database, the test issuer's verifier, a logger. */
export interface TestAppDeps {
  dataSource: DataSource;
  verifyToken: TokenVerifier;
  logger: Logger;
}

export interface ServiceUnderTest<A> {
  app: A;
  dataSource: DataSource;
  issuer: TestIssuer;
  /** Sees every SQL statement of the app (DataLoader tests count them). */
  counter: QueryCounter;
  /** The deps the app was built with, to build another app on the same database. */
  deps: TestAppDeps;
  tokenFor(viewer: Viewer): Promise<string>;
  /** Starts one of the service's consumers on this database in a group of its own; `stop` stops it. */
  startConsumer(name: string, handlers: EventHandler[]): Promise<ConsumerUnderTest>;
  /** Stops the consumers, the issuer and the database connection. */
  stop(): Promise<void>;
}

/** A service's app on its migrated test database, with a test token issuer and a query counter. */
export async function startServiceUnderTest<A>(options: {
  service: ServiceName;
  migrations: (new () => object)[];
  createApp: (deps: TestAppDeps) => Promise<{ app: A }>;
  /** Consumers to start with the app: consumer group prefix -> handlers. */
  consumers?: Record<string, EventHandler[]>;
}): Promise<ServiceUnderTest<A>> {
  const { service } = options;
  const issuer = await startTestIssuer();
  const counter = new QueryCounter();
  const dataSource = await openTestDatabase(service, options.migrations, counter);
  const deps = { dataSource, verifyToken: issuer.verifyToken, logger: testLogger(service) };
  const { app } = await options.createApp(deps);
  const consumers: ConsumerUnderTest[] = [];
  const started: ServiceUnderTest<A> = {
    app,
    dataSource,
    issuer,
    counter,
    deps,
    tokenFor: (viewer) => issuer.tokenFor(viewer),
    startConsumer: async (name, handlers) => {
      const started = await startConsumerUnderTest({ service, name, dataSource, handlers });
      consumers.push(started);
      return started;
    },
    stop: async () => {
      await Promise.all(consumers.map((c) => c.consumer.stop()));
      await issuer.stop();
      await dataSource.destroy();
    },
  };
  for (const [name, handlers] of Object.entries(options.consumers ?? {}))
    await started.startConsumer(name, handlers);
  return started;
}
