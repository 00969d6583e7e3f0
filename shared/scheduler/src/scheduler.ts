import type { Logger } from '@crm/config';
import { rows, type Tx } from '@crm/database';
import type { DataSource } from 'typeorm';
import type { Job } from './jobs';

export type JobHandler = (job: Job, tx: Tx) => Promise<void>;

export interface SchedulerOptions {
  dataSource: DataSource;
  logger: Logger;
  /** kind -> handler; the handler runs in the job's transaction (with its outbox events). */
  handlers: Record<string, JobHandler>;
  pollIntervalMs?: number;
  maxAttempts?: number;
  /**
   * Jobs that ran (or were cancelled) are deleted this long after they finished; jobs given up
   * after maxAttempts stay, with their last error, for someone to look at. Default: 7 days.
   */
  keepFinishedHours?: number;
}

export interface Scheduler {
  name: string;
  start(): void;
  stop(): Promise<void>;
  /** Runs every due job now (tests, and after a change that made a job due). */
  runDue(limit?: number): Promise<number>;
}

interface JobRow {
  /** due_at as Postgres prints it: microsecond precision, which a JS Date would lose. */
  due_key: string;
  id: string;
  kind: string;
  key: string;
  due_at: Date;
  payload: Record<string, unknown>;
  attempts: number;
  db_now: Date;
}

/**
 * Deletes this scheduler's jobs that ran or were cancelled before `olderThanHours`, in bounded
 * batches (never one long delete); answers how many went. Given-up jobs are kept.
 */
export async function deleteFinishedJobs(
  dataSource: DataSource,
  kinds: string[],
  olderThanHours: number,
  batch = 5_000,
): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < 100; i++) {
    const gone = await rows<{ id: string }>(
      dataSource.manager,
      `DELETE FROM scheduled_jobs WHERE id IN (
         SELECT id FROM scheduled_jobs
         WHERE done_at < now() - make_interval(hours => $2) AND kind = ANY($1::text[])
           AND (last_error IS NULL OR last_error = 'cancelled')
         LIMIT $3)
       RETURNING id`,
      [kinds, olderThanHours, batch],
    );
    deleted += gone.length;
    if (gone.length < batch) break;
  }
  return deleted;
}

/**
 * Runs due jobs from `scheduled_jobs`. Jobs are rows, so a restart loses none; replicas share
 * the work with FOR UPDATE SKIP LOCKED, so a job runs once. A failing job is retried with
 * exponential backoff and given up after `maxAttempts` (kept with its last error). Jobs that
 * ran or were cancelled are deleted `keepFinishedHours` later (checked every 10 minutes).
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const {
    dataSource,
    handlers,
    pollIntervalMs = 1_000,
    maxAttempts = 8,
    keepFinishedHours = 7 * 24,
  } = options;
  const logger = options.logger.child({ component: 'scheduler' });
  const kinds = Object.keys(handlers);
  let running = false;
  let loop: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  let lastCleanup = 0;

  /** Claims and runs one due job; false when none is due. */
  async function runOne(): Promise<boolean> {
    let claimed: JobRow | undefined;
    try {
      return await dataSource.transaction(async (tx) => {
        const due = await rows<JobRow>(
          tx,
          `SELECT id, kind, key, due_at, due_at::text AS due_key, payload, attempts, now() AS db_now
           FROM scheduled_jobs
           WHERE done_at IS NULL AND due_at <= now() AND kind = ANY($1::text[])
           ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
          [kinds],
        );
        claimed = due[0];
        if (!claimed) return false;
        const job: Job = {
          id: claimed.id,
          kind: claimed.kind,
          key: claimed.key,
          dueAt: claimed.due_at,
          payload: claimed.payload,
          attempts: claimed.attempts,
          now: claimed.db_now,
        };
        // While the handler runs, the row (locked by this transaction, so no one else sees it)
        // is due at 'infinity': a handler that reschedules its own job sets another due time,
        // even the very one it was claimed at (a recurring job run twice in one millisecond),
        // and is left pending; otherwise the job is done.
        await tx.query(`UPDATE scheduled_jobs SET due_at = 'infinity' WHERE id = $1`, [claimed.id]);
        await handlers[claimed.kind](job, tx);
        await tx.query(
          `UPDATE scheduled_jobs SET done_at = now(), due_at = $2::timestamptz
           WHERE id = $1 AND due_at = 'infinity'`,
          [claimed.id, claimed.due_key],
        );
        return true;
      });
    } catch (err) {
      if (!claimed) throw err;
      const attempts = claimed.attempts + 1;
      const giveUp = attempts >= maxAttempts;
      logger.error(
        { err, kind: claimed.kind, key: claimed.key, attempts, giveUp },
        'scheduled job failed',
      );
      // The attempt rolled back and released the row: meanwhile another instance or a domain
      // action may have finished, cancelled or moved the job. Record the failure only on the
      // row as it was claimed, never reopening or overwriting what happened since.
      await dataSource.query(
        `UPDATE scheduled_jobs SET attempts = $2, last_error = $3,
           due_at = now() + make_interval(secs => $4), done_at = CASE WHEN $5 THEN now() END
         WHERE id = $1 AND done_at IS NULL AND due_at = $6::timestamptz`,
        [
          claimed.id,
          attempts,
          (err as Error).message,
          Math.min(2 ** attempts, 300),
          giveUp,
          claimed.due_key,
        ],
      );
      return true;
    }
  }

  /** Runs due jobs until none is left (bounded, so a job that keeps coming due cannot spin forever). */
  async function runDue(limit = 1_000): Promise<number> {
    let count = 0;
    while (count < limit && (await runOne())) count++;
    return count;
  }

  async function run(): Promise<void> {
    while (running) {
      try {
        await runDue();
        if (Date.now() - lastCleanup >= 10 * 60_000) {
          lastCleanup = Date.now();
          const deleted = await deleteFinishedJobs(dataSource, kinds, keepFinishedHours);
          if (deleted) logger.debug({ deleted }, 'deleted finished jobs');
        }
      } catch (err) {
        logger.warn({ err: (err as Error).message }, 'scheduler could not poll');
      }
      // stop() may have come while jobs ran: do not sleep a whole interval before stopping
      if (!running) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, pollIntervalMs);
      });
    }
  }

  return {
    name: 'scheduler',
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      wake?.();
      await loop;
    },
    runDue,
  };
}
