import { createConsumer, type EventConsumer } from '@crm/events';
import type { ServiceDeps } from '@crm/subgraph';
import type { SalesEnv } from '../env';
import { directoryHandlers } from './directory-handlers';
import { handoverHandlers } from './handover-handlers';
import { leadHandoffHandlers } from './lead-handlers';

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
  ];
}
