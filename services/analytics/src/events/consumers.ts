import { createConsumer, type EventConsumer } from '@crm/events';
import type { ServiceDeps } from '@crm/subgraph';
import type { AnalyticsEnv } from '../env';
import { readModelHandlers } from './read-model-handlers';

/**
 * One consumer group for all read models (`$KAFKA_GROUP_ID.read-models`). A new KAFKA_GROUP_ID
 * with empty tables replays every topic from the beginning: see README "Rebuilding".
 */
export function analyticsConsumers({
  env,
  kafka,
  dataSource,
  logger,
}: ServiceDeps<AnalyticsEnv>): EventConsumer[] {
  return [
    createConsumer({
      service: 'analytics',
      groupId: `${env.KAFKA_GROUP_ID}.read-models`,
      kafka,
      dataSource,
      logger,
      handlers: readModelHandlers,
    }),
  ];
}
