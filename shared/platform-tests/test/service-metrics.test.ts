import { createServer, type Server } from 'node:http';
import { inTransaction, newId } from '@crm/database';
import {
  customerCreated,
  deadLetterTopic,
  ensureTopics,
  on,
  OutboxHousekeeping1764600000000,
  OutboxInboxTables1700000000000,
  publishEvent,
  type EventConsumer,
} from '@crm/events';
import { PLATFORM_TEST_DATABASE } from '@crm/infra';
import { ScheduledJobsTable1700000000003, scheduleJob } from '@crm/scheduler';
import { createServiceMetrics, type ServiceMetrics } from '@crm/subgraph';
import {
  aCustomerSnapshot,
  eventually,
  kcatProduce,
  openTestDatabase,
  produceEvent,
  startConsumerUnderTest,
  testKafka,
  unique,
} from '@crm/testing';
import type { DataSource } from 'typeorm';

const SERVICE = 'product-feedback';
let dataSource: DataSource;
let consumer: EventConsumer;
let metrics: ServiceMetrics;

/**
 * customer.created on a topic of this test's own: other packages' tests share the broker and
 * publish to the real topic at any time, which would change the lag this test asserts.
 */
const ownCustomerCreated: typeof customerCreated = {
  ...customerCreated,
  topic: unique('crm.sales.metrics-test').replace(/[^\w.-]/g, '') + '.v1',
};

/** The value of one series in the exposition text, e.g. value('crm_kafka_up'). */
async function value(name: string, labels: Record<string, string> = {}): Promise<number> {
  const { body } = await metrics.render();
  const wanted = Object.entries({ ...labels, service: SERVICE });
  const line = body
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && wanted.every(([k, v]) => l.includes(`${k}="${v}"`)));
  if (!line) throw new Error(`no series ${name} ${JSON.stringify(labels)} in:\n${body}`);
  return Number(line.split(' ').pop());
}

beforeAll(async () => {
  dataSource = await openTestDatabase(PLATFORM_TEST_DATABASE, [
    OutboxInboxTables1700000000000,
    OutboxHousekeeping1764600000000,
    ScheduledJobsTable1700000000003,
  ]);
  await ensureTopics(testKafka(), [
    { name: ownCustomerCreated.topic, partitions: 3, description: 'metrics test' },
  ]);
  ({ consumer } = await startConsumerUnderTest({
    service: SERVICE,
    name: 'metrics',
    dataSource,
    handlers: [on(ownCustomerCreated, async () => undefined)],
  }));
  metrics = createServiceMetrics({
    service: SERVICE,
    dataSource,
    kafka: testKafka(),
    consumers: [consumer],
  });
});

afterAll(async () => {
  await consumer.stop();
  await metrics.stop();
  await dataSource.destroy();
});

describe('the metrics of a service', () => {
  it('shows the outbox backlog and the age of its oldest event while no relay publishes', async () => {
    const before = await value('crm_outbox_pending_events');
    await inTransaction(dataSource, async (tx) => {
      await publishEvent(tx, customerCreated, aCustomerSnapshot());
      await publishEvent(tx, customerCreated, aCustomerSnapshot());
    });
    expect(await value('crm_outbox_pending_events')).toBe(before + 2);
    expect(await value('crm_outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(await value('crm_outbox_relay_active')).toBe(0);
    await dataSource.query('UPDATE outbox SET published_at = now() WHERE published_at IS NULL');
    expect(await value('crm_outbox_pending_events')).toBe(0);
    expect(await value('crm_outbox_oldest_pending_age_seconds')).toBe(0);
  });

  it('counts dead letters waiting for a replay', async () => {
    const before = await value('crm_dead_letter_events');
    kcatProduce(deadLetterTopic(SERVICE), { key: newId(), value: '{}', headers: {} });
    await eventually(async () => expect(await value('crm_dead_letter_events')).toBe(before + 1));
    expect(await value('crm_kafka_up')).toBe(1);
  });

  it("shows the consumer group's lag: zero once caught up, one per event it has not consumed", async () => {
    const group = { group: consumer.groupId };
    await eventually(async () => expect(await value('crm_consumer_lag_events', group)).toBe(0), {
      timeoutMs: 30_000,
    });
    expect(await value('crm_consumer_ready', group)).toBe(1);
    await consumer.stop();
    produceEvent(ownCustomerCreated, aCustomerSnapshot());
    await eventually(async () => expect(await value('crm_consumer_lag_events', group)).toBe(1));
    expect(await value('crm_consumer_ready', group)).toBe(0);
  });

  it('counts due scheduled jobs and times HTTP requests by route', async () => {
    const before = await value('crm_scheduled_jobs_due');
    await inTransaction(dataSource, (tx) =>
      scheduleJob(tx, { kind: unique('metrics'), key: 'k', dueAt: new Date(Date.now() - 1_000) }),
    );
    expect(await value('crm_scheduled_jobs_due')).toBe(before + 1);

    const server: Server = createServer((_req, res) => res.end('ok'));
    metrics.observe(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    await fetch(`http://127.0.0.1:${port}/graphql?query=x`);
    server.close();
    expect(
      await value('crm_http_request_duration_seconds_count', {
        route: '/graphql',
        method: 'GET',
        status: '200',
      }),
    ).toBe(1);
  });
});
