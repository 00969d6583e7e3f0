import type { Logger } from '@crm/config';
import { inTransaction, type Tx } from '@crm/database';
import { createScheduler, findJob, scheduleJob, type JobHandler } from '@crm/scheduler';
import type { BackgroundWorker } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { lockCustomers } from '../db/ownership';
import { findNeglectedCustomerIds } from '../db/pool';
import { changeOwner } from './change-owner';

/** The recurring job that returns neglected customers to the pool (one row: survives restarts). */
export const POOL_RETURN_JOB = { kind: 'sales.pool-return', key: 'sweep' } as const;
export const POOL_RETURN_INTERVAL_MS = 15 * 60_000;
const BATCH = 200;

/** Returns up to `limit` customers without a follow-up for their team's number of days. */
export async function returnNeglectedCustomers(tx: Tx, limit = BATCH): Promise<number> {
  const customers = await lockCustomers(tx, await findNeglectedCustomerIds(tx, limit));
  await changeOwner(
    tx,
    customers,
    { ownerId: null, teamId: null, backupOwnerId: null },
    'POOL_RETURN',
    null,
  );
  return customers.length;
}

/** One batch per run; the job reschedules itself: at once while batches are full, else later. */
export const poolReturnHandler: JobHandler = async (job, tx) => {
  const moved = await returnNeglectedCustomers(tx);
  await scheduleJob(tx, {
    ...POOL_RETURN_JOB,
    dueAt: new Date(job.now.getTime() + (moved === BATCH ? 0 : POOL_RETURN_INTERVAL_MS)),
  });
};

/** Makes sure the recurring job exists (first start, or after it was given up). */
export async function ensurePoolReturnJob(dataSource: DataSource): Promise<void> {
  await inTransaction(dataSource, async (tx) => {
    const job = await findJob(tx, POOL_RETURN_JOB.kind, POOL_RETURN_JOB.key);
    if (!job || job.doneAt) await scheduleJob(tx, { ...POOL_RETURN_JOB, dueAt: new Date() });
  });
}

/** The background worker of the public pool for runService `workers`. */
export function createPoolWorker(deps: {
  dataSource: DataSource;
  logger: Logger;
}): BackgroundWorker {
  const scheduler = createScheduler({
    dataSource: deps.dataSource,
    logger: deps.logger,
    handlers: { [POOL_RETURN_JOB.kind]: poolReturnHandler },
    pollIntervalMs: 30_000,
  });
  return {
    name: 'pool-return',
    start() {
      ensurePoolReturnJob(deps.dataSource)
        .catch((err: unknown) => deps.logger.warn({ err }, 'could not schedule the pool return'))
        .finally(() => scheduler.start());
    },
    stop: () => scheduler.stop(),
  };
}
