import type { EachMessagePayload, IHeaders, Producer } from 'kafkajs';

export type DeadLetterReason = 'envelope' | 'schema' | 'handler';

export const DLQ_HEADERS = {
  reason: 'dlq_reason',
  error: 'dlq_error',
  attempts: 'dlq_attempts',
  consumer: 'dlq_consumer',
  originalTopic: 'dlq_original_topic',
  originalPartition: 'dlq_original_partition',
  originalOffset: 'dlq_original_offset',
  failedAt: 'dlq_failed_at',
} as const;

/** Copies the message (key, value, original headers) to the dead-letter topic with error headers. */
export async function deadLetter(
  producer: Producer,
  topic: string,
  { topic: originalTopic, partition, message }: EachMessagePayload,
  failure: { reason: DeadLetterReason; error: string; attempts: number; consumer: string },
): Promise<void> {
  const headers: IHeaders = {
    ...message.headers,
    [DLQ_HEADERS.reason]: failure.reason,
    [DLQ_HEADERS.error]: failure.error.slice(0, 2_000),
    [DLQ_HEADERS.attempts]: String(failure.attempts),
    [DLQ_HEADERS.consumer]: failure.consumer,
    [DLQ_HEADERS.originalTopic]: originalTopic,
    [DLQ_HEADERS.originalPartition]: String(partition),
    [DLQ_HEADERS.originalOffset]: message.offset,
    [DLQ_HEADERS.failedAt]: new Date().toISOString(),
  };
  await producer.send({
    topic,
    acks: -1,
    messages: [{ key: message.key, value: message.value, headers }],
  });
}
