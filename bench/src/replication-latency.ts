import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { countArg } from './args';
import { removeCustomers } from './cleanup';
import { databaseUrl, gql, login, sleep, summarize } from './common';

const USAGE = `
p50 / p99 time from a createCustomer commit in sales to the customer's replica row in other
departments' databases (customer-service and analytics), through Kafka.

  npm start   (in another terminal), then:
  pnpm --filter @crm/bench build && pnpm --filter @crm/bench replication [count]   (default 200)

The customers it creates (as rep.east1, named "Replication bench ...") are deleted from sales and
every department's database when it ends, also when it fails.`;

const COUNT = countArg(USAGE, 200);

async function waitForRow(
  client: Client,
  table: string,
  id: string,
  since: number,
): Promise<number> {
  for (;;) {
    const found = await client.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id]);
    if (found.rowCount) return performance.now() - since;
    if (performance.now() - since > 30_000) throw new Error(`${table} never got ${id}`);
    await sleep(2); // poll every ~2 ms: finer resolution would steal the CPU the consumers need
  }
}

async function main(): Promise<void> {
  const { token } = await login('rep.east1@demo.crm');
  const service = new Client({ connectionString: databaseUrl('crm_customer_service') });
  const analytics = new Client({ connectionString: databaseUrl('crm_analytics') });
  await service.connect();
  await analytics.connect();
  const toService: number[] = [];
  const toAnalytics: number[] = [];
  const created: string[] = [];
  try {
    await measure(token, service, analytics, created, toService, toAnalytics);
  } finally {
    await service.end();
    await analytics.end();
    await removeCustomers(created);
    process.stdout.write(`removed the ${created.length} bench customers\n`);
  }
  summarize('createCustomer commit -> customer-service replica', toService);
  summarize('createCustomer commit -> analytics replica', toAnalytics);
}

async function measure(
  token: string,
  service: Client,
  analytics: Client,
  created: string[],
  toService: number[],
  toAnalytics: number[],
): Promise<void> {
  for (let i = 0; i < COUNT; i++) {
    const data = await gql<{ createCustomer: { customer: { id: string } } }>(
      'mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { message } } }',
      { input: { name: `Replication bench ${Date.now()}-${i}`, kind: 'PERSON' } },
      token,
    );
    // the mutation answers after its transaction committed: time from here
    const committed = performance.now();
    const id = data.createCustomer.customer.id;
    created.push(id);
    const [a, b] = await Promise.all([
      waitForRow(service, 'customer_replica', id, committed),
      waitForRow(analytics, 'customer_replica', id, committed),
    ]);
    toService.push(a);
    toAnalytics.push(b);
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
