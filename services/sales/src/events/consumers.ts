import { createConsumer, type EventConsumer } from '@crm/events';
import type { ServiceDeps } from '@crm/subgraph';
import type { SalesEnv } from '../env';
import { directoryHandlers } from './directory-handlers';

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
  ];
}
