import { runService } from '@crm/subgraph';
import { createAnalyticsApp } from './app';
import { migrations } from './db/migrations';
import { analyticsEnvSchema } from './env';
import { analyticsConsumers } from './events/consumers';

void runService({
  name: 'analytics',
  envSchema: analyticsEnvSchema,
  migrations,
  // read models only: analytics publishes nothing (yet), so no outbox relay
  publishes: false,
  createApp: ({ dataSource, logger, verifyToken }, readiness) =>
    createAnalyticsApp({ dataSource, verifyToken, logger, readiness }),
  consumers: analyticsConsumers,
});
