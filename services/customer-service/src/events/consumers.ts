import { createConsumer, type EventConsumer, type EventHandler } from '@crm/events';
import type { ServiceDeps } from '@crm/subgraph';
import type { CustomerServiceEnv } from '../env';
import { customerHandlers } from './customer-handlers';
import { directoryHandlers } from './directory-handlers';
import { healthHandlers } from './health-handlers';
import { shippedHandlers } from './shipped-handlers';

/**
 * Sales' customer events keep the customer replica current (existence, scopes, tier for SLA
 * policies); identity's events keep the directory copy current (SLA escalation); product's
 * shipped ideas are answered on the tickets they were asked for on; analytics' changes to HIGH
 * churn risk get a follow-up visit.
 */
export function customerServiceConsumers({
  env,
  kafka,
  dataSource,
  logger,
}: ServiceDeps<CustomerServiceEnv>): EventConsumer[] {
  const consumer = (name: string, handlers: EventHandler[]) =>
    createConsumer({
      service: 'customer-service',
      groupId: `${env.KAFKA_GROUP_ID}.${name}`,
      kafka,
      dataSource,
      logger,
      handlers,
    });
  return [
    consumer('customers', customerHandlers),
    consumer('directory', directoryHandlers),
    consumer('product', shippedHandlers),
    consumer('health', healthHandlers),
  ];
}
