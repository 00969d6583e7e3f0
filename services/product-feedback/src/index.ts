import { runService } from '@crm/subgraph';
import { createProductFeedbackApp } from './app';
import { migrations } from './db/migrations';
import { productFeedbackEnvSchema } from './env';
import { productFeedbackConsumers } from './events/consumers';

void runService({
  name: 'product-feedback',
  envSchema: productFeedbackEnvSchema,
  migrations,
  publishes: true,
  createApp: ({ dataSource, logger, verifyToken }, readiness) =>
    createProductFeedbackApp({ dataSource, verifyToken, logger, readiness }),
  consumers: productFeedbackConsumers,
});
