import { newId } from '@crm/database';
import {
  createOutboxRelay,
  type OutboxRelay,
  type feedbackRecorded,
  type EventData,
  type opportunityCreated,
  type opportunityStageChanged,
  type opportunityWon,
  type ticketOpened,
} from '@crm/events';
import {
  eventually,
  startServiceUnderTest,
  testDatabaseUrl,
  testKafka,
  testLogger,
  unique,
  type ConsumerUnderTest,
  type ServiceUnderTest,
} from '@crm/testing';
import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { createAnalyticsApp } from '../src/app';
import { migrations } from '../src/db/migrations';
import { readModelHandlers } from '../src/events/read-model-handlers';

export interface Harness extends Omit<ServiceUnderTest<Express>, 'startConsumer'> {
  /** The group of the read-model consumer started with the harness. */
  groupId: string;
  /** Starts another read-model consumer on this database, in a group of its own. */
  startConsumer(): Promise<ConsumerUnderTest>;
}

export async function startAnalytics(): Promise<Harness> {
  const service = await startServiceUnderTest({
    service: 'analytics',
    migrations,
    createApp: createAnalyticsApp,
  });
  const startConsumer = () => service.startConsumer('analytics-read-models', readModelHandlers);
  const { groupId } = await startConsumer();
  return { ...service, groupId, startConsumer };
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

/** Waits until the consumer group has handled every one of these events (ids may repeat). */
export async function handledBy(dataSource: DataSource, groupId: string, ids: string[]) {
  const eventIds = [...new Set(ids)];
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

/** An opportunity as sales publishes it (amount in CNY, the first open stage). */
export function anOpportunity(
  customerId: string,
  overrides: Partial<EventData<typeof opportunityCreated>> = {},
): EventData<typeof opportunityCreated> {
  return {
    opportunityId: newId(),
    customerId,
    name: unique('Deal'),
    amount: { amount: '1000.00', currency: 'CNY' },
    ownerId: newId(),
    teamId: newId(),
    stage: 'QUALIFICATION',
    probability: 10,
    expectedCloseDate: null,
    sourceCampaignId: null,
    leadId: null,
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

/** The stage change that moves `opportunity` to `stage` at `changedAt`. */
export function movedTo(
  opportunity: EventData<typeof opportunityCreated>,
  stage: string,
  probability: number,
  changedAt: string,
): EventData<typeof opportunityStageChanged> {
  const { createdAt: _, ...facts } = opportunity;
  return { ...facts, stage, probability, fromStage: opportunity.stage, changedBy: null, changedAt };
}

/** The opportunity.won event of `opportunity` at `wonAt`. */
export function wonEvent(
  opportunity: EventData<typeof opportunityCreated>,
  wonAt: string,
): EventData<typeof opportunityWon> {
  const o = opportunity;
  return {
    opportunityId: o.opportunityId,
    customerId: o.customerId,
    name: o.name,
    amount: o.amount,
    ownerId: o.ownerId,
    teamId: o.teamId,
    sourceCampaignId: o.sourceCampaignId,
    leadId: o.leadId,
    wonAt,
  };
}

/** Analytics' outbox relay on the test broker (customer.health_changed). */
export function startRelay(): OutboxRelay {
  const relay = createOutboxRelay({
    service: 'analytics',
    databaseUrl: testDatabaseUrl('analytics'),
    kafka: testKafka(),
    logger: testLogger('analytics-relay'),
  });
  relay.start();
  return relay;
}
