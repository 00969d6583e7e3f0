import { newId, rows, type Tx } from '@crm/database';

export interface Job<P = Record<string, unknown>> {
  id: string;
  kind: string;
  key: string;
  dueAt: Date;
  payload: P;
  attempts: number;
  /**
   * The database clock when the job was claimed: the clock due-ness is judged by. Handlers
   * compare with this, never with the application's `new Date()`, which may lag or lead.
   */
  now: Date;
}

/**
 * Schedules (or moves) the job `kind`/`key` to run at `dueAt`, in the caller's transaction: the
 * deadline exists if and only if the change that set it commits.
 */
export async function scheduleJob(
  tx: Tx,
  job: { kind: string; key: string; dueAt: Date; payload?: object },
): Promise<void> {
  await tx.query(
    `INSERT INTO scheduled_jobs (id, kind, key, due_at, payload) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (kind, key) DO UPDATE SET due_at = $4, payload = $5, done_at = NULL, attempts = 0, last_error = NULL`,
    [newId(), job.kind, job.key, job.dueAt, JSON.stringify(job.payload ?? {})],
  );
}

/**
 * Moves the job being run to a later time from inside its handler (the thing it waits for
 * moved): the job stays pending instead of finishing with nothing done.
 */
export async function rescheduleJob(tx: Tx, job: Job, dueAt: Date): Promise<void> {
  await scheduleJob(tx, { kind: job.kind, key: job.key, dueAt, payload: job.payload as object });
}

/** Cancels a pending job (e.g. the lead was contacted before its deadline). */
export async function cancelJob(tx: Tx, kind: string, key: string): Promise<boolean> {
  const cancelled = await rows<{ id: string }>(
    tx,
    `UPDATE scheduled_jobs SET done_at = now(), last_error = 'cancelled' WHERE kind = $1 AND key = $2 AND done_at IS NULL RETURNING id`,
    [kind, key],
  );
  return cancelled.length > 0;
}

export async function findJob(
  tx: Tx,
  kind: string,
  key: string,
): Promise<(Omit<Job, 'now'> & { doneAt: Date | null; lastError: string | null }) | null> {
  const found = await rows<{
    id: string;
    kind: string;
    key: string;
    due_at: Date;
    payload: Record<string, unknown>;
    attempts: number;
    done_at: Date | null;
    last_error: string | null;
  }>(
    tx,
    'SELECT id, kind, key, due_at, payload, attempts, done_at, last_error FROM scheduled_jobs WHERE kind = $1 AND key = $2',
    [kind, key],
  );
  const r = found[0];
  return r
    ? {
        id: r.id,
        kind: r.kind,
        key: r.key,
        dueAt: r.due_at,
        payload: r.payload,
        attempts: r.attempts,
        doneAt: r.done_at,
        lastError: r.last_error,
      }
    : null;
}
