import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { postgresServerUrl, TEST } from '@crm/infra';
import { Client } from 'pg';
import { asGateway, login } from './clients';
import { gatewayUrl } from './system';

const run = promisify(execFile);
const BENCH = path.join(__dirname, '../../bench/dist');

/** Runs a bench script against the e2e system (its gateway and its databases). */
const bench = (script: string, ...args: string[]) =>
  run(process.execPath, [path.join(BENCH, script), ...args], {
    env: {
      ...process.env,
      GATEWAY_URL: gatewayUrl,
      POSTGRES_URL: postgresServerUrl(),
      BENCH_DATABASE_SUFFIX: TEST.databaseName('sales').slice('crm_sales'.length),
    },
    timeout: 120_000,
  });

async function inDatabase<T>(service: 'sales' | 'marketing', sql: string): Promise<T[]> {
  const url = new URL(postgresServerUrl());
  url.pathname = `/${TEST.databaseName(service)}`;
  const db = new Client({ connectionString: url.toString() });
  await db.connect();
  try {
    return (await db.query(sql)).rows as T[];
  } finally {
    await db.end();
  }
}

describe('benchmarks leave the demo as they found it', () => {
  it('prints its usage for --help instead of crashing', async () => {
    const { stdout } = await bench('replication-latency.js', '--help');
    expect(stdout).toMatch(/replication \[count\]/);
  });

  it('replication removes the customers it created from the rep and every department', async () => {
    const rep = await login('rep.east1@demo.crm');
    const countOfRep = async () =>
      (
        await asGateway<{ customers: { totalCount: number } }>(
          'query($owner: ID!) { customers(first: 1, filter: { ownerIds: [$owner] }) { totalCount } }',
          rep.token,
          { owner: rep.id },
        )
      ).customers.totalCount;
    const before = await countOfRep();
    const { stdout } = await bench('replication-latency.js', '3');
    expect(stdout).toMatch(/removed the 3 bench customers/);
    expect(stdout).toMatch(/customer-service replica: n=3/);
    expect(await countOfRep()).toBe(before);
    expect(
      await inDatabase('sales', "SELECT id FROM customers WHERE name LIKE 'Replication bench%'"),
    ).toEqual([]);
    expect(
      await inDatabase(
        'marketing',
        "SELECT id FROM customer_replica WHERE name LIKE 'Replication bench%'",
      ),
    ).toEqual([]);
  });

  it('lead-handoff disqualifies its leads and turns its scoring and territory rules off', async () => {
    const { stdout } = await bench('lead-handoff.js', '3');
    expect(stdout).toMatch(/web-form post accepted -> lead assigned in sales: n=3/);
    expect(stdout).toMatch(/3 leads disqualified/);
    expect(
      await inDatabase(
        'sales',
        "SELECT lead_id FROM lead_assignments WHERE region LIKE 'Bench region%' AND status <> 'DISQUALIFIED'",
      ),
    ).toEqual([]);
    expect(
      await inDatabase(
        'sales',
        "SELECT id FROM lead_assignment_rules WHERE name LIKE 'bench %' AND active",
      ),
    ).toEqual([]);
    expect(
      await inDatabase(
        'marketing',
        "SELECT id FROM scoring_rules WHERE name LIKE 'bench %' AND active",
      ),
    ).toEqual([]);
  });
});
