// Dashboard query benchmark: fills analytics' read models of a database of its own with the
// facts of about 1,000,000 events (opportunities created, moved, won or lost; tickets opened and
// resolved; SLA breaches; CSAT answers; overdue tasks; lead hand-offs), written straight into
// the tables in bulk (this measures the queries, not the consumer), then runs each dashboard
// query many times and prints p50 and p95.
//   pnpm --filter @crm/analytics build && pnpm --filter @crm/analytics bench:dashboard [-- --events 1000000 --runs 40]
import { createDataSource, ensureDatabase, newId, runMigrations } from '@crm/database';
import { databaseUrl, postgresServerUrl, slotDatabase } from '@crm/infra';
import { aViewer } from '@crm/testing';
import { migrations } from '../dist/db/migrations/index.js';
import { bottlenecks } from '../dist/domain/bottlenecks.js';
import { salesReport } from '../dist/domain/sales-report.js';
import { serviceReport } from '../dist/domain/service-report.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const EVENTS = arg('events', 1_000_000);
const RUNS = arg('runs', 40);
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const url = databaseUrl(
    process.env.POSTGRES_URL ?? postgresServerUrl(),
    slotDatabase('crm_analytics_bench'),
  );
  await ensureDatabase(url);
  const db = createDataSource({ url, applicationName: 'crm-analytics-bench', migrations });
  await db.initialize();
  await runMigrations(db);

  // events per fact: an opportunity ~3.5 (created, 1-2 moves, won or lost), a ticket ~2.6 (opened,
  // resolved, a breach or CSAT now and then); half the events are sales', half customer service's
  const opportunities = Math.round(EVENTS / 2 / 3.5);
  const tickets = Math.round(EVENTS / 2 / 2.6);
  const teams = Array.from({ length: 10 }, () => newId());
  const reps = Array.from({ length: 100 }, () => newId());
  const started = Date.now();
  const [{ n: existing }] = await db.query('SELECT count(*)::int AS n FROM opportunity_facts');
  if (existing < opportunities) {
    say(
      `[bench] loading facts of ${EVENTS.toLocaleString('en')} events into ${slotDatabase('crm_analytics_bench')}`,
    );
    await db.query(`TRUNCATE opportunity_facts, opportunity_stage_reached, stage_probability, customer_dims, employee_dims,
    ticket_facts, sla_breaches, csat_facts, overdue_tasks, lead_facts, customer_replica`);
    await db.query(`INSERT INTO stage_probability (stage, probability, seen_at) VALUES
    ('QUALIFICATION', 10, now()), ('NEEDS_ANALYSIS', 30, now()), ('PROPOSAL', 50, now()), ('NEGOTIATION', 70, now())`);
    await db.query(
      `INSERT INTO employee_dims (employee_id, team_id, version)
     SELECT r, ($2::uuid[])[1 + (i % 10)], 1 FROM unnest($1::uuid[]) WITH ORDINALITY AS e (r, i)`,
      [reps, teams],
    );
    await db.query(
      `INSERT INTO customer_dims (customer_id, region, tier, version)
     SELECT gen_random_uuid(), (ARRAY['East','North','South','West'])[1 + i % 4], (ARRAY['KEY','A','B','C'])[1 + i % 4], 1
     FROM generate_series(1, 20000) AS i`,
    );
    await db.query(
      `INSERT INTO customer_replica (id, kind, name, tier, lifecycle_stage, owner_id, team_id, version)
     SELECT d.customer_id, 'COMPANY', 'Bench', d.tier, 'CUSTOMER', ($1::uuid[])[1 + (row_number() OVER () % 100)::int],
       ($2::uuid[])[1 + (row_number() OVER () % 10)::int], 1
     FROM customer_dims d`,
      [reps, teams],
    );
    await db.query(
      `WITH c AS (SELECT array_agg(customer_id) AS ids FROM customer_dims),
     o AS (
       SELECT gen_random_uuid() AS id, i, c.ids[1 + i % 20000] AS customer_id,
         now() - (random() * 730) * interval '1 day' AS created_at, random() AS fate
       FROM generate_series(1, $1::int) AS i, c
     )
     INSERT INTO opportunity_facts (opportunity_id, customer_id, owner_id, team_id, amount, currency, stage, probability,
       status, expected_close_date, created_at, closed_at, state_at)
     SELECT id, customer_id, ($2::uuid[])[1 + i % 100], ($3::uuid[])[1 + (i % 100) % 10], round((random() * 100000)::numeric, 2), 'CNY',
       CASE WHEN fate < 0.3 THEN 'WON' WHEN fate < 0.5 THEN 'LOST' ELSE (ARRAY['QUALIFICATION','NEEDS_ANALYSIS','PROPOSAL','NEGOTIATION'])[1 + i % 4] END,
       CASE WHEN fate < 0.3 THEN 100 WHEN fate < 0.5 THEN 0 ELSE (ARRAY[10,30,50,70])[1 + i % 4] END,
       CASE WHEN fate < 0.3 THEN 'WON' WHEN fate < 0.5 THEN 'LOST' ELSE 'OPEN' END,
       (created_at + interval '60 days')::date, created_at,
       CASE WHEN fate < 0.5 THEN created_at + (random() * 90) * interval '1 day' END, created_at
     FROM o`,
      [opportunities, reps, teams],
    );
    await db.query(
      `INSERT INTO opportunity_stage_reached (opportunity_id, stage, reached_at)
     SELECT opportunity_id, s.stage, created_at FROM opportunity_facts o
     JOIN stage_probability s ON s.probability <= coalesce(o.probability, 0) OR o.status = 'WON'`,
    );
    await db.query(
      `WITH c AS (SELECT array_agg(customer_id) AS ids FROM customer_dims)
     INSERT INTO ticket_facts (ticket_id, customer_id, status, priority, opened_at, version, assignee_id, resolved_at)
     SELECT gen_random_uuid(), c.ids[1 + i % 20000], CASE WHEN i % 5 = 0 THEN 'OPEN' ELSE 'RESOLVED' END,
       (ARRAY['LOW','NORMAL','HIGH','URGENT'])[1 + i % 4], t, 2, ($2::uuid[])[1 + i % 100],
       CASE WHEN i % 5 <> 0 THEN t + interval '1 day' END
     FROM generate_series(1, $1::int) AS i, c, LATERAL (SELECT now() - (random() * 730) * interval '1 day' AS t) x`,
      [tickets, reps],
    );
    await db.query(
      `INSERT INTO sla_breaches (ticket_id, target, customer_id, assignee_id, priority, due_at, breached_at)
     SELECT ticket_id, 'RESOLUTION', customer_id, assignee_id, priority, opened_at + interval '8 hours', opened_at + interval '8 hours'
     FROM ticket_facts TABLESAMPLE BERNOULLI (20)`,
    );
    await db.query(
      `INSERT INTO csat_facts (survey_id, ticket_id, customer_id, assignee_id, score, reason, answered_at)
     SELECT gen_random_uuid(), ticket_id, customer_id, assignee_id, 1 + floor(random() * 5)::int, NULL, resolved_at + interval '1 hour'
     FROM ticket_facts TABLESAMPLE BERNOULLI (40) WHERE resolved_at IS NOT NULL`,
    );
    await db.query(
      `INSERT INTO overdue_tasks (task_id, customer_id, title, assignee_id, team_id, due_at, detected_at)
     SELECT gen_random_uuid(), NULL, 'Bench task', ($1::uuid[])[1 + i % 100], ($2::uuid[])[1 + (i % 100) % 10], now() - i * interval '1 minute', now()
     FROM generate_series(1, 20000) AS i`,
      [reps, teams],
    );
    await db.query(
      `INSERT INTO lead_facts (lead_id, assignee_id, team_id, due_at, assigned_at, contacted_at)
     SELECT gen_random_uuid(), ($1::uuid[])[1 + i % 100], ($2::uuid[])[1 + (i % 100) % 10], now() - i * interval '1 minute',
       now() - i * interval '1 minute' - interval '1 day', CASE WHEN i % 3 = 0 THEN now() END
     FROM generate_series(1, 30000) AS i`,
      [reps, teams],
    );
    await db.query('ANALYZE');
    say(`[bench] loaded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  const [facts] =
    await db.query(`SELECT (SELECT count(*) FROM opportunity_facts)::int AS opportunities,
  (SELECT count(*) FROM ticket_facts)::int AS tickets, (SELECT count(*) FROM sla_breaches)::int AS breaches,
  (SELECT count(*) FROM csat_facts)::int AS csat`);
  say(`[bench] read models: ${JSON.stringify(facts)}`);

  const [{ owner_id: rep, team_id: team }] = await db.query(
    'SELECT owner_id, team_id FROM opportunity_facts LIMIT 1',
  );
  const executive = aViewer({ roles: ['EXECUTIVE'] });
  const manager = aViewer({ roles: ['SALES_MANAGER'], managedTeamIds: [team] });
  const salesRep = aViewer({ id: rep, roles: ['SALES_REP'] });
  const today = new Date().toISOString().slice(0, 10);
  const yearAgo = new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10);
  const tx = db.manager;
  const tz = 'Asia/Shanghai';
  const year = { from: yearAgo, to: today, currency: 'CNY', filter: null };

  const queries: [string, () => Promise<unknown>][] = [
    [
      'salesReport, a year by month, executive',
      () => salesReport(tx, executive, { ...year, bucket: 'MONTH' }, tz),
    ],
    [
      'salesReport, a year by week, manager',
      () => salesReport(tx, manager, { ...year, bucket: 'WEEK' }, tz),
    ],
    [
      'salesReport, a year by day, rep',
      () => salesReport(tx, salesRep, { ...year, bucket: 'DAY' }, tz),
    ],
    [
      'serviceReport, a year by month, executive',
      async () =>
        (await serviceReport(tx, executive, { ...year, bucket: 'MONTH' }, tz)).breaches(100),
    ],
    ['bottlenecks, executive', () => bottlenecks(tx, executive, new Date(), 20)],
  ];
  for (const [name, run] of queries) {
    await run(); // warm-up
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) =>
      times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(0);
    say(`${name}: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms (${RUNS} runs)`);
  }
  await db.destroy();
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
