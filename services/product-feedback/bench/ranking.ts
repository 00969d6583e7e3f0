// Idea ranking benchmark: 1,000 ideas, 100,000 feedback items (each linked to an idea), 50,000
// customers with deals, 20,000 votes, on a database of its own. Prints the p50/p95/max time of
// the ranking statement (top 20 with explanations), which is what ideaRanking runs.
//   pnpm --filter @crm/product-feedback build && pnpm --filter @crm/product-feedback bench:ranking
import { createDataSource, ensureDatabase, runMigrations } from '@crm/database';
import { rankIdeas } from '../dist/db/idea-ranking.js';
import { migrations } from '../dist/db/migrations/index.js';

const IDEAS = 1_000;
const ITEMS = 100_000;
const CUSTOMERS = 50_000;
const RUNS = 30;
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const slot = process.env.CRM_SLOT ?? '0';
  const url = `${process.env.POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432'}/crm_product_feedback_bench_${slot}`;
  await ensureDatabase(url);
  const db = createDataSource({ url, applicationName: 'crm-product-feedback-bench', migrations });
  await db.initialize();
  await runMigrations(db);

  say(`seeding ${IDEAS} ideas, ${ITEMS} feedback items, ${CUSTOMERS} customers ...`);
  await db.query(
    `TRUNCATE changelog_entries, idea_votes, idea_feedback, ideas, feedback_items,
       customer_opportunities, customer_churn_risk`,
  );
  const customer = (expr: string) =>
    `('00000000-0000-7000-8000-' || lpad(((${expr}) % ${CUSTOMERS})::text, 12, '0'))::uuid`;
  await db.query(`
    INSERT INTO ideas (id, title, status, created_by)
    SELECT ('00000000-0000-7000-9000-' || lpad(i::text, 12, '0'))::uuid, 'Idea ' || i, 'NEW', gen_random_uuid()
    FROM generate_series(1, ${IDEAS}) i`);
  await db.query(`
    INSERT INTO feedback_items (id, customer_id, kind, title, source, status, created_by)
    SELECT ('00000000-0000-7000-a000-' || lpad(i::text, 12, '0'))::uuid, ${customer('i * 7919')},
           'FEATURE_REQUEST', 'Item ' || i, 'SALES', 'NEW', gen_random_uuid()
    FROM generate_series(1, ${ITEMS}) i`);
  await db.query(`
    INSERT INTO idea_feedback (idea_id, feedback_id, linked_by)
    SELECT ('00000000-0000-7000-9000-' || lpad((1 + (i * 31) % ${IDEAS})::text, 12, '0'))::uuid,
           ('00000000-0000-7000-a000-' || lpad(i::text, 12, '0'))::uuid, gen_random_uuid()
    FROM generate_series(1, ${ITEMS}) i`);
  await db.query(`
    INSERT INTO idea_votes (idea_id, customer_id, importance, voted_by)
    SELECT ('00000000-0000-7000-9000-' || lpad((1 + (i * 17) % ${IDEAS})::text, 12, '0'))::uuid,
           ${customer('i * 104729')}, (ARRAY['NICE_TO_HAVE', 'IMPORTANT', 'CRITICAL'])[1 + i % 3],
           gen_random_uuid()
    FROM generate_series(1, 20000) i ON CONFLICT DO NOTHING`);
  await db.query(`
    INSERT INTO customer_opportunities (opportunity_id, customer_id, amount, currency, state, as_of)
    SELECT gen_random_uuid(), ${customer('i')}, round((random() * 100000)::numeric, 2),
           CASE WHEN i % 10 = 0 THEN 'USD' ELSE 'CNY' END,
           (ARRAY['OPEN', 'WON', 'LOST'])[1 + i % 3], now()
    FROM generate_series(1, ${CUSTOMERS * 2}) i`);
  // analytics' churn risk for one customer in five
  await db.query(`
    INSERT INTO customer_churn_risk (customer_id, churn_risk, changed_at)
    SELECT ${customer('i * 5')}, (ARRAY['LOW', 'MEDIUM', 'HIGH'])[1 + i % 3], now()
    FROM generate_series(0, ${CUSTOMERS / 5 - 1}) i ON CONFLICT DO NOTHING`);
  await db.query('ANALYZE');

  const times: number[] = [];
  for (let run = 0; run < RUNS + 3; run++) {
    const started = process.hrtime.bigint();
    const ranked = await rankIdeas(db.manager, {
      statuses: ['NEW', 'UNDER_REVIEW', 'PLANNED', 'IN_PROGRESS'],
      currency: 'CNY',
      limit: 20,
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (run >= 3) times.push(ms); // the first runs warm the cache
    if (run === 0) say(`top idea: score ${ranked[0].score}, ${ranked[0].customerCount} customers`);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  say(
    `ranking (top 20 with explanations), ${RUNS} runs: p50 ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms`,
  );
  await db.destroy();
}

void main();
