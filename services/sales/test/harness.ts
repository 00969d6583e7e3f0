import type { Viewer } from '@crm/auth';
import { QueryCounter } from '@crm/database';
import {
  createConsumer,
  encodeHeaders,
  type EventConsumer,
  type EventDefinition,
  type EventData,
} from '@crm/events';
import {
  eventually,
  kcatProduce,
  openTestDatabase,
  startTestIssuer,
  testKafka,
  testLogger,
  uniqueGroupId,
  type TestIssuer,
} from '@crm/testing';
import { newId } from '@crm/database';
import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { createSalesApp } from '../src/app';
import { migrations } from '../src/db/migrations';
import { directoryHandlers } from '../src/events/directory-handlers';

export interface SalesHarness {
  app: Express;
  dataSource: DataSource;
  issuer: TestIssuer;
  counter: QueryCounter;
  tokenFor(viewer: Viewer): Promise<string>;
  stop(): Promise<void>;
}

export async function startSales(): Promise<SalesHarness> {
  const issuer = await startTestIssuer();
  const counter = new QueryCounter();
  const dataSource = await openTestDatabase('sales', migrations, counter);
  const { app } = await createSalesApp({
    dataSource,
    verifyToken: issuer.verifyToken,
    logger: testLogger('sales'),
  });
  return {
    app,
    dataSource,
    issuer,
    counter,
    tokenFor: (viewer) => issuer.tokenFor(viewer),
    stop: async () => {
      await issuer.stop();
      await dataSource.destroy();
    },
  };
}

/** The directory consumer of the sales service, on the test broker, with a group of its own. */
export async function startDirectoryConsumer(dataSource: DataSource): Promise<EventConsumer> {
  const consumer = createConsumer({
    service: 'sales',
    groupId: uniqueGroupId('sales-directory'),
    kafka: testKafka(),
    dataSource,
    logger: testLogger('sales-consumer'),
    handlers: directoryHandlers,
  });
  await consumer.start();
  await eventually(() => expect(consumer.isReady()).toBe(true));
  return consumer;
}

/** Publishes a catalog event the way its producer would, with kcat. */
export function produce<D extends EventDefinition>(definition: D, data: EventData<D>): void {
  const headers = encodeHeaders({
    id: newId(),
    type: definition.type,
    source: `/crm/${definition.producer}`,
    subject: definition.subject(data),
    time: new Date().toISOString(),
    actorId: null,
  }) as Record<string, string>;
  kcatProduce(definition.topic, {
    key: definition.key(data),
    value: JSON.stringify(data),
    headers,
  });
}
