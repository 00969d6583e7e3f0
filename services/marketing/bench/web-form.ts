// Web-form capture throughput: posts submissions to an in-process marketing app (real HTTP on a
// local port, real PostgreSQL) with a number of clients in parallel, and prints requests per
// second and latency percentiles. Kafka is not involved: a submission is accepted once the lead
// and its outbox row committed, which is what the website waits for.
//
//   pnpm --filter @crm/marketing bench:web-form -- --requests 2000 --concurrency 32 --duplicates 0.1
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthenticationError, type Viewer } from '@crm/auth';
import { createLogger } from '@crm/config';
import {
  createDataSource,
  dropDatabase,
  ensureDatabase,
  newId,
  runMigrations,
} from '@crm/database';
import { createMarketingApp } from '../src/app';
import { migrations } from '../src/db/migrations';
import { setCampaignStatus } from '../src/domain/change-campaign';
import { createCampaign } from '../src/domain/create-campaign';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at > 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number`);
  return value;
}

const requests = option('requests', 2000);
const concurrency = option('concurrency', 32);
/** Share of submissions that repeat an earlier person (dedup path: a touch, not a lead). */
const duplicates = option('duplicates', 0.1);
const server = process.env.POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432';
const databaseUrl = `${server}/crm_marketing_bench`;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl);
  const dataSource = createDataSource({
    url: databaseUrl,
    applicationName: 'crm-marketing-bench',
    migrations,
  });
  await dataSource.initialize();
  await runMigrations(dataSource);
  const marketer: Viewer = {
    id: newId(),
    name: 'Bench',
    email: 'bench@example.com',
    roles: ['MARKETER'],
    teamId: null,
    managedTeamIds: [],
  };
  const created = await createCampaign(dataSource, marketer, {
    name: `Bench ${Date.now()}`,
    channel: 'WEB_FORM',
    formConsentText: '我同意贵公司与我联系',
  });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  await setCampaignStatus(dataSource, marketer, { id: created.value.id, status: 'ACTIVE' });
  const { app } = await createMarketingApp({
    dataSource,
    verifyToken: async () => {
      throw new AuthenticationError('not used by the web form');
    },
    logger: createLogger('marketing-bench', 'warn'),
    webForm: { rateLimit: 1_000_000, rateWindowSeconds: 60, trustProxy: 'loopback' },
  });
  const http = createServer(app);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/forms/${created.value.formKey}`;

  const phones: string[] = [];
  const statuses = new Map<number, number>();
  const latencies: number[] = [];
  let next = 0;
  const client = async () => {
    while (next < requests) {
      const i = next++;
      const repeat = phones.length > 0 && (i * 7919) % 1000 < duplicates * 1000;
      const phone = repeat
        ? phones[(i * 31) % phones.length]
        : `139${String(10_000_000 + i).slice(-8)}`;
      if (!repeat) phones.push(phone);
      const started = performance.now();
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
          'user-agent': 'bench',
        },
        body: JSON.stringify({
          name: `访客 ${i}`,
          phone,
          company: 'Bench Co',
          title: '经理',
          consent: true,
        }),
      });
      await res.arrayBuffer();
      latencies.push(performance.now() - started);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, client));
  const seconds = (performance.now() - started) / 1000;

  const [{ leads, touches }] = await dataSource.query(
    'SELECT (SELECT count(*)::int FROM leads) AS leads, (SELECT count(*)::int FROM lead_touches) AS touches',
  );
  latencies.sort((a, b) => a - b);
  const lines = [
    `web-form capture: ${requests} posts, ${concurrency} clients, ${Math.round(duplicates * 100)} % repeat people`,
    `  ${(requests / seconds).toFixed(0)} requests/s over ${seconds.toFixed(2)} s`,
    `  latency ms: p50 ${percentile(latencies, 50).toFixed(1)}, p95 ${percentile(latencies, 95).toFixed(1)}, p99 ${percentile(latencies, 99).toFixed(1)}, max ${latencies.at(-1)!.toFixed(1)}`,
    `  answers: ${[...statuses].map(([s, n]) => `${n} x HTTP ${s}`).join(', ')}`,
    `  stored: ${leads} leads, ${touches} touches (every accepted post is a touch: ${touches === (statuses.get(201) ?? 0) ? 'yes' : 'NO'})`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  await new Promise<void>((resolve) => http.close(() => resolve()));
  await dataSource.destroy();
  await dropDatabase(databaseUrl);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
