import path from 'node:path';
import {
  createConsumer,
  createKafka,
  customerCreated,
  ensureTopics,
  on,
  OutboxHousekeeping1764600000000,
  OutboxInboxTables1700000000000,
  type EventConsumer,
} from '@crm/events';
import { KafkaRuntime, PLATFORM_TEST_DATABASE, runDir, slotPort, slotRunDir } from '@crm/infra';
import {
  aCustomerSnapshot,
  eventually,
  openTestDatabase,
  produceEvent,
  testLogger,
  uniqueGroupId,
} from '@crm/testing';
import type { DataSource } from 'typeorm';

// A broker of its own: stopping the shared test broker would disturb tests running beside this one.
const broker = new KafkaRuntime({
  dir: slotRunDir(path.join(runDir, 'kafka-consumer-outage-test')),
  port: slotPort(29094),
  controllerPort: slotPort(29095),
  ownerPid: process.pid,
});
let dataSource: DataSource;
let consumer: EventConsumer;

const seen = async (customerId: string) =>
  (
    await dataSource.query('SELECT 1 FROM consumer_outage_seen WHERE customer_id = $1', [
      customerId,
    ])
  ).length;

beforeAll(async () => {
  await broker.start({ fresh: true });
  const logger = testLogger('consumer-outage');
  const kafka = createKafka({ brokers: broker.brokers, clientId: 'consumer-outage-test', logger });
  await ensureTopics(kafka);
  dataSource = await openTestDatabase(PLATFORM_TEST_DATABASE, [
    OutboxInboxTables1700000000000,
    OutboxHousekeeping1764600000000,
  ]);
  await dataSource.query(
    'CREATE TABLE IF NOT EXISTS consumer_outage_seen (customer_id uuid PRIMARY KEY)',
  );
  consumer = createConsumer({
    service: 'analytics',
    groupId: uniqueGroupId('consumer-outage'),
    kafka,
    dataSource,
    logger,
    handlers: [
      on(
        customerCreated,
        async (event, tx) =>
          void (await tx.query('INSERT INTO consumer_outage_seen VALUES ($1)', [
            event.data.customerId,
          ])),
      ),
    ],
  });
  await consumer.start();
  await eventually(() => expect(consumer.isReady()).toBe(true));
}, 120_000);

afterAll(async () => {
  // the broker restarts above leave this consumer rejoining; its leave must finish before the
  // broker stops, or kafkajs keeps retrying it and the test process never exits
  await (
    await consumer.stop()
  ).leaving;
  await dataSource.destroy();
  await broker.stop();
}, 120_000);

describe('a consumer when its broker goes away', () => {
  it('crashes while the broker is stopped and consumes again by itself once it returns', async () => {
    const before = aCustomerSnapshot();
    produceEvent(customerCreated, before, { brokers: broker.brokers });
    await eventually(async () => expect(await seen(before.customerId)).toBe(1));

    await broker.stop();
    await eventually(() => expect(consumer.isReady()).toBe(false), { timeoutMs: 60_000 });
    await new Promise((r) => setTimeout(r, 10_000));
    await broker.start();

    const after = aCustomerSnapshot();
    produceEvent(customerCreated, after, { brokers: broker.brokers });
    await eventually(async () => expect(await seen(after.customerId)).toBe(1), {
      timeoutMs: 90_000,
      intervalMs: 1_000,
    });
    expect(consumer.isReady()).toBe(true);
  }, 240_000);
});
