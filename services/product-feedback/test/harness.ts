import type { Viewer } from '@crm/auth';
import { customerReplicaHandlers } from '@crm/customer-replica';
import { newId, QueryCounter } from '@crm/database';
import {
  createConsumer,
  customerCreated,
  encodeHeaders,
  type EventConsumer,
  type EventData,
  type EventDefinition,
} from '@crm/events';
import {
  eventually,
  kcatProduce,
  openTestDatabase,
  startTestIssuer,
  testKafka,
  testLogger,
  unique,
  uniqueGroupId,
  type TestIssuer,
} from '@crm/testing';
import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { createProductFeedbackApp } from '../src/app';
import { migrations } from '../src/db/migrations';

export interface Harness {
  app: Express;
  dataSource: DataSource;
  issuer: TestIssuer;
  counter: QueryCounter;
  consumer: EventConsumer;
  tokenFor(viewer: Viewer): Promise<string>;
  stop(): Promise<void>;
}

/** The app on its test database, with its customer consumer on the test broker (own group). */
export async function startProductFeedback(): Promise<Harness> {
  const issuer = await startTestIssuer();
  const counter = new QueryCounter();
  const dataSource = await openTestDatabase('product-feedback', migrations, counter);
  const { app } = await createProductFeedbackApp({
    dataSource,
    verifyToken: issuer.verifyToken,
    logger: testLogger('product-feedback'),
  });
  const consumer = createConsumer({
    service: 'product-feedback',
    groupId: uniqueGroupId('product-feedback-customers'),
    kafka: testKafka(),
    dataSource,
    logger: testLogger('product-feedback-consumer'),
    handlers: customerReplicaHandlers,
  });
  await consumer.start();
  await eventually(() => expect(consumer.isReady()).toBe(true));
  return {
    app,
    dataSource,
    issuer,
    counter,
    consumer,
    tokenFor: (viewer) => issuer.tokenFor(viewer),
    stop: async () => {
      await consumer.stop();
      await issuer.stop();
      await dataSource.destroy();
    },
  };
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

export type CustomerFacts = EventData<typeof customerCreated>;

/** A customer as sales would publish it on creation. */
export function aCustomer(overrides: Partial<CustomerFacts> = {}): CustomerFacts {
  return {
    customerId: newId(),
    kind: 'COMPANY',
    name: unique('Customer'),
    industry: null,
    region: null,
    tier: 'B',
    lifecycleStage: 'CUSTOMER',
    ownerId: null,
    backupOwnerId: null,
    teamId: null,
    phoneKey: null,
    emailKey: null,
    tags: [],
    version: 1,
    occurredAt: new Date().toISOString(),
    ...overrides,
  };
}

/** Publishes customers as sales would and waits until the replica has them all. */
export async function knownCustomers(
  dataSource: DataSource,
  ...customers: CustomerFacts[]
): Promise<string[]> {
  for (const c of customers) produce(customerCreated, c);
  const ids = customers.map((c) => c.customerId);
  await eventually(async () => {
    const [{ n }] = await dataSource.query(
      'SELECT count(*)::int AS n FROM customer_replica WHERE id = ANY($1::uuid[])',
      [ids],
    );
    expect(n).toBe(ids.length);
  });
  return ids;
}
