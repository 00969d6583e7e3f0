import { newId } from '@crm/database';
import {
  customerCreated,
  customerUpdated,
  deadLetterTopic,
  on,
  OutboxHousekeeping1764600000000,
  PermanentEventError,
  OutboxInboxTables1700000000000,
  type EventConsumer,
} from '@crm/events';
import { PLATFORM_TEST_DATABASE } from '@crm/infra';
import {
  aCustomerSnapshot,
  eventually,
  kcatProduce,
  kcatRead,
  openTestDatabase,
  produceEvent,
  startConsumerUnderTest,
  type CustomerSnapshot,
} from '@crm/testing';
import type { DataSource } from 'typeorm';

const SERVICE = 'analytics';
const DLQ = deadLetterTopic(SERVICE);
let dataSource: DataSource;
let consumer: EventConsumer;
let groupId: string;

/** Produces a customer event with kcat, as any outside producer could (created, or updated). */
function produce(data: CustomerSnapshot, id = newId(), type = customerCreated.type): string {
  return type === customerUpdated.type
    ? produceEvent(customerUpdated, { ...data, changedFields: ['name'] }, { id })
    : produceEvent(customerCreated, data, { id });
}

async function seen(customerId: string): Promise<{ event_id: string; name: string }[]> {
  return dataSource.query(
    'SELECT event_id, name FROM consumer_test_seen WHERE customer_id = $1 ORDER BY seq',
    [customerId],
  );
}

beforeAll(async () => {
  dataSource = await openTestDatabase(PLATFORM_TEST_DATABASE, [
    OutboxInboxTables1700000000000,
    OutboxHousekeeping1764600000000,
  ]);
  await dataSource.query(`CREATE TABLE IF NOT EXISTS consumer_test_seen (
    seq bigserial PRIMARY KEY, event_id uuid NOT NULL, customer_id uuid NOT NULL, name text NOT NULL)`);
  const record = async (
    event: { id: string; data: { customerId: string; name: string } },
    tx: { query: DataSource['query'] },
  ) => {
    if (event.data.name === 'Always Fails')
      throw new Error('this handler cannot cope with Always Fails');
    await tx.query(
      'INSERT INTO consumer_test_seen (event_id, customer_id, name) VALUES ($1, $2, $3)',
      [event.id, event.data.customerId, event.data.name],
    );
  };
  ({ consumer, groupId } = await startConsumerUnderTest({
    service: SERVICE,
    name: 'consumer',
    dataSource,
    handlers: [on(customerCreated, record), on(customerUpdated, record)],
    retryDelayMs: 50,
  }));
});

afterAll(async () => {
  await consumer.stop();
  await dataSource.destroy();
});

