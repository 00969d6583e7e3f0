import {
  customerCreated,
  deadLetterTopic,
  describeTopicConfig,
  ensureTopics,
  listDeadLetters,
  on,
  OutboxHousekeeping1764600000000,
  OutboxInboxTables1700000000000,
  PermanentEventError,
  replayDeadLetters,
  type EventConsumer,
} from '@crm/events';
import { PLATFORM_TEST_DATABASE } from '@crm/infra';
import {
  aCustomerSnapshot,
  eventually,
  openTestDatabase,
  produceEvent,
  startConsumerUnderTest,
  testKafka,
  unique,
} from '@crm/testing';
import type { DataSource } from 'typeorm';

// identity consumes no customer events itself: its dead-letter topic is this test's alone
const SERVICE = 'identity';
let dataSource: DataSource;
let consumer: EventConsumer;
let refuse = true;
const kafka = testKafka();

const seen = async (customerId: string) =>
  (
    await dataSource.query(
      'SELECT count(*)::int AS n FROM dead_letter_test_seen WHERE customer_id = $1',
      [customerId],
    )
  )[0].n as number;

beforeAll(async () => {
  dataSource = await openTestDatabase(PLATFORM_TEST_DATABASE, [
    OutboxInboxTables1700000000000,
    OutboxHousekeeping1764600000000,
  ]);
  await dataSource.query(`CREATE TABLE IF NOT EXISTS dead_letter_test_seen (
    event_id uuid PRIMARY KEY, customer_id uuid NOT NULL)`);
  ({ consumer } = await startConsumerUnderTest({
    service: SERVICE,
    name: 'dlq-replay',
    dataSource,
    handlers: [
      on(customerCreated, async (event, tx) => {
        if (refuse && event.data.name.startsWith('Refused'))
          throw new PermanentEventError('the downstream rule refused it');
        await tx.query(
          'INSERT INTO dead_letter_test_seen (event_id, customer_id) VALUES ($1, $2)',
          [event.id, event.data.customerId],
        );
      }),
    ],
  }));
});

afterAll(async () => {
  await consumer.stop();
  await dataSource.destroy();
});

describe('dead letters', () => {
  it('are kept until replayed (no retention limit on dead-letter topics)', async () => {
    expect(
      await describeTopicConfig(kafka, deadLetterTopic(SERVICE), [
        'retention.ms',
        'retention.bytes',
      ]),
    ).toEqual({ 'retention.ms': '-1', 'retention.bytes': '-1' });
    // a topic created before its settings were declared gets them on the next start
    const name = unique('crm.test.settings').replace(/[^\w.-]/g, '');
    await ensureTopics(kafka, [{ name, partitions: 1, description: 'test' }]);
    await ensureTopics(kafka, [
      { name, partitions: 1, description: 'test', config: { 'retention.ms': '-1' } },
    ]);
    expect(await describeTopicConfig(kafka, name, ['retention.ms'])).toEqual({
      'retention.ms': '-1',
    });
  });

  it('can be listed with their reason and origin, and replayed to their topic once the cause is fixed', async () => {
    // let the consumer catch up with the topic's history first
    const marker = aCustomerSnapshot({ name: 'Marker' });
    produceEvent(customerCreated, marker);
    await eventually(async () => expect(await seen(marker.customerId)).toBe(1), {
      timeoutMs: 60_000,
    });
    const data = aCustomerSnapshot({ name: 'Refused Once' });
    const id = produceEvent(customerCreated, data);
    const letter = await eventually(async () => {
      const found = (await listDeadLetters(kafka, SERVICE)).find((l) => l.eventId === id);
      expect(found).toBeDefined();
      return found!;
    });
    expect(letter).toMatchObject({
      type: customerCreated.type,
      key: data.customerId,
      reason: 'handler',
      error: 'the downstream rule refused it',
      original: { topic: customerCreated.topic, partition: expect.any(Number) },
    });
    expect(await seen(data.customerId)).toBe(0);

    refuse = false; // the cause is fixed
    const { replayed, kept } = await replayDeadLetters(kafka, SERVICE);
    expect(kept).toEqual([]);
    expect(replayed.map((l) => l.eventId)).toContain(id);
    await eventually(async () => expect(await seen(data.customerId)).toBe(1));
    const [handled] = await dataSource.query(
      'SELECT event_id FROM dead_letter_test_seen WHERE customer_id = $1',
      [data.customerId],
    );
    expect(handled.event_id).toBe(id); // the same ce_id
    // replayed letters leave the topic (others may arrive meanwhile: the consumer reads the
    // whole customer topic, where other tests put malformed events on purpose)
    expect((await listDeadLetters(kafka, SERVICE)).map((l) => l.eventId)).not.toContain(id);
  }, 120_000);
});
