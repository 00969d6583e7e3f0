import { createDataSource, newId } from '@crm/database';
import {
  customerCreated,
  deadLetterTopic,
  isTransientError,
  on,
  OutboxHousekeeping1764600000000,
  OutboxInboxTables1700000000000,
  type EventConsumer,
} from '@crm/events';
import { PLATFORM_TEST_DATABASE } from '@crm/infra';
import {
  aCustomerSnapshot,
  eventually,
  kcatRead,
  openTestDatabase,
  produceEvent,
  startConsumerUnderTest,
  startTcpProxy,
  testDatabaseUrl,
  type TcpProxy,
} from '@crm/testing';
import type { DataSource } from 'typeorm';

const SERVICE = 'analytics';
let direct: DataSource;
let throughProxy: DataSource;
let proxy: TcpProxy;
let consumer: EventConsumer;

const seen = async (customerId: string) =>
  (
    await direct.query(
      'SELECT count(*)::int AS n FROM consumer_transient_seen WHERE customer_id = $1',
      [customerId],
    )
  )[0].n as number;

beforeAll(async () => {
  direct = await openTestDatabase(PLATFORM_TEST_DATABASE, [
    OutboxInboxTables1700000000000,
    OutboxHousekeeping1764600000000,
  ]);
  await direct.query(`CREATE TABLE IF NOT EXISTS consumer_transient_seen (
    event_id uuid PRIMARY KEY, customer_id uuid NOT NULL)`);
  // The consumer reaches PostgreSQL through a proxy the test can cut, as a database restart
  // or a network failure would.
  const url = new URL(testDatabaseUrl(PLATFORM_TEST_DATABASE));
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  throughProxy = createDataSource({
    url: url.toString(),
    applicationName: 'transient-test',
    migrations: [],
  });
  await throughProxy.initialize();
  ({ consumer } = await startConsumerUnderTest({
    service: SERVICE,
    name: 'transient',
    dataSource: throughProxy,
    handlers: [
      on(customerCreated, async (event, tx) => {
        await tx.query(
          'INSERT INTO consumer_transient_seen (event_id, customer_id) VALUES ($1, $2)',
          [event.id, event.data.customerId],
        );
      }),
    ],
    retryDelayMs: 50,
    maxTransientDelayMs: 500,
  }));
});

afterAll(async () => {
  await consumer.stop();
  await throughProxy.destroy().catch(() => undefined);
  await proxy.close();
  await direct.destroy();
});

describe('a consumer whose database goes away', () => {
  it('retries the event until the database is back instead of dead-lettering it', async () => {
    await proxy.cut();
    const data = aCustomerSnapshot({ name: 'Arrives During Outage' });
    const id = newId();
    produceEvent(customerCreated, data, { id });
    // The outage lasts far longer than the three quick attempts a failing handler gets
    // (50 + 100 ms apart) before its event is dead-lettered.
    await new Promise((r) => setTimeout(r, 4_000));
    expect(await seen(data.customerId)).toBe(0);
    await proxy.restore();
    await eventually(async () => expect(await seen(data.customerId)).toBe(1), {
      timeoutMs: 30_000,
    });
    const deadLettered = kcatRead(deadLetterTopic(SERVICE)).filter((r) => r.headers.ce_id === id);
    expect(deadLettered).toEqual([]);
  }, 60_000);
});

describe('which errors are transient', () => {
  it('counts an unreachable server, a dropped connection, a pool timeout and a deadlock as transient', async () => {
    const nobody = createDataSource({
      url: 'postgres://root@127.0.0.1:1/none',
      applicationName: 'x',
      migrations: [],
    });
    const refused = await nobody.initialize().catch((e) => e);
    expect(refused.code).toBe('ECONNREFUSED');
    expect(isTransientError(refused)).toBe(true);
    expect(isTransientError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientError(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isTransientError(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBe(
      true,
    );
    expect(
      isTransientError({ message: 'wrapped', driverError: { code: '57P01', message: 'admin' } }),
    ).toBe(true);
  });

  it('counts a constraint violation, a syntax error and a plain bug as permanent', async () => {
    const violation = await direct
      .query('INSERT INTO consumer_transient_seen (event_id, customer_id) VALUES (NULL, NULL)')
      .catch((e) => e);
    expect(isTransientError(violation)).toBe(false);
    const syntax = await direct.query('SELEC 1').catch((e) => e);
    expect(isTransientError(syntax)).toBe(false);
    expect(
      isTransientError(new TypeError("Cannot read properties of undefined (reading 'x')")),
    ).toBe(false);
  });
});
