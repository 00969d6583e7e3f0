import type { Logger } from '@crm/config';
import { createScheduler, type Scheduler } from '@crm/scheduler';
import type { DataSource } from 'typeorm';
import { slaAlertJobHandlers } from '../domain/sla/raise-sla-alert';
import { visitJobHandlers } from '../domain/visits/remind-visit';

/** The customer-service scheduler: SLA warnings, breaches and escalations; visit reminders. */
export function createDeskScheduler(deps: {
  dataSource: DataSource;
  logger: Logger;
  pollIntervalMs?: number;
}): Scheduler {
  return createScheduler({
    dataSource: deps.dataSource,
    logger: deps.logger,
    handlers: { ...slaAlertJobHandlers, ...visitJobHandlers },
    pollIntervalMs: deps.pollIntervalMs,
  });
}
