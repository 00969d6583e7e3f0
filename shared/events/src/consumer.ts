import type { Logger, ServiceName } from '@crm/config';
import type { Tx } from '@crm/database';
import {
  Partitioners,
  type Consumer,
  type EachMessagePayload,
  type Kafka,
  type Producer,
} from 'kafkajs';
import type { DataSource } from 'typeorm';
import { deadLetterTopic } from './catalog';
import { deadLetter, type DeadLetterReason } from './dead-letter';
import type { EventData, EventDefinition } from './define-event';
import { decodeHeaders, EnvelopeError, type Envelope } from './envelope';
import { describeIssues } from './schema-error';

/** An event as a handler sees it: envelope, validated data and where it came from. */
export interface ConsumedEvent<D extends EventDefinition = EventDefinition> extends Envelope {
  data: EventData<D>;
  topic: string;
  partition: number;
  offset: string;
}

export interface EventHandler {
  definition: EventDefinition;
  handle: (event: ConsumedEvent, tx: Tx) => Promise<void>;
}

/** Binds a handler to one event type; the handler runs inside the inbox transaction. */
export function on<D extends EventDefinition>(
  definition: D,
  handle: (event: ConsumedEvent<D>, tx: Tx) => Promise<void>,
): EventHandler {
  return { definition, handle: handle as EventHandler['handle'] };
}

export interface ConsumerOptions {
  service: ServiceName;
  groupId: string;
  kafka: Kafka;
  dataSource: DataSource;
  logger: Logger;
  handlers: EventHandler[];
  /** Attempts before an event that keeps failing goes to the dead-letter topic. */
  maxAttempts?: number;
  retryDelayMs?: number;
  partitionsConsumedConcurrently?: number;
}

export interface EventConsumer {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** True once the consumer joined its group and until it crashes or stops. */
  isReady(): boolean;
  topics: string[];
}

/** Thrown by a handler for an event that can never succeed: no retries, straight to the dead-letter topic. */
export class PermanentEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentEventError';
  }
}

/**
 * Consumes catalog events: each event is validated against its schema, de-duplicated through
 * the inbox table and handled in one transaction; offsets are committed after. An event that
 * fails validation, or fails its handler `maxAttempts` times, goes to the service's dead-letter
 * topic with error headers and the partition moves on.
 */
export function createConsumer(options: ConsumerOptions): EventConsumer {
  const {
    service,
    groupId,
    kafka,
    dataSource,
    handlers,
    maxAttempts = 3,
    retryDelayMs = 200,
  } = options;
  const logger = options.logger.child({ component: 'consumer', groupId });
  const byType = new Map(handlers.map((h) => [h.definition.type, h]));
  const topics = [...new Set(handlers.map((h) => h.definition.topic))];
  const dlqTopic = deadLetterTopic(service);
  let consumer: Consumer | undefined;
  let producer: Producer | undefined;
  let ready = false;

  async function sendToDeadLetter(
    payload: EachMessagePayload,
    reason: DeadLetterReason,
    error: string,
    attempts: number,
  ): Promise<void> {
    logger.error(
      {
        topic: payload.topic,
        partition: payload.partition,
        offset: payload.message.offset,
        reason,
        error,
      },
      'event sent to the dead-letter topic',
    );
    if (!producer) throw new Error('consumer not started');
    await deadLetter(producer, dlqTopic, payload, { reason, error, attempts, consumer: groupId });
  }

  async function handleOnce(handler: EventHandler, event: ConsumedEvent): Promise<boolean> {
    return dataSource.transaction(async (tx) => {
      const inserted: unknown[] = await tx.query(
        `INSERT INTO inbox (consumer, event_id, type, topic, partition, "offset")
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING event_id`,
        [groupId, event.id, event.type, event.topic, event.partition, event.offset],
      );
      if (!inserted.length) return false;
      await handler.handle(event, tx);
      return true;
    });
  }

  async function eachMessage(payload: EachMessagePayload): Promise<void> {
    const { topic, partition, message } = payload;
    let envelope: Envelope;
    try {
      envelope = decodeHeaders(message.headers);
    } catch (err) {
      if (err instanceof EnvelopeError)
        return sendToDeadLetter(payload, 'envelope', err.message, 1);
      throw err;
    }
    const handler = byType.get(envelope.type);
    if (!handler) return; // another consumer's event type on a shared topic
    let data: unknown;
    try {
      data = JSON.parse(message.value?.toString() ?? '');
    } catch (err) {
      return sendToDeadLetter(payload, 'schema', `value is not JSON: ${(err as Error).message}`, 1);
    }
    const parsed = handler.definition.schema.safeParse(data);
    if (!parsed.success) {
      return sendToDeadLetter(payload, 'schema', describeIssues(parsed.error.issues), 1);
    }
    const event: ConsumedEvent = {
      ...envelope,
      data: parsed.data,
      topic,
      partition,
      offset: message.offset,
    };
    let lastError: Error | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        const handled = await handleOnce(handler, event);
        if (!handled)
          logger.debug({ eventId: event.id, type: event.type }, 'duplicate event skipped');
        return;
      } catch (err) {
        lastError = err as Error;
        if (err instanceof PermanentEventError) break;
        logger.warn(
          { err: lastError.message, attempt, eventId: event.id, type: event.type },
          'handler failed',
        );
        if (attempt < maxAttempts)
          await new Promise((r) => setTimeout(r, retryDelayMs * 2 ** (attempt - 1)));
      }
    }
    await sendToDeadLetter(payload, 'handler', lastError?.message ?? 'unknown error', maxAttempts);
  }

  let stopped = false;
  let recovering: Promise<void> | undefined;

  async function runConsumer(): Promise<void> {
    const created = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      retry: { retries: 10 },
    });
    consumer = created;
    created.on(created.events.GROUP_JOIN, () => {
      ready = true;
    });
    created.on(created.events.CRASH, (e) => {
      ready = false;
      logger.error(
        { err: e.payload.error.message, restart: e.payload.restart },
        'consumer crashed',
      );
      // kafkajs restarts after retriable errors only; after a non-retriable one (e.g. no group
      // coordinator while a broker comes back) the consumer would stay dead: start a new one
      if (!e.payload.restart && !stopped) recovering ??= recover(created);
    });
    created.on(created.events.STOP, () => {
      ready = false;
    });
    await created.connect();
    await created.subscribe({ topics, fromBeginning: true });
    await created.run({
      autoCommit: true,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 3,
      eachMessage,
    });
  }

  async function recover(dead: Consumer): Promise<void> {
    await dead.disconnect().catch(() => undefined);
    for (let delay = 1_000; !stopped; delay = Math.min(delay * 2, 10_000)) {
      await new Promise((r) => setTimeout(r, delay));
      if (stopped) break;
      try {
        await runConsumer();
        logger.info('consumer restarted after a crash');
        break;
      } catch (err) {
        logger.warn(
          { err: (err as Error).message, retryInMs: delay },
          'consumer could not restart yet',
        );
        await consumer?.disconnect().catch(() => undefined);
      }
    }
    recovering = undefined;
  }

  return {
    topics,
    async start() {
      stopped = false;
      producer = kafka.producer({
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      await runConsumer();
      logger.info({ topics }, 'consumer started');
    },
    async stop() {
      stopped = true;
      ready = false;
      await recovering;
      await consumer?.disconnect().catch(() => undefined);
      await producer?.disconnect().catch(() => undefined);
    },
    isReady: () => ready,
  };
}