describe('event consumer', () => {
  it('handles an event once even when it is delivered twice', async () => {
    const data = aCustomerSnapshot({ name: 'Delivered Twice' });
    const id = produce(data);
    produce(data, id);
    // a later event on the same key proves the duplicate was consumed before it
    produce({ ...data, name: 'Marker', version: 2 }, newId(), customerUpdated.type);
    await eventually(async () =>
      expect((await seen(data.customerId)).map((r) => r.name)).toEqual([
        'Delivered Twice',
        'Marker',
      ]),
    );
    const inbox = await dataSource.query(
      'SELECT count(*)::int AS n FROM inbox WHERE consumer = $1 AND event_id = $2',
      [groupId, id],
    );
    expect(inbox[0].n).toBe(1);
  });

  it('sends an event that fails its schema to the dead-letter topic with error headers, and the partition keeps flowing', async () => {
    const data = aCustomerSnapshot({ name: 'After Poison' });
    const poisonId = produce({
      ...data,
      customerId: data.customerId,
      tier: 'PLATINUM' as never,
      name: 'Poison',
    });
    produce(data);
    await eventually(async () =>
      expect((await seen(data.customerId)).map((r) => r.name)).toEqual(['After Poison']),
    );
    const dead = await eventually(() => {
      const found = kcatRead(DLQ).find((r) => r.headers.ce_id === poisonId);
      expect(found).toBeDefined();
      return found!;
    });
    expect(dead.key).toBe(data.customerId);
    expect(JSON.parse(dead.payload!).name).toBe('Poison');
    expect(dead.headers).toMatchObject({
      dlq_reason: 'schema',
      dlq_consumer: groupId,
      dlq_original_topic: customerCreated.topic,
      dlq_attempts: '1',
      ce_type: customerCreated.type,
    });
    expect(dead.headers.dlq_error).toMatch(/^tier: /);
    expect(Number(dead.headers.dlq_original_offset)).toBeGreaterThanOrEqual(0);
  });

  it('retries a failing handler a bounded number of times, then dead-letters the event and moves on', async () => {
    const data = aCustomerSnapshot({ name: 'Always Fails' });
    const failingId = produce(data);
    produce({ ...data, name: 'Next In Line', version: 2 }, newId(), customerUpdated.type);
    await eventually(async () =>
      expect((await seen(data.customerId)).map((r) => r.name)).toEqual(['Next In Line']),
    );
    const dead = await eventually(() => {
      const found = kcatRead(DLQ).find((r) => r.headers.ce_id === failingId);
      expect(found).toBeDefined();
      return found!;
    });
    expect(dead.headers).toMatchObject({
      dlq_reason: 'handler',
      dlq_attempts: '3',
      dlq_error: 'this handler cannot cope with Always Fails',
    });
    const inbox = await dataSource.query(
      'SELECT count(*)::int AS n FROM inbox WHERE event_id = $1',
      [failingId],
    );
    expect(inbox[0].n).toBe(0);
  });

  it('dead-letters a message that is not a CloudEvent', async () => {
    const key = newId();
    kcatProduce(customerCreated.topic, {
      key,
      value: '{"hello":"world"}',
      headers: { 'content-type': 'application/json' },
    });
    const dead = await eventually(() => {
      const found = kcatRead(DLQ).find((r) => r.key === key);
      expect(found).toBeDefined();
      return found!;
    });
    expect(dead.headers.dlq_reason).toBe('envelope');
    expect(dead.headers.dlq_error).toMatch(/missing ce_id, ce_type, ce_source, ce_time/);
  });

  it('runs every handler given for one type, in order and in one transaction', async () => {
    const names: string[] = [];
    const insert = (suffix: string) =>
      on(customerCreated, async (event, tx) => {
        if (suffix === 'second' && event.data.name === 'Second Refuses')
          throw new PermanentEventError('the second handler refuses this one');
        names.push(`${event.data.name}/${suffix}`);
        await tx.query(
          'INSERT INTO consumer_test_seen (event_id, customer_id, name) VALUES ($1, $2, $3)',
          [event.id, event.data.customerId, `${event.data.name}/${suffix}`],
        );
      });
    const { consumer: both } = await startConsumerUnderTest({
      service: SERVICE,
      name: 'consumer-two-handlers',
      dataSource,
      handlers: [insert('first'), insert('second')],
    });
    // this suite's main consumer records the same events without a suffix
    const ofBoth = async (customerId: string) =>
      (await seen(customerId)).map((r) => r.name).filter((name) => name.includes('/'));
    try {
      const refused = aCustomerSnapshot({ name: 'Second Refuses' });
      const refusedId = produce(refused);
      const data = aCustomerSnapshot({ name: 'Both' });
      produce(data);
      await eventually(async () =>
        expect(await ofBoth(data.customerId)).toEqual(['Both/first', 'Both/second']),
      );
      // the first handler ran, then the second refused: its row went with the transaction
      await eventually(() =>
        expect(kcatRead(DLQ).some((r) => r.headers.ce_id === refusedId)).toBe(true),
      );
      expect(names).toContain('Second Refuses/first');
      expect(await ofBoth(refused.customerId)).toEqual([]);
    } finally {
      await both.stop();
    }
  });

  it('skips an event of a type no catalog version knows, leaving a trace, and keeps flowing', async () => {
    const type = 'crm.sales.customer.renamed.v9';
    const data = aCustomerSnapshot({ name: 'After Unknown' });
    const unknownId = produceEvent({ ...customerCreated, type } as typeof customerCreated, data);
    produce(data);
    await eventually(async () =>
      expect((await seen(data.customerId)).map((r) => r.name)).toEqual(['After Unknown']),
    );
    expect(consumer.unknownEventTypes().get(type)).toBeGreaterThanOrEqual(1);
    // skipped, not dead-lettered: a newer version is no fault of the event
    expect(kcatRead(DLQ).some((r) => r.headers.ce_id === unknownId)).toBe(false);
    expect(await seen(data.customerId)).toHaveLength(1);
  });
});
