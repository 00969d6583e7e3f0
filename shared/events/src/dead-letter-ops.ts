import type { ServiceName } from '@crm/config';
import { Partitioners, type IHeaders, type Kafka, type KafkaMessage } from 'kafkajs';
import { deadLetterTopic } from './catalog';
import { DLQ_HEADERS } from './dead-letter';

export interface DeadLetter {
  /** Offset on the dead-letter topic. */
  offset: string;
  eventId: string | undefined;
  type: string | undefined;
  key: string | null;
  reason: string | undefined;
  error: string | undefined;
  consumer: string | undefined;
  original: { topic: string; partition: number; offset: string } | undefined;
  failedAt: string | undefined;
}

const text = (headers: IHeaders | undefined, name: string): string | undefined => {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value[0] : value)?.toString();
};

function describe(message: KafkaMessage): DeadLetter {
  const h = message.headers;
  const topic = text(h, DLQ_HEADERS.originalTopic);
  return {
    offset: message.offset,
    eventId: text(h, 'ce_id'),
    type: text(h, 'ce_type'),
    key: message.key?.toString() ?? null,
    reason: text(h, DLQ_HEADERS.reason),
    error: text(h, DLQ_HEADERS.error),
    consumer: text(h, DLQ_HEADERS.consumer),
    original: topic
      ? {
          topic,
          partition: Number(text(h, DLQ_HEADERS.originalPartition)),
          offset: text(h, DLQ_HEADERS.originalOffset) ?? '',
        }
      : undefined,
    failedAt: text(h, DLQ_HEADERS.failedAt),
  };
}

/** Reads every message now on the service's dead-letter topic (one partition), in order. */
async function readAll(
  kafka: Kafka,
  service: ServiceName,
): Promise<{ messages: KafkaMessage[]; end: string }> {
  const topic = deadLetterTopic(service);
  const admin = kafka.admin();
  await admin.connect();
  let low: string;
  let high: string;
  try {
    [{ low, high }] = await admin.fetchTopicOffsets(topic);
  } finally {
    await admin.disconnect();
  }
  const messages: KafkaMessage[] = [];
  if (Number(high) <= Number(low)) return { messages, end: high };
  const consumer = kafka.consumer({
    groupId: `crm-dlq-reader-${service}-${process.pid}-${Date.now()}`,
    allowAutoTopicCreation: false,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ message }) => {
            if (Number(message.offset) < Number(high)) messages.push(message);
            if (Number(message.offset) >= Number(high) - 1) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return { messages, end: high };
}

/** What waits on the service's dead-letter topic, oldest first. */
export async function listDeadLetters(kafka: Kafka, service: ServiceName): Promise<DeadLetter[]> {
  return (await readAll(kafka, service)).messages.map(describe);
}

/**
 * Sends every dead letter back to its original topic and partition with its key, value and
 * CloudEvent headers (the same `ce_id`, so consumers that handled it meanwhile skip it), then
 * removes the replayed messages from the dead-letter topic. Messages without an original topic
 * are left where they are and reported.
 */
export async function replayDeadLetters(
  kafka: Kafka,
  service: ServiceName,
): Promise<{ replayed: DeadLetter[]; kept: DeadLetter[] }> {
  const { messages, end } = await readAll(kafka, service);
  const replayed: DeadLetter[] = [];
  const kept: DeadLetter[] = [];
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    for (const message of messages) {
      const letter = describe(message);
      if (!letter.original) {
        kept.push(letter);
        continue;
      }
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).filter(([name]) => !name.startsWith('dlq_')),
      );
      await producer.send({
        topic: letter.original.topic,
        acks: -1,
        messages: [
          {
            key: message.key,
            value: message.value,
            headers: { ...headers, dlq_replayed_from: String(message.offset) },
            partition: letter.original.partition,
          },
        ],
      });
      replayed.push(letter);
    }
  } finally {
    await producer.disconnect();
  }
  // Everything read was replayed unless something had to be kept: only then may the topic be
  // cut (a single partition is cut at one offset, so kept letters keep the ones after them).
  if (messages.length && !kept.length) {
    const admin = kafka.admin();
    await admin.connect();
    try {
      // kafkajs needs the topic's metadata loaded before it can find the partition's leader
      await admin.fetchTopicMetadata({ topics: [deadLetterTopic(service)] });
      await admin.deleteTopicRecords({
        topic: deadLetterTopic(service),
        partitions: [{ partition: 0, offset: end }],
      });
    } finally {
      await admin.disconnect();
    }
  }
  return { replayed, kept };
}
