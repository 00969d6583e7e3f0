import path from 'node:path';
import { inTransaction } from '@crm/database';
import {
  createKafka,
  createOutboxRelay,
  customerCreated,
  ensureTopics,
  OutboxHousekeeping1764600000000,
  OutboxInboxTables1700000000000,
  publishEvent,
  publishEvents,
  type OutboxRelay,
} from '@crm/events';
import { KafkaRuntime, PLATFORM_TEST_DATABASE, runDir, slotPort, slotRunDir } from '@crm/infra';
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
  dataSource = await openTestDatabase(PLATFORM_TEST_DATABASE, [
    OutboxInboxTables1700000000000,
    OutboxHousekeeping1764600000000,
  ]);
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
    // Kafka shows the record as soon as the broker has it; the relay marks the row once the
    // send is acknowledged, a moment later.
    await eventually(async () => {
      const [row] = await dataSource.query('SELECT published_at FROM outbox WHERE id = $1', [id]);
      expect(row.published_at).not.toBeNull();
    });
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

  it('parks an event Kafka refuses for good (no such topic, too large) and publishes the later ones', async () => {
    const relay = startRelay();
    // Written as publishEvent writes them, then spoilt in the same transaction, so the relay
    // never sees them whole: one for a topic nobody created, one over the broker's 1 MB limit.
    const spoilt = async (sql: string) =>
      inTransaction(dataSource, async (tx) => {
        const id = await publishEvent(tx, customerCreated, aCustomerSnapshot());
        await tx.query(sql, [id]);
        return id;
      });
    const noTopic = await spoilt(
      `UPDATE outbox SET topic = 'crm.sales.nobody-created-this.v1' WHERE id = $1`,
    );
    const tooLarge = await spoilt(
      `UPDATE outbox SET payload = jsonb_set(payload, '{padding}', to_jsonb(repeat('x', 1200000))) WHERE id = $1`,
    );
    const [after] = await publishCustomers(1, { name: 'After The Refused Ones' });
    await eventually(() => expect(arrivedIds(kcatRead(TOPIC))).toContain(after), {
      timeoutMs: 60_000,
    });
    // Kafka may take the later event in the same request that it refused the others in (they
    // are on other partitions), so wait for the relay to have parked both rather than assume
    // they were parked first.
    const parked = await eventually(
      async () => {
        const found: {
          id: string;
          published_at: Date | null;
          failed_at: Date | null;
          last_error: string;
        }[] = await dataSource.query(
          'SELECT id, published_at, failed_at, last_error FROM outbox WHERE id = ANY($1::uuid[]) AND failed_at IS NOT NULL',
          [[noTopic, tooLarge]],
        );
        expect(found).toHaveLength(2);
        return new Map(found.map((r) => [r.id, r]));
      },
      { timeoutMs: 60_000 },
    );
    expect(parked.get(noTopic)).toMatchObject({ published_at: null });
    expect(parked.get(noTopic)?.last_error).toMatch(/UNKNOWN_TOPIC_OR_PARTITION/);
    expect(parked.get(tooLarge)).toMatchObject({ published_at: null });
    expect(parked.get(tooLarge)?.last_error).toMatch(/MESSAGE_TOO_LARGE|RECORD_LIST_TOO_LARGE/);
    expect(relay.parkedCount()).toBe(2);
    expect(arrivedIds(kcatRead(TOPIC))).not.toContain(tooLarge);
  }, 90_000);

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
    // The record is readable before the relay's send resolves and it counts the row: wait for
    // the count rather than reading it the moment the record shows up (issue 15).
    await eventually(() => expect(standby.publishedCount()).toBeGreaterThan(0));
  });
});

describe('outbox relay when Kafka is down', () => {
  // A broker of its own: stopping the shared test broker would disturb tests running beside this one.
  const broker = new KafkaRuntime({
    dir: slotRunDir(path.join(runDir, 'kafka-outage-test')),
    port: slotPort(29092),
    controllerPort: slotPort(29093),
    ownerPid: process.pid,
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
    await eventually(async () => {
      const [{ left }] = await dataSource.query(
        'SELECT count(*)::int AS left FROM outbox WHERE published_at IS NULL',
      );
      expect(left).toBe(0);
    });
  }, 180_000);
});
