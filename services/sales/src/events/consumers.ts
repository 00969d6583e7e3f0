import { createConsumer, type EventConsumer } from '@crm/events';
import type { ServiceDeps } from '@crm/subgraph';
import type { SalesEnv } from '../env';
import { directoryHandlers } from './directory-handlers';
import { handoverHandlers } from './handover-handlers';
import { healthHandlers } from './health-handlers';
import { leadHandoffHandlers } from './lead-handlers';
import { serviceLoopHandlers } from './service-loop-handlers';
import { shippedHandlers } from './shipped-handlers';

export function salesConsumers({
  env,
  kafka,
  dataSource,
  logger,
}: ServiceDeps<SalesEnv>): EventConsumer[] {
  return [
    createConsumer({
      service: 'sales',
      groupId: `${env.KAFKA_GROUP_ID}.directory`,
      kafka,
      dataSource,
      logger,
      handlers: directoryHandlers,
    }),
    // a group of its own: the hand-over of a deactivated rep's customers
    createConsumer({
      service: 'sales',
      groupId: `${env.KAFKA_GROUP_ID}.handover`,
      kafka,
      dataSource,
      logger,
      handlers: handoverHandlers,
    }),
    // marketing's qualified leads, assigned to reps by the team rules
    createConsumer({
      service: 'sales',
      groupId: `${env.KAFKA_GROUP_ID}.leads`,
      kafka,
      dataSource,
      logger,
      handlers: leadHandoffHandlers(logger),
    }),
    // customer service's low satisfaction and KEY-account SLA breaches, as owners' tasks
    createConsumer({
      service: 'sales',
      groupId: `${env.KAFKA_GROUP_ID}.service`,
      kafka,
      dataSource,
      logger,
      handlers: serviceLoopHandlers,
    }),
    // product's shipped ideas, as tasks for the requesting customers' owners
    createConsumer({
      service: 'sales',
      groupId: `${env.KAFKA_GROUP_ID}.product`,
      kafka,
      dataSource,
      logger,
      handlers: shippedHandlers,
    }),
    // analytics' churn warnings: a retention task for the owner
    createConsumer({
      service: 'sales',
      groupId: `${env.KAFKA_GROUP_ID}.analytics`,
      kafka,
      dataSource,
      logger,
      handlers: healthHandlers,
    }),
  ];
}
