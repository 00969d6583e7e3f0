import type { DataSource } from 'typeorm';
import {
  produceEvent,
  startConsumerUnderTest,
  startServiceUnderTest,
  type ServiceUnderTest,
} from '@crm/testing';
import type { EventConsumer } from '@crm/events';
import type { Express } from 'express';
import { createSalesApp } from '../src/app';
import { migrations } from '../src/db/migrations';
import { directoryHandlers } from '../src/events/directory-handlers';

export type SalesHarness = ServiceUnderTest<Express>;

/** The sales app on its migrated test database, with a test token issuer and a query counter. */
export function startSales(): Promise<SalesHarness> {
  return startServiceUnderTest({ service: 'sales', migrations, createApp: createSalesApp });
}

/** The directory consumer of the sales service, on the test broker, with a group of its own. */
export async function startDirectoryConsumer(dataSource: DataSource): Promise<EventConsumer> {
  const { consumer } = await startConsumerUnderTest({
    service: 'sales',
    name: 'sales-directory',
    dataSource,
    handlers: directoryHandlers,
  });
  return consumer;
}

/** Publishes a catalog event the way its producer would, with kcat. */
export const produce = produceEvent;
