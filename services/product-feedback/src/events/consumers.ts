import { customerReplicaHandlers } from '@crm/customer-replica';
import { createConsumer, type EventConsumer } from '@crm/events';
import type { ServiceDeps } from '@crm/subgraph';
import type { ProductFeedbackEnv } from '../env';

/** Sales' customer events keep the local customer replica current (existence and scopes). */
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
      handlers: customerReplicaHandlers,
    }),
  ];
}
