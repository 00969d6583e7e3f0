// Bulk import benchmark: 100,000 customer rows (with contacts) as a GBK CSV, uploaded through
// POST /imports/customers of an in-process sales app on the test database, then committed.
// Prints rows per second for the dry run, the commit and both, and the peak memory.
//   pnpm --filter @crm/sales build && pnpm --filter @crm/sales bench:import [-- --rows 100000]
import { createWriteStream, createReadStream, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { ensureDatabase } from '@crm/database';
import {
  aViewer,
  openTestDatabase,
  startTestIssuer,
  testDatabaseUrl,
  testLogger,
} from '@crm/testing';
import iconv from 'iconv-lite';
import { createSalesApp } from '../dist/app.js';
import { migrations } from '../dist/db/migrations/index.js';

const argIndex = process.argv.indexOf('--rows');
const ROWS = argIndex > 0 ? Number(process.argv[argIndex + 1]) : 100_000;
const say = (line: string) => process.stdout.write(`${line}\n`);

let peakRss = 0;
let peakHeap = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 50);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Writes the CSV in GBK, 1,000 lines per write, as a Chinese team's export would look. */
async function generate(file: string, rows: number, tag: string): Promise<void> {
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(iconv.encode(text, 'gbk'))) await once(out, 'drain');
  };
  await write('客户名称,客户类型,电话,邮箱,行业,地区,等级,联系人,职务,标签\r\n');
  const industries = ['制造', '软件', '零售', '物流', '医疗'];
  const regions = ['华东', '华北', '华南', '西南', '东北'];
  const tiers = ['A', 'B', 'C', '重点'];
  let lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const n = String(i).padStart(5, '0');
    lines.push(
      [
        `基准${tag}客户${n}有限公司`,
        '公司',
        `136${tag}${n}`,
        i % 3 === 0 ? `buyer${tag}${n}@example.cn` : '',
        industries[i % 5],
        regions[i % 5],
        tiers[i % 4],
        `联系人${n}`,
        '采购经理',
        `基准;${regions[i % 5]}`,
      ].join(','),
    );
    if (lines.length === 1_000) {
      await write(lines.join('\r\n') + '\r\n');
      lines = [];
    }
  }
  if (lines.length) await write(lines.join('\r\n') + '\r\n');
  out.end();
  await once(out, 'finish');
}

function call(
  port: number,
  method: string,
  pathname: string,
  token: string,
  file?: string,
): Promise<{
  status: number;
  body: {
    id: string;
    status: string;
    summary: Record<string, number>;
    progress: Record<string, number>;
  };
}> {
  return new Promise((resolve, reject) => {
    const boundary = `----crm-bench-${Date.now()}`;
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (file) headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
    const req = http.request(
      { host: '127.0.0.1', port, method, path: pathname, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          }),
        );
      },
    );
    req.on('error', reject);
    if (!file) return void req.end();
    req.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="customers.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    );
    const stream = createReadStream(file);
    stream.pipe(req, { end: false });
    stream.on('end', () => req.end(`\r\n--${boundary}--\r\n`));
  });
}

async function main(): Promise<void> {
  const tag = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const file = path.join(tmpdir(), `crm-import-bench-${process.pid}.csv`);
  say(`generating ${ROWS} rows (GBK CSV)...`);
  await generate(file, ROWS, tag);
  say(`file: ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB`);

  await ensureDatabase(testDatabaseUrl('sales'));
  const dataSource = await openTestDatabase('sales', migrations);
  const issuer = await startTestIssuer();
  const { app } = await createSalesApp({
    dataSource,
    verifyToken: issuer.verifyToken,
    logger: testLogger('bench'),
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const token = await issuer.tokenFor(aViewer({ roles: ['ADMIN'] }));
  const rssBefore = process.memoryUsage().rss;

  const t0 = performance.now();
  const dry = await call(port, 'POST', '/imports/customers', token, file);
  const t1 = performance.now();
  if (dry.status !== 200) throw new Error(`dry run failed: ${JSON.stringify(dry.body)}`);
  say(`dry run: ${JSON.stringify(dry.body.summary)}`);
  const started = await call(port, 'POST', `/imports/${dry.body.id}/commit`, token);
  if (started.status !== 202) throw new Error(`commit refused: ${JSON.stringify(started.body)}`);
  let report = started.body;
  while (report.status === 'COMMITTING') {
    await new Promise((r) => setTimeout(r, 500));
    report = (await call(port, 'GET', `/imports/${dry.body.id}?first=1`, token)).body;
  }
  const t2 = performance.now();
  clearInterval(sampler);
  say(`commit: ${JSON.stringify(report.summary)}`);
  const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000))} rows/s`;
  say(
    `dry run (upload, parse, validate, duplicates, staging): ${((t1 - t0) / 1000).toFixed(1)} s, ${rate(ROWS, t1 - t0)}`,
  );
  say(
    `commit (customers + contacts + audit + outbox):        ${((t2 - t1) / 1000).toFixed(1)} s, ${rate(report.summary.importedRows, t2 - t1)}`,
  );
  say(
    `end to end:                                            ${((t2 - t0) / 1000).toFixed(1)} s, ${rate(ROWS, t2 - t0)}`,
  );
  say(
    `peak RSS ${mb(Math.max(peakRss, process.resourceUsage().maxRSS * 1024))} (process maxRSS), sampled peak heap ${mb(peakHeap)}, RSS before the upload ${mb(rssBefore)}`,
  );

  server.close();
  await issuer.stop();
  await dataSource.destroy();
  await rm(file, { force: true });
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
