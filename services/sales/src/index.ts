import { runService } from '@crm/subgraph';
import { createSalesApp } from './app';
import { migrations } from './db/migrations';
import { salesEnvSchema } from './env';
import { salesConsumers } from './events/consumers';
import { createSalesScheduler } from './events/sales-scheduler';
import { createPoolWorker } from './domain/pool-return';
import { warnWithoutLeadRules } from './domain/leads/warn-without-rules';

void runService({
  name: 'sales',
  envSchema: salesEnvSchema,
  migrations,
  publishes: true,
  createApp: async ({ dataSource, logger, verifyToken }, readiness) => {
    await warnWithoutLeadRules(dataSource.manager, logger);
    return createSalesApp({ dataSource, verifyToken, logger, readiness });
  },
  consumers: salesConsumers,
  workers: ({ dataSource, logger, env }) => [
    createSalesScheduler({ dataSource, logger, pollIntervalMs: env.SCHEDULER_POLL_MS }),
    createPoolWorker({ dataSource, logger }),
  ],
});
