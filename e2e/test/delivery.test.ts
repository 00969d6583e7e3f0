import { customerCreated } from '@crm/events';
import { eventually, graphqlOk, kcatRead } from '@crm/testing';
import { createCustomer, login } from './clients';
import { gatewayUrl, kafka, waitUntilReady } from './system';

describe('nothing is lost when Kafka is down', () => {
  it('customers created while the broker is stopped all reach Kafka and every department after it returns', async () => {
    const rep = await login('rep.north1@demo.crm');
    const broker = kafka();
    await broker.stop();
    let created: { id: string; name: string }[] = [];
    try {
      for (let i = 0; i < 5; i++) created.push(await createCustomer(rep.token));
    } finally {
      await broker.start();
    }
    created = created.filter(Boolean);
    expect(created).toHaveLength(5);

    // an independent client (kcat) sees every created event on the topic
    await eventually(
      () => {
        const keys = new Set(
          kcatRead(customerCreated.topic)
            .filter((r) => r.headers.ce_type === customerCreated.type)
            .map((r) => r.key),
        );
        expect(created.filter((c) => !keys.has(c.id))).toEqual([]);
      },
      { timeoutMs: 90_000, intervalMs: 1_000 },
    );
    // and the departments' consumers caught up: analytics knows every one of them
    await eventually(
      async () => {
        for (const c of created) {
          const data = await graphqlOk<{ customer: { health: unknown } | null }>(gatewayUrl, {
            query: 'query($id: ID!) { customer(id: $id) { health { score } } }',
            variables: { id: c.id },
            token: rep.token,
          });
          expect(data.customer?.health).not.toBeNull();
        }
      },
      { timeoutMs: 90_000, intervalMs: 1_000 },
    );
    // every consumer of every service back in its group before the next test
    await waitUntilReady();
  }, 300_000);
});
