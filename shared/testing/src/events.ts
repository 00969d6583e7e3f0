import type { ServiceName } from '@crm/config';
import {
  createConsumer,
  encodeHeaders,
  type ConsumerOptions,
  type EventConsumer,
  type EventData,
  type EventDefinition,
  type EventHandler,
} from '@crm/events';
import { newId } from '@crm/database';
import type { DataSource } from 'typeorm';
import { eventually } from './eventually';
import { kcatProduce } from './kcat';
import { testKafka, testLogger, uniqueGroupId } from './test-infra';

export interface ProduceOptions {
  /** The CloudEvents id (ce_id); pass one again to deliver the same event twice. */
  id?: string;
  time?: Date;
  actorId?: string | null;
  /** Another broker than the shared test broker. */
  brokers?: string[];
}

/**
 * Publishes a catalog event the way its producer would (CloudEvents headers, the definition's
 * topic, key and subject), with kcat, an independent client. Returns the event id.
 */
export function produceEvent<D extends EventDefinition>(
  definition: D,
  data: EventData<D>,
  options: ProduceOptions = {},
): string {
  const id = options.id ?? newId();
  const headers = encodeHeaders({
    id,
    type: definition.type,
    source: `/crm/${definition.producer}`,
    subject: definition.subject(data),
    time: (options.time ?? new Date()).toISOString(),
    actorId: options.actorId ?? null,
  }) as Record<string, string>;
  kcatProduce(
    definition.topic,
    {
      key: definition.key(data),
      value: JSON.stringify(data),
      headers,
    },
    options.brokers,
  );
  return id;
}

export interface ConsumerUnderTest {
  consumer: EventConsumer;
  /** Its consumer group (also its inbox `consumer` column); no other test shares it. */
  groupId: string;
}

export type TestConsumerOptions = {
  service: ServiceName;
  /** Prefix of the consumer group, e.g. `sales-directory`. */
  name: string;
  dataSource: DataSource;
  handlers: EventHandler[];
} & Pick<
  ConsumerOptions,
  'maxAttempts' | 'retryDelayMs' | 'maxTransientDelayMs' | 'partitionsConsumedConcurrently'
>;

/**
 * A service's consumer on the test broker in a group of its own (it reads the topics from the
 * beginning), started and joined to its group; the caller stops it.
 */
export async function startConsumerUnderTest({
  name,
  ...options
}: TestConsumerOptions): Promise<ConsumerUnderTest> {
  const groupId = uniqueGroupId(name);
  const consumer = createConsumer({
    ...options,
    groupId,
    kafka: testKafka(),
    logger: testLogger(name),
  });
  await consumer.start();
  await eventually(() => {
    if (!consumer.isReady()) throw new Error(`consumer ${groupId} has not joined its group`);
  });
  return { consumer, groupId };
}
