import { runService } from '@crm/subgraph';
import { createMarketingApp } from './app';
import { migrations } from './db/migrations';
import { marketingEnvSchema } from './env';
import { marketingConsumers } from './events/consumers';
import { rateWindowSweeper } from './http/rate-window-sweeper';

void runService({
  name: 'marketing',
  envSchema: marketingEnvSchema,
  migrations,
  publishes: true,
  createApp: ({ dataSource, logger, verifyToken, env }, readiness) =>
    createMarketingApp({
      dataSource,
      verifyToken,
      logger,
      readiness,
      webForm: {
        rateLimit: env.FORM_RATE_LIMIT,
        rateWindowSeconds: env.FORM_RATE_WINDOW_SECONDS,
        trustProxy: env.FORM_TRUST_PROXY,
      },
    }),
  consumers: marketingConsumers,
  workers: ({ dataSource, logger }) => [rateWindowSweeper(dataSource, logger)],
});
