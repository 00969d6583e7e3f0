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
}

/**
 * Runs due jobs from `scheduled_jobs`. Jobs are rows, so a restart loses none; replicas share
 * the work with FOR UPDATE SKIP LOCKED, so a job runs once. A failing job is retried with
 * exponential backoff and given up after `maxAttempts` (kept with its last error).
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { dataSource, handlers, pollIntervalMs = 1_000, maxAttempts = 8 } = options;
  const logger = options.logger.child({ component: 'scheduler' });
  const kinds = Object.keys(handlers);
  let running = false;
  let loop: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;

  /** Claims and runs one due job; false when none is due. */
  async function runOne(): Promise<boolean> {
    let claimed: JobRow | undefined;
    try {
      return await dataSource.transaction(async (tx) => {
        const due = await rows<JobRow>(
          tx,
          `SELECT id, kind, key, due_at, due_at::text AS due_key, payload, attempts FROM scheduled_jobs
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
        };
        await handlers[claimed.kind](job, tx);
        // a handler that rescheduled its own job moved due_at: leave it pending
        await tx.query(
          'UPDATE scheduled_jobs SET done_at = now() WHERE id = $1 AND due_at = $2::timestamptz',
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
      await dataSource.query(
        `UPDATE scheduled_jobs SET attempts = $2, last_error = $3,
           due_at = now() + make_interval(secs => $4), done_at = CASE WHEN $5 THEN now() END WHERE id = $1`,
        [claimed.id, attempts, (err as Error).message, Math.min(2 ** attempts, 300), giveUp],
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
