import { runService } from '@crm/subgraph';
import { createCustomerServiceApp } from './app';
import { migrations } from './db/migrations';
import { customerServiceEnvSchema } from './env';
import { customerServiceConsumers } from './events/consumers';
import { createDeskScheduler } from './events/desk-scheduler';

void runService({
  name: 'customer-service',
  envSchema: customerServiceEnvSchema,
  migrations,
  publishes: true,
  createApp: ({ dataSource, logger, verifyToken }, readiness) =>
    createCustomerServiceApp({ dataSource, verifyToken, logger, readiness }),
  consumers: customerServiceConsumers,
  workers: ({ dataSource, logger, env }) => [
    createDeskScheduler({ dataSource, logger, pollIntervalMs: env.SCHEDULER_POLL_MS }),
  ],
});
