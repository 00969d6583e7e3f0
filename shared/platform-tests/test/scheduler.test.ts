import { inTransaction } from '@crm/database';
import { PLATFORM_TEST_DATABASE } from '@crm/infra';
import {
  createScheduler,
  findJob,
  scheduleJob,
  ScheduledJobsTable1700000000003,
  type JobHandler,
} from '@crm/scheduler';
import { eventually, openTestDatabase, testLogger, unique } from '@crm/testing';
import type { DataSource } from 'typeorm';

let dataSource: DataSource;
beforeAll(async () => {
  dataSource = await openTestDatabase(PLATFORM_TEST_DATABASE, [ScheduledJobsTable1700000000003]);
});
afterAll(() => dataSource.destroy());

const inSeconds = (s: number) => new Date(Date.now() + s * 1000);

function schedulerWith(kind: string, handler: JobHandler) {
  return createScheduler({
    dataSource,
    logger: testLogger('scheduler'),
    handlers: { [kind]: handler },
    pollIntervalMs: 100,
  });
}

describe('scheduler', () => {
  it('runs a job once when it is due, not before', async () => {
    const kind = unique('due').replace(/\W/g, '');
    const runs: string[] = [];
    await inTransaction(dataSource, (tx) =>
      scheduleJob(tx, { kind, key: 'a', dueAt: inSeconds(1.5), payload: { n: 1 } }),
    );
    const scheduler = schedulerWith(
      kind,
      async (job) => void runs.push(`${job.key}:${(job.payload as { n: number }).n}`),
    );
    scheduler.start();
    await new Promise((r) => setTimeout(r, 700));
    expect(runs).toEqual([]);
    await eventually(() => expect(runs).toEqual(['a:1']));
    await new Promise((r) => setTimeout(r, 500));
    await scheduler.stop();
    expect(runs).toEqual(['a:1']);
  });

  it('keeps jobs across a restart: a new scheduler runs what the stopped one left', async () => {
    const kind = unique('restart').replace(/\W/g, '');
    const runs: string[] = [];
    const first = schedulerWith(kind, async (job) => void runs.push(job.key));
    first.start();
    await inTransaction(dataSource, (tx) =>
      scheduleJob(tx, { kind, key: 'later', dueAt: inSeconds(1) }),
    );
    await first.stop();
    await new Promise((r) => setTimeout(r, 1_200));
    expect(runs).toEqual([]);
    const second = schedulerWith(kind, async (job) => void runs.push(job.key));
    second.start();
    await eventually(() => expect(runs).toEqual(['later']));
    await second.stop();
  });

  it('runs each job once when several replicas poll together', async () => {
    const kind = unique('replicas').replace(/\W/g, '');
    const runs: string[] = [];
    await inTransaction(dataSource, async (tx) => {
      for (let i = 0; i < 30; i++)
        await scheduleJob(tx, { kind, key: `job-${i}`, dueAt: new Date() });
    });
    const replicas = [1, 2, 3].map(() =>
      schedulerWith(kind, async (job) => {
        runs.push(job.key);
        await new Promise((r) => setTimeout(r, 5));
      }),
    );
    replicas.forEach((r) => r.start());
    await eventually(() => expect(runs).toHaveLength(30));
    await new Promise((r) => setTimeout(r, 300));
    await Promise.all(replicas.map((r) => r.stop()));
    expect(new Set(runs).size).toBe(30);
    expect(runs).toHaveLength(30);
  });

  it('retries a failing job later and records the error; its writes roll back', async () => {
    const kind = unique('failing').replace(/\W/g, '');
    let calls = 0;
    await inTransaction(dataSource, (tx) => scheduleJob(tx, { kind, key: 'x', dueAt: new Date() }));
    await dataSource.query(
      'CREATE TABLE IF NOT EXISTS scheduler_test_writes (kind text NOT NULL, call int NOT NULL)',
    );
    const scheduler = schedulerWith(kind, async (_job, tx) => {
      calls++;
      await tx.query('INSERT INTO scheduler_test_writes (kind, call) VALUES ($1, $2)', [
        kind,
        calls,
      ]);
      if (calls === 1) throw new Error('downstream not ready');
    });
    const writes = async () =>
      (
        await dataSource.query('SELECT call FROM scheduler_test_writes WHERE kind = $1', [kind])
      ).map((r: { call: number }) => r.call);
    await scheduler.runDue();
    expect(await writes()).toEqual([]);
    const failed = await findJob(dataSource.manager, kind, 'x');
    expect(failed).toMatchObject({ attempts: 1, lastError: 'downstream not ready', doneAt: null });
    expect(failed!.dueAt.getTime()).toBeGreaterThan(Date.now());
    await dataSource.query('UPDATE scheduled_jobs SET due_at = now() WHERE kind = $1', [kind]);
    await scheduler.runDue();
    expect(calls).toBe(2);
    expect(await writes()).toEqual([2]);
    expect((await findJob(dataSource.manager, kind, 'x'))!.doneAt).not.toBeNull();
  });

  it('lets a handler reschedule its own job (a recurring sweep)', async () => {
    const kind = unique('recurring').replace(/\W/g, '');
    let runs = 0;
    await inTransaction(dataSource, (tx) =>
      scheduleJob(tx, { kind, key: 'sweep', dueAt: new Date() }),
    );
    const scheduler = schedulerWith(kind, async (job, tx) => {
      runs++;
      if (runs < 3) await scheduleJob(tx, { kind, key: job.key, dueAt: new Date(Date.now() - 1) });
    });
    await scheduler.runDue();
    expect(runs).toBe(3);
    expect((await findJob(dataSource.manager, kind, 'sweep'))!.doneAt).not.toBeNull();
  });
});
