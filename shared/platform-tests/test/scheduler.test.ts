import { inTransaction } from '@crm/database';
import { PLATFORM_TEST_DATABASE } from '@crm/infra';
import {
  cancelJob,
  createScheduler,
  deleteFinishedJobs,
  findJob,
  FinishedJobsIndex1765300000001,
  scheduleJob,
  ScheduledJobsTable1700000000003,
  type JobHandler,
} from '@crm/scheduler';
import { eventually, openTestDatabase, testLogger, unique } from '@crm/testing';
import type { DataSource } from 'typeorm';

let dataSource: DataSource;
beforeAll(async () => {
  dataSource = await openTestDatabase(PLATFORM_TEST_DATABASE, [
    ScheduledJobsTable1700000000003,
    FinishedJobsIndex1765300000001,
  ]);
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
  const makeDueNow = (kind: string) =>
    dataSource.query('UPDATE scheduled_jobs SET due_at = now() WHERE kind = $1', [kind]);

  it('runs a job once when it is due, not before', async () => {
    const kind = unique('due').replace(/\W/g, '');
    const runs: string[] = [];
    await inTransaction(dataSource, (tx) =>
      scheduleJob(tx, { kind, key: 'a', dueAt: inSeconds(60), payload: { n: 1 } }),
    );
    const scheduler = schedulerWith(
      kind,
      async (job) => void runs.push(`${job.key}:${(job.payload as { n: number }).n}`),
    );
    await scheduler.runDue();
    expect(runs).toEqual([]);
    scheduler.start();
    await makeDueNow(kind);
    await eventually(() => expect(runs).toEqual(['a:1']));
    await scheduler.runDue();
    await scheduler.stop();
    expect(runs).toEqual(['a:1']);
  });

  it('keeps jobs across a restart: a new scheduler runs what the stopped one left', async () => {
    const kind = unique('restart').replace(/\W/g, '');
    const runs: string[] = [];
    const first = schedulerWith(kind, async (job) => void runs.push(job.key));
    first.start();
    await inTransaction(dataSource, (tx) =>
      scheduleJob(tx, { kind, key: 'later', dueAt: inSeconds(60) }),
    );
    await first.stop();
    await makeDueNow(kind);
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
    // one more pass by every replica, then stop (which waits for runs in flight)
    await Promise.all(replicas.map((r) => r.runDue()));
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
    await makeDueNow(kind);
    await scheduler.runDue();
    expect(calls).toBe(2);
    expect(await writes()).toEqual([2]);
    expect((await findJob(dataSource.manager, kind, 'x'))!.doneAt).not.toBeNull();
  });

  it('keeps a job that its handler reschedules to the very time it was due', async () => {
    // A recurring job that runs again "at once" can land on the same millisecond it was due.
    const kind = unique('same').replace(/\W/g, '');
    let runs = 0;
    await inTransaction(dataSource, (tx) =>
      scheduleJob(tx, { kind, key: 'again', dueAt: new Date() }),
    );
    const scheduler = schedulerWith(kind, async (job, tx) => {
      runs++;
      if (runs < 3) await scheduleJob(tx, { kind, key: job.key, dueAt: job.dueAt });
    });
    await scheduler.runDue();
    expect(runs).toBe(3);
    expect((await findJob(dataSource.manager, kind, 'again'))!.doneAt).not.toBeNull();
  });

  it('gives handlers the database clock as the time the job runs at', async () => {
    const kind = unique('clock').replace(/\W/g, '');
    let seen: Date | undefined;
    await inTransaction(dataSource, (tx) => scheduleJob(tx, { kind, key: 'c', dueAt: new Date() }));
    const [{ before }] = await dataSource.query('SELECT now() AS before');
    await schedulerWith(kind, async (job) => void (seen = job.now)).runDue();
    const [{ after }] = await dataSource.query('SELECT now() AS after');
    expect(seen!.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(seen!.getTime()).toBeLessThanOrEqual(after.getTime());
  });

  it('does not reopen a job that was cancelled while its failing attempt ran', async () => {
    const kind = unique('cancelled').replace(/\W/g, '');
    await inTransaction(dataSource, (tx) => scheduleJob(tx, { kind, key: 'k', dueAt: new Date() }));
    let cancelling: Promise<boolean> | undefined;
    const scheduler = schedulerWith(kind, async (_job, attempt) => {
      // A domain action cancels the job meanwhile: it waits for the attempt's row lock...
      cancelling = inTransaction(dataSource, (tx) => cancelJob(tx, kind, 'k'));
      // (blocked by this attempt's own backend: pg_stat_activity is server-wide, and other
      // packages' tests cancel jobs in their databases at the same time)
      const [{ pid }] = await attempt.query('SELECT pg_backend_pid() AS pid');
      await eventually(async () => {
        const [{ waiting }] = await dataSource.query(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
           WHERE $1 = ANY(pg_blocking_pids(pid))
             AND query LIKE 'UPDATE scheduled_jobs SET done_at = now(), last_error = ''cancelled''%'`,
          [pid],
        );
        expect(waiting).toBe(1);
      });
      // ...and gets it when the attempt fails and rolls back.
      throw new Error('downstream not ready');
    });
    await scheduler.runDue(1);
    expect(await cancelling).toBe(true);
    // When the attempt rolls back, the waiting cancel and the scheduler's failure update race
    // for the row (PostgreSQL does not queue row-lock waiters in order). Either way the job
    // stays cancelled: a failure update that comes first counts the attempt and is then
    // overwritten by the cancel; one that comes second finds the job done and leaves it.
    const job = await findJob(dataSource.manager, kind, 'k');
    expect(job).toMatchObject({ lastError: 'cancelled', doneAt: expect.any(Date) });
    expect([0, 1]).toContain(job!.attempts);
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

  it('deletes jobs that ran or were cancelled once they are old, keeps given-up and pending ones', async () => {
    const kind = unique('finished').replace(/\W/g, '');
    const other = unique('other').replace(/\W/g, '');
    await inTransaction(dataSource, async (tx) => {
      for (const key of ['ran-long-ago', 'cancelled-long-ago', 'given-up', 'ran-lately', 'pending'])
        await scheduleJob(tx, { kind, key, dueAt: inSeconds(-60) });
      await scheduleJob(tx, { kind: other, key: 'ran-long-ago', dueAt: inSeconds(-60) });
    });
    const finish = (k: string, key: string, ago: string, lastError: string | null) =>
      dataSource.query(
        `UPDATE scheduled_jobs SET done_at = now() - $3::interval, last_error = $4, attempts = 1
         WHERE kind = $1 AND key = $2`,
        [k, key, ago, lastError],
      );
    await finish(kind, 'ran-long-ago', '8 days', null);
    await finish(kind, 'cancelled-long-ago', '8 days', 'cancelled');
    await finish(kind, 'given-up', '8 days', 'the handler kept failing');
    await finish(kind, 'ran-lately', '1 hour', null);
    await finish(other, 'ran-long-ago', '8 days', null);

    // batches of one: the loop, not one statement, does the work
    expect(await deleteFinishedJobs(dataSource, [kind], 7 * 24, 1)).toBe(2);
    const left = (await dataSource.query(
      'SELECT key FROM scheduled_jobs WHERE kind = $1 ORDER BY key',
      [kind],
    )) as { key: string }[];
    expect(left.map((r) => r.key)).toEqual(['given-up', 'pending', 'ran-lately']);
    // another scheduler's kinds are its own business
    expect(await findJob(dataSource.manager, other, 'ran-long-ago')).not.toBeNull();

    // a running scheduler does the same on its own
    await finish(kind, 'ran-lately', '8 days', null);
    const scheduler = schedulerWith(kind, async () => undefined);
    scheduler.start();
    try {
      await eventually(async () =>
        expect(await findJob(dataSource.manager, kind, 'ran-lately')).toBeNull(),
      );
    } finally {
      await scheduler.stop();
    }
  });
});
