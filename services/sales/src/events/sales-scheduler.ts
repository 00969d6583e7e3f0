import type { Logger } from '@crm/config';
import { createScheduler, type JobHandler, type Scheduler } from '@crm/scheduler';
import type { DataSource } from 'typeorm';
import { followUpJobHandlers } from '../domain/followups/follow-up-jobs';
import { leadJobHandlers } from '../domain/leads/lead-jobs';

/** Every durable job kind of the sales service and its handler. */
export const salesJobHandlers: Record<string, JobHandler> = {
  ...followUpJobHandlers,
  ...leadJobHandlers,
};

/** The sales scheduler: overdue tasks, reminders, missed follow-ups, lead first-contact deadlines. */
export function createSalesScheduler(deps: {
  dataSource: DataSource;
  logger: Logger;
  pollIntervalMs?: number;
}): Scheduler {
  return createScheduler({
    dataSource: deps.dataSource,
    logger: deps.logger,
    handlers: salesJobHandlers,
    pollIntervalMs: deps.pollIntervalMs,
  });
}
