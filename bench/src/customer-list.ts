// p95 latency of the customer list query (50 per page) through the gateway over 100,000 customers.
//   npm start   (in another terminal), then:
//   pnpm --filter @crm/bench build && pnpm --filter @crm/bench customer-list [requests] [--cleanup]
// Seeds 100,000 customers (tagged `bench`) straight into crm_sales when fewer exist, spread over
// the demo reps; --cleanup deletes them afterwards. Seeded rows publish no events: this measures
// the read path only.
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { databaseUrl, gql, login, summarize } from './common';

const TARGET = 100_000;
const REQUESTS = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 300);
const CLEANUP = process.argv.includes('--cleanup');
const REPS = [
  'rep.east1@demo.crm',
  'rep.east2@demo.crm',
  'rep.north1@demo.crm',
  'rep.north2@demo.crm',
];

const PAGE = `query($after: String, $filter: CustomerFilter) {
  customers(first: 50, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id name tier phone owner { id } updatedAt }
  }
}`;

interface Page {
  customers: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: unknown[];
  };
}

async function seed(sales: Client, reps: { id: string }[]): Promise<void> {
  const { rows } = await sales.query<{ n: number }>('SELECT count(*)::int AS n FROM customers');
  const missing = TARGET - rows[0].n;
  if (missing <= 0) return;
  const started = performance.now();
  const owners = await sales.query<{ id: string; team_id: string | null }>(
    'SELECT id, team_id FROM employee_replica WHERE id = ANY($1::uuid[])',
    [reps.map((r) => r.id)],
  );
  await sales.query(
    `INSERT INTO customers (id, kind, name, industry, region, tier, lifecycle_stage, tags, phone, owner_id, team_id, created_at, updated_at)
     SELECT gen_random_uuid(), 'COMPANY', '基准客户 ' || g, 'Manufacturing', 'Region ' || (g % 30), (ARRAY['KEY','A','B','C'])[1 + g % 4],
            'PROSPECT', '{bench}', '138' || lpad(g::text, 8, '0'), (o.ids)[1 + g % array_length(o.ids, 1)], (o.teams)[1 + g % array_length(o.teams, 1)],
            now() - make_interval(secs => g), now() - make_interval(secs => g)
     FROM generate_series(1, $1) AS g, (SELECT array_agg(id) AS ids, array_agg(team_id) AS teams FROM employee_replica WHERE id = ANY($2::uuid[])) AS o`,
    [missing, owners.rows.map((o) => o.id)],
  );
  await sales.query('ANALYZE customers');
  process.stdout.write(
    `seeded ${missing} customers in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

async function measure(
  label: string,
  token: string,
  filter: Record<string, unknown> | null,
): Promise<void> {
  const samples: number[] = [];
  let after: string | null = null;
  let total = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    const page: Page = await gql<Page>(PAGE, { after, filter }, token);
    samples.push(performance.now() - started);
    total = page.customers.totalCount;
    // page forward through the list, starting over at the end
    after = page.customers.pageInfo.hasNextPage ? page.customers.pageInfo.endCursor : null;
  }
  summarize(`${label} (${total} customers visible)`, samples);
}

async function main(): Promise<void> {
  const sales = new Client({ connectionString: databaseUrl('crm_sales') });
  await sales.connect();
  const reps = await Promise.all(REPS.map(login));
  await seed(sales, reps);
  const ceo = await login('ceo@demo.crm');
  const manager = await login('manager.east@demo.crm');
  await measure('executive, all customers, newest first', ceo.token, null);
  await measure('sales manager, team customers', manager.token, null);
  await measure('sales rep, own + pool', reps[0].token, null);
  await measure('executive, search by name', ceo.token, { search: '客户 12' });
  if (CLEANUP) {
    const removed = await sales.query("DELETE FROM customers WHERE tags @> '{bench}'");
    process.stdout.write(`removed ${removed.rowCount} seeded customers\n`);
  }
  await sales.end();
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
