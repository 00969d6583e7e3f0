import {
  CustomerReplicaMerges1765300000000,
  CustomerReplicaTable1700000000002,
  customerReplicaHandlers,
  findCustomerReplicas,
  mergedInto,
} from '@crm/customer-replica';
import { createDataSource, dropDatabase, ensureDatabase } from '@crm/database';
import {
  createConsumer,
  createKafka,
  customerCreated,
  OutboxHousekeeping1764600000000,
  OutboxInboxTables1700000000000,
  type EventConsumer,
} from '@crm/events';
import { databaseUrl, postgresServerUrl, slotDatabase, TEST } from '@crm/infra';
import { eventually, testLogger } from '@crm/testing';

import { asGateway, createCustomer, login } from './clients';

/**
 * A department that starts after the customer events it needed are gone (it joined late, or
 * they expired) asks sales to republish: its replica then holds every customer, merges included.
 */
const url = databaseUrl(
  process.env.POSTGRES_URL ?? postgresServerUrl(),
  slotDatabase('crm_e2e_late_department'),
);
const kafka = createKafka({
  brokers: [`127.0.0.1:${TEST.kafkaPort}`],
  clientId: 'e2e-late-department',
  logger: testLogger('late-department'),
});
let dataSource: ReturnType<typeof createDataSource>;
let consumer: EventConsumer | undefined;

beforeAll(async () => {
  await dropDatabase(url);
  await ensureDatabase(url);
  dataSource = createDataSource({
    url,
    applicationName: 'e2e-late-department',
    migrations: [
      OutboxInboxTables1700000000000,
      OutboxHousekeeping1764600000000,
      CustomerReplicaTable1700000000002,
      CustomerReplicaMerges1765300000000,
    ],
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
});
afterAll(async () => {
  await consumer?.stop();
  await dataSource.destroy();
  await dropDatabase(url);
});

describe('a department that starts late', () => {
  it('learns every customer, and which were merged, when sales republishes them', async () => {
    const rep = await login('rep.east1@demo.crm');
    const manager = await login('manager.east@demo.crm');
    const kept = await createCustomer(rep.token);
    const source = await createCustomer(rep.token);
    const target = await createCustomer(rep.token);
    await asGateway(
      'mutation($input: MergeCustomersInput!) { mergeCustomers(input: $input) { userErrors { message } } }',
      manager.token,
      { input: { sourceId: source.id, targetId: target.id } },
    );

    // the department's group begins at the end of the topic: everything before is gone for it
    const groupId = `late-department-${Date.now()}`;
    const admin = kafka.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(customerCreated.topic);
      await admin.setOffsets({
        groupId,
        topic: customerCreated.topic,
        partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })),
      });
    } finally {
      await admin.disconnect();
    }
    consumer = createConsumer({
      service: 'analytics',
      groupId,
      kafka,
      dataSource,
      logger: testLogger('late-department'),
      handlers: customerReplicaHandlers,
    });
    await consumer.start();
    const known = () => findCustomerReplicas(dataSource.manager, [kept.id, source.id, target.id]);
    expect(await known()).toEqual([]);

    const admin2 = await login('admin@demo.crm');
    const { republishCustomers } = await asGateway<{
      republishCustomers: { published: number };
    }>('mutation { republishCustomers { published userErrors { message } } }', admin2.token);
    expect(republishCustomers.published).toBeGreaterThanOrEqual(3);

    await eventually(
      async () => {
        expect((await known()).map((c) => c.id).sort()).toEqual(
          [kept.id, source.id, target.id].sort(),
        );
        expect(await mergedInto(dataSource.manager, source.id)).toBe(target.id);
      },
      { timeoutMs: 60_000 },
    );
    const [survivor] = await findCustomerReplicas(dataSource.manager, [target.id]);
    expect(survivor.name).toBe(target.name);

    // a rep may not trigger it
    const refused = await fetch(`http://127.0.0.1:${TEST.gatewayPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${rep.token}` },
      body: JSON.stringify({ query: 'mutation { republishCustomers { published } }' }),
    }).then((r) => r.json() as Promise<{ errors?: { extensions?: { code?: string } }[] }>);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
