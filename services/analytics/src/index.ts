import { runService } from '@crm/subgraph';
import { createAnalyticsApp } from './app';
import { migrations } from './db/migrations';
import { analyticsEnvSchema } from './env';
import { analyticsConsumers } from './events/consumers';

void runService({
  name: 'analytics',
  envSchema: analyticsEnvSchema,
  migrations,
  // customer.health_changed goes out through the outbox
  publishes: true,
  createApp: ({ env, dataSource, logger, verifyToken }, readiness) =>
    createAnalyticsApp({
      dataSource,
      verifyToken,
      logger,
      readiness,
      timeZone: env.BUSINESS_TIMEZONE,
    }),
  consumers: analyticsConsumers,
});
