import { createConsumer, type EventConsumer } from '@crm/events';
import type { ServiceDeps } from '@crm/subgraph';
import type { MarketingEnv } from '../env';
import { attributionHandlers } from './attribution-handlers';
import { customerHandlers } from './customer-handlers';
import { leadLifecycleHandlers } from './lead-lifecycle-handlers';
import { shippedHandlers } from './shipped-handlers';

/** Sales' lead hand-off and won deals, in one group (lead and opportunity topics). */
export const salesHandlers = [...leadLifecycleHandlers, ...attributionHandlers];

export function marketingConsumers({
  env,
  kafka,
  dataSource,
  logger,
}: ServiceDeps<MarketingEnv>): EventConsumer[] {
  return [
    createConsumer({
      service: 'marketing',
      groupId: `${env.KAFKA_GROUP_ID}.customers`,
      kafka,
      dataSource,
      logger,
      handlers: customerHandlers,
    }),
    createConsumer({
      service: 'marketing',
      groupId: `${env.KAFKA_GROUP_ID}.sales-leads`,
      kafka,
      dataSource,
      logger,
      handlers: salesHandlers,
    }),
    // product's shipped ideas: their requesters are tagged for a campaign
    createConsumer({
      service: 'marketing',
      groupId: `${env.KAFKA_GROUP_ID}.product`,
      kafka,
      dataSource,
      logger,
      handlers: shippedHandlers,
    }),
  ];
}
