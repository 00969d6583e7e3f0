import path from 'node:path';
import { inTransaction } from '@crm/database';
import {
  createKafka,
  createOutboxRelay,
  customerCreated,
  ensureTopics,
  OutboxInboxTables1700000000000,
  publishEvent,
  publishEvents,
  type OutboxRelay,
} from '@crm/events';
import { KafkaRuntime, PLATFORM_TEST_DATABASE, runDir } from '@crm/infra';
import {
  aCustomerSnapshot,
  eventually,
  kcatRead,
  openTestDatabase,
  testDatabaseUrl,
  testKafka,
  testLogger,
  type CustomerSnapshot,
} from '@crm/testing';
import type { DataSource } from 'typeorm';

const TOPIC = customerCreated.topic;
let dataSource: DataSource;
const relays: OutboxRelay[] = [];

function startRelay(options: { brokers?: string[]; standbyRetryMs?: number } = {}): OutboxRelay {
  const logger = testLogger('relay');
  const kafka = options.brokers
    ? createKafka({ brokers: options.brokers, clientId: 'relay-test', logger })
    : testKafka(logger);
  const relay = createOutboxRelay({
    service: 'sales',
    databaseUrl: testDatabaseUrl(PLATFORM_TEST_DATABASE),
    kafka,
    logger,
    pollIntervalMs: 60_000, // prove that NOTIFY, not polling, wakes the relay
    standbyRetryMs: options.standbyRetryMs ?? 500,
  });
  relay.start();
  relays.push(relay);
  return relay;
}

async function publishCustomers(count: number, overrides: Partial<CustomerSnapshot> = {}) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(
      await inTransaction(dataSource, (tx) =>
        publishEvent(tx, customerCreated, aCustomerSnapshot({ name: `Co ${i}`, ...overrides })),
      ),
    );
  }
  return ids;
}

const arrivedIds = (records: ReturnType<typeof kcatRead>) => records.map((r) => r.headers.ce_id);

beforeAll(async () => {
  dataSource = await openTestDatabase(PLATFORM_TEST_DATABASE, [OutboxInboxTables1700000000000]);
});

afterEach(async () => {
  await Promise.all(relays.splice(0).map((r) => r.stop()));
});

afterAll(async () => {
  await dataSource.destroy();
});

