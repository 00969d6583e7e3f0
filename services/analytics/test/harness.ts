import type { Viewer } from '@crm/auth';
import { newId, QueryCounter } from '@crm/database';
import {
  createConsumer,
  encodeHeaders,
  type customerCreated,
  type EventConsumer,
  type EventData,
  type EventDefinition,
  type feedbackRecorded,
  type ticketOpened,
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
import { createAnalyticsApp } from '../src/app';
import { migrations } from '../src/db/migrations';
import { readModelHandlers } from '../src/events/read-model-handlers';

export interface Harness {
  app: Express;
  dataSource: DataSource;
  counter: QueryCounter;
  issuer: TestIssuer;
  /** The group of the read-model consumer started with the harness. */
  groupId: string;
  tokenFor(viewer: Viewer): Promise<string>;
  /** Starts another read-model consumer on this database, in a group of its own. */
  startConsumer(): Promise<{ consumer: EventConsumer; groupId: string }>;
  stop(): Promise<void>;
}

export async function startAnalytics(): Promise<Harness> {
  const issuer = await startTestIssuer();
  const counter = new QueryCounter();
  const dataSource = await openTestDatabase('analytics', migrations, counter);
  const { app } = await createAnalyticsApp({
    dataSource,
    verifyToken: issuer.verifyToken,
    logger: testLogger('analytics'),
  });
  const consumers: EventConsumer[] = [];
  const startConsumer = async () => {
    const groupId = uniqueGroupId('analytics-read-models');
    const consumer = createConsumer({
      service: 'analytics',
      groupId,
      kafka: testKafka(),
      dataSource,
      logger: testLogger('analytics-consumer'),
      handlers: readModelHandlers,
    });
    consumers.push(consumer);
    await consumer.start();
    await eventually(() => expect(consumer.isReady()).toBe(true));
    return { consumer, groupId };
  };
  const { groupId } = await startConsumer();
  return {
    app,
    groupId,
    dataSource,
    counter,
    issuer,
    tokenFor: (viewer) => issuer.tokenFor(viewer),
    startConsumer,
    stop: async () => {
      await Promise.all(consumers.map((c) => c.stop()));
      await issuer.stop();
      await dataSource.destroy();
    },
  };
}

/** Publishes a catalog event the way its producer would, with kcat; returns the event id. */
export function produce<D extends EventDefinition>(
  definition: D,
  data: EventData<D>,
  time: Date = new Date(),
): string {
  const id = newId();
  const headers = encodeHeaders({
    id,
    type: definition.type,
    source: `/crm/${definition.producer}`,
    subject: definition.subject(data),
    time: time.toISOString(),
    actorId: null,
  }) as Record<string, string>;
  kcatProduce(definition.topic, {
    key: definition.key(data),
    value: JSON.stringify(data),
    headers,
  });
  return id;
}

/** A customer as sales publishes it on creation. */
export function aCustomer(
  overrides: Partial<EventData<typeof customerCreated>> = {},
): EventData<typeof customerCreated> {
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

/** A ticket as customer-service publishes it. */
export function aTicket(
  customerId: string,
  overrides: Partial<EventData<typeof ticketOpened>> = {},
): EventData<typeof ticketOpened> {
  return {
    ticketId: newId(),
    customerId,
    subject: unique('Ticket'),
    priority: 'NORMAL',
    status: 'OPEN',
    channel: 'PHONE',
    assigneeId: null,
    createdBy: newId(),
    openedAt: new Date().toISOString(),
    resolvedAt: null,
    version: 1,
    occurredAt: new Date().toISOString(),
    ...overrides,
  };
}

/** A feedback item as product-feedback publishes it. */
export function aFeedbackItem(
  customerId: string,
  overrides: Partial<EventData<typeof feedbackRecorded>> = {},
): EventData<typeof feedbackRecorded> {
  return {
    feedbackId: newId(),
    customerId,
    kind: 'FEATURE_REQUEST',
    title: unique('Feedback'),
    source: 'SERVICE',
    status: 'NEW',
    createdBy: newId(),
    recordedAt: new Date().toISOString(),
    version: 1,
    occurredAt: new Date().toISOString(),
    ...overrides,
  };
}

/** Waits until the consumer group has handled every one of these events. */
export async function handledBy(dataSource: DataSource, groupId: string, eventIds: string[]) {
  await eventually(
    async () => {
      const [{ n }] = await dataSource.query(
        'SELECT count(*)::int AS n FROM inbox WHERE consumer = $1 AND event_id = ANY($2::uuid[])',
        [groupId, eventIds],
      );
      expect(n).toBe(eventIds.length);
    },
    { timeoutMs: 60_000 },
  );
}
