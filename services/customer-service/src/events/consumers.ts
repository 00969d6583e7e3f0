import { customerReplicaHandlers } from '@crm/customer-replica';
import { createConsumer, type EventConsumer } from '@crm/events';
import type { ServiceDeps } from '@crm/subgraph';
import type { CustomerServiceEnv } from '../env';

/** Sales' customer events keep the local customer replica current (existence and scopes). */
export function customerServiceConsumers({
  env,
  kafka,
  dataSource,
  logger,
}: ServiceDeps<CustomerServiceEnv>): EventConsumer[] {
  return [
    createConsumer({
      service: 'customer-service',
      groupId: `${env.KAFKA_GROUP_ID}.customers`,
      kafka,
      dataSource,
      logger,
      handlers: customerReplicaHandlers,
    }),
  ];
}
