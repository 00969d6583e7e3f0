import { createConsumer, type EventConsumer } from '@crm/events';
import type { ServiceDeps } from '@crm/subgraph';
import type { ProductFeedbackEnv } from '../env';
import { captureHandlers } from './capture-handlers';
import { customerHandlers } from './customer-handlers';
import { healthHandlers } from './health-handlers';
import { opportunityHandlers } from './opportunity-handlers';

/**
 * Sales' customer events keep the local customer replica current (existence and scopes); its
 * opportunity events keep each customer's won revenue and open pipeline (the idea ranking).
 */
export function productFeedbackConsumers({
  env,
  kafka,
  dataSource,
  logger,
}: ServiceDeps<ProductFeedbackEnv>): EventConsumer[] {
  return [
    createConsumer({
      service: 'product-feedback',
      groupId: `${env.KAFKA_GROUP_ID}.customers`,
      kafka,
      dataSource,
      logger,
      handlers: customerHandlers,
    }),
    createConsumer({
      service: 'product-feedback',
      groupId: `${env.KAFKA_GROUP_ID}.opportunities`,
      kafka,
      dataSource,
      logger,
      handlers: opportunityHandlers,
    }),
    // customer service's flagged tickets, as feedback items
    createConsumer({
      service: 'product-feedback',
      groupId: `${env.KAFKA_GROUP_ID}.service`,
      kafka,
      dataSource,
      logger,
      handlers: captureHandlers,
    }),
    // analytics' churn risk, a term of the idea ranking
    createConsumer({
      service: 'product-feedback',
      groupId: `${env.KAFKA_GROUP_ID}.health`,
      kafka,
      dataSource,
      logger,
      handlers: healthHandlers,
    }),
  ];
}