describe('outbox relay', () => {
  it('publishes a committed event as a CloudEvent in binary mode, keyed by the customer', async () => {
    startRelay();
    const data = aCustomerSnapshot({ name: 'Binary Mode Co' });
    const id = await inTransaction(dataSource, (tx) =>
      publishEvent(tx, customerCreated, data, { actorId: data.customerId }),
    );
    const record = await eventually(() => {
      const found = kcatRead(TOPIC).find((r) => r.headers.ce_id === id);
      expect(found).toBeDefined();
      return found!;
    });
    expect(record.key).toBe(data.customerId);
    expect(record.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_type: 'crm.sales.customer.created.v1',
      ce_source: '/crm/sales',
      ce_subject: data.customerId,
      ce_actorid: data.customerId,
      'content-type': 'application/json',
    });
    expect(new Date(record.headers.ce_time).toString()).not.toBe('Invalid Date');
    expect(JSON.parse(record.payload!)).toEqual(data);
    const [row] = await dataSource.query('SELECT published_at FROM outbox WHERE id = $1', [id]);
    expect(row.published_at).not.toBeNull();
  });

  it('never publishes an event whose transaction rolled back', async () => {
    startRelay();
    const data = aCustomerSnapshot({ name: 'Rolled Back Co' });
    await expect(
      inTransaction(dataSource, async (tx) => {
        await publishEvent(tx, customerCreated, data);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const [marker] = await publishCustomers(1);
    await eventually(() => expect(arrivedIds(kcatRead(TOPIC))).toContain(marker));
    expect(kcatRead(TOPIC).filter((r) => r.key === data.customerId)).toEqual([]);
  });

  it('refuses to write an event that does not match its schema, so the transaction fails', async () => {
    await expect(
      inTransaction(dataSource, (tx) =>
        publishEvent(tx, customerCreated, aCustomerSnapshot({ customerId: 'not-a-uuid' })),
      ),
    ).rejects.toThrow(/crm.sales.customer.created.v1 does not match its schema: customerId/);
  });

  it("keeps one customer's 50 events in commit order", async () => {
    startRelay();
    const customer = aCustomerSnapshot();
    const ids: string[] = [];
    for (let version = 1; version <= 50; version++) {
      ids.push(
        await inTransaction(dataSource, (tx) =>
          publishEvent(tx, customerCreated, { ...customer, version }),
        ),
      );
    }
    await eventually(() => {
      const mine = kcatRead(TOPIC).filter((r) => r.key === customer.customerId);
      expect(mine.map((r) => JSON.parse(r.payload!).version)).toEqual(ids.map((_, i) => i + 1));
    });
  });

  it('publishes events written in one bulk statement, in the order given', async () => {
    startRelay();
    const customer = aCustomerSnapshot({ name: 'Bulk Co' });
    const ids = await inTransaction(dataSource, (tx) =>
      publishEvents(
        tx,
        customerCreated,
        [1, 2, 3, 4, 5].map((version) => ({ ...customer, version })),
        { actorId: customer.customerId },
      ),
    );
    await eventually(() => {
      const mine = kcatRead(TOPIC).filter((r) => r.key === customer.customerId);
      expect(mine.map((r) => r.headers.ce_id)).toEqual(ids);
      expect(mine.map((r) => JSON.parse(r.payload!).version)).toEqual([1, 2, 3, 4, 5]);
    });
    await expect(
      inTransaction(dataSource, (tx) =>
        publishEvents(tx, customerCreated, [
          aCustomerSnapshot(),
          aCustomerSnapshot({ tier: 'Z' as never }),
        ]),
      ),
    ).rejects.toThrow(/does not match its schema: tier/);
  });

  it('runs one active relay per service; a standby takes over when the active one stops', async () => {
    const first = startRelay();
    const second = startRelay();
    await eventually(() =>
      expect([first.isActive(), second.isActive()].filter(Boolean)).toHaveLength(1),
    );
    const [active, standby] = first.isActive() ? [first, second] : [second, first];
    const [before] = await publishCustomers(1);
    await eventually(() => expect(arrivedIds(kcatRead(TOPIC))).toContain(before));
    expect(standby.publishedCount()).toBe(0);
    await active.stop();
    await eventually(() => expect(standby.isActive()).toBe(true));
    const [after] = await publishCustomers(1);
    await eventually(() => expect(arrivedIds(kcatRead(TOPIC))).toContain(after));
    expect(standby.publishedCount()).toBeGreaterThan(0);
  });
});

describe('outbox relay when Kafka is down', () => {
  // A broker of its own: stopping the shared test broker would disturb tests running beside this one.
  const broker = new KafkaRuntime({
    dir: path.join(runDir, 'kafka-outage-test'),
    port: 29092,
    controllerPort: 29093,
  });

  beforeAll(async () => {
    await broker.start({ fresh: true });
    await ensureTopics(
      createKafka({ brokers: broker.brokers, clientId: 'outage-test', logger: testLogger() }),
    );
  }, 120_000);

  afterAll(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await broker.stop();
  }, 120_000);

  it('keeps events in the outbox while the broker is stopped and delivers every one after it returns', async () => {
    await dataSource.query('UPDATE outbox SET published_at = now() WHERE published_at IS NULL');
    startRelay({ brokers: broker.brokers });
    const before = await publishCustomers(10, { name: 'Before Outage' });
    await eventually(() =>
      expect(arrivedIds(kcatRead(TOPIC, broker.brokers))).toEqual(expect.arrayContaining(before)),
    );

    await broker.stop();
    const during = await publishCustomers(30, { name: 'During Outage' });
    await new Promise((r) => setTimeout(r, 3_000));
    const [{ pending }] = await dataSource.query(
      'SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL',
    );
    expect(pending).toBe(30);

    await broker.start();
    await eventually(
      () => {
        const arrived = arrivedIds(kcatRead(TOPIC, broker.brokers));
        expect(arrived).toEqual(expect.arrayContaining([...before, ...during]));
      },
      { timeoutMs: 60_000, intervalMs: 1_000 },
    );
    const [{ left }] = await dataSource.query(
      'SELECT count(*)::int AS left FROM outbox WHERE published_at IS NULL',
    );
    expect(left).toBe(0);
  }, 180_000);
});
