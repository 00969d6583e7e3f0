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
import { deadLetterTopic, findEventDefinition } from './catalog';
import { deadLetter, type DeadLetterReason } from './dead-letter';
import { isTransientError } from './transient-error';
import { WakeableSleep } from './wakeable-sleep';
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
  /** Attempts before an event whose handler keeps failing goes to the dead-letter topic. */
  maxAttempts?: number;
  retryDelayMs?: number;
  /**
   * Longest wait between retries of a transient failure (the database or the network away, a
   * deadlock): those are retried without limit, the partition waiting, instead of dead-lettered.
   */
  maxTransientDelayMs?: number;
  partitionsConsumedConcurrently?: number;
  /**
   * Longest wait for the consumer to leave its group on stop. Leaving waits for kafkajs to
   * finish what it is doing, and while it is reconnecting or rejoining after a broker restart
   * that can take longer than the whole shutdown may; past this the consumer is abandoned and
   * its membership, if it had one, expires with the session timeout.
   */
  stopTimeoutMs?: number;
}

export interface EventConsumer {
  start(): Promise<void>;
  /**
   * Leaves the group and disconnects, waiting at most `stopTimeoutMs` for the leave. `left` says
   * whether it finished in time; `leaving` settles when it does (a process that exits need not
   * wait for it; a test that stops its broker next should).
   */
  stop(): Promise<ConsumerStopped>;
  /** True once the consumer joined its group and until it crashes or stops. */
  isReady(): boolean;
  topics: string[];
  groupId: string;
  /**
   * Events skipped because no service knows their type (not in the catalog: a newer version,
   * a typo, a foreign producer), counted per type; each type is also logged once as a warning.
   */
  unknownEventTypes(): ReadonlyMap<string, number>;
}

export interface ConsumerStopped {
  left: boolean;
  leaving: Promise<void>;
}

/**
 * One handler per event type that runs the given handlers of that type in order, in the same
 * transaction (a service's own reaction after the shared replica's, say).
 */
export function combineHandlers(handlers: EventHandler[]): EventHandler[] {
  const byType = new Map<string, EventHandler[]>();
  for (const h of handlers)
    byType.set(h.definition.type, [...(byType.get(h.definition.type) ?? []), h]);
  return [...byType.values()].map((group) =>
    group.length === 1
      ? group[0]
      : {
          definition: group[0].definition,
          handle: async (event, tx) => {
            for (const h of group) await h.handle(event, tx);
          },
        },
  );
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
 * topic with error headers and the partition moves on. A transient failure (see
 * `isTransientError`: the database unreachable, a pool timeout, a deadlock) is not the event's
 * fault: it is retried with backoff for as long as it lasts, keeping the partition's order.
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
    maxTransientDelayMs = 30_000,
    stopTimeoutMs = 8_000,
  } = options;
  const logger = options.logger.child({ component: 'consumer', groupId });
  // several handlers of one type all run (in order), none silently replaces another
  const byType = new Map(combineHandlers(handlers).map((h) => [h.definition.type, h]));
  const unknownTypes = new Map<string, number>();
  const topics = [...new Set(handlers.map((h) => h.definition.topic))];
  const dlqTopic = deadLetterTopic(service);
  let consumer: Consumer | undefined;
  let producer: Producer | undefined;
  let ready = false;
  let stopped = false;

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
    if (!handler) {
      // another consumer's event type on a shared topic is none of ours; a type no one knows
      // is skipped too (a consumer cannot validate it) but leaves a trace
      if (!findEventDefinition(envelope.type)) {
        const seen = unknownTypes.get(envelope.type) ?? 0;
        unknownTypes.set(envelope.type, seen + 1);
        if (!seen)
          logger.warn(
            { type: envelope.type, topic, partition, offset: message.offset, eventId: envelope.id },
            'skipped an event of a type no catalog version knows; later ones of this type are counted in unknownEventTypes',
          );
      }
      return;
    }
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
    let failures = 0;
    let transientFailures = 0;
    while (failures < maxAttempts) {
      try {
        const handled = await handleOnce(handler, event);
        if (!handled)
          logger.debug({ eventId: event.id, type: event.type }, 'duplicate event skipped');
        if (transientFailures)
          logger.info(
            { eventId: event.id, type: event.type, transientFailures },
            'event handled after transient failures',
          );
        return;
      } catch (err) {
        lastError = err as Error;
        if (err instanceof PermanentEventError) break;
        if (isTransientError(err)) {
          // Not the event's fault: wait and try again, however long it takes; stopping the
          // consumer abandons the attempt without committing the offset.
          if (stopped) throw err;
          transientFailures++;
          const delay = Math.min(
            retryDelayMs * 2 ** Math.min(transientFailures - 1, 16),
            maxTransientDelayMs,
          );
          logger.warn(
            {
              err: lastError.message,
              transientFailures,
              retryInMs: delay,
              eventId: event.id,
              type: event.type,
            },
            'handler failed on a transient error; retrying',
          );
          await waitWithHeartbeat(payload, delay);
          continue;
        }
        failures++;
        logger.warn(
          { err: lastError.message, attempt: failures, eventId: event.id, type: event.type },
          'handler failed',
        );
        if (failures < maxAttempts)
          await new Promise((r) => setTimeout(r, retryDelayMs * 2 ** (failures - 1)));
      }
    }
    await sendToDeadLetter(
      payload,
      'handler',
      lastError?.message ?? 'unknown error',
      Math.max(failures, 1),
    );
  }

  /** Waits `ms`, telling the group coordinator we are alive so the partition is not taken away. */
  async function waitWithHeartbeat(payload: EachMessagePayload, ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (!stopped && Date.now() < until) {
      await new Promise((r) => setTimeout(r, Math.min(1_000, until - Date.now())));
      await payload.heartbeat().catch(() => undefined);
    }
  }

  let recovering: Promise<void> | undefined;
  const recoveryPause = new WakeableSleep();

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
      await recoveryPause.sleep(delay);
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
    groupId,
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
      recoveryPause.wake();
      const leaving = (async () => {
        await recovering;
        await consumer?.disconnect().catch(() => undefined);
      })();
      let timer: NodeJS.Timeout | undefined;
      const left = await Promise.race([
        leaving.then(() => true),
        new Promise<false>((resolve) => {
          timer = setTimeout(() => resolve(false), stopTimeoutMs);
        }),
      ]);
      clearTimeout(timer);
      if (!left)
        logger.warn(
          { stopTimeoutMs },
          'consumer did not leave its group in time (still reconnecting or rejoining?); stopping without it',
        );
      await producer?.disconnect().catch(() => undefined);
      return { left, leaving };
    },
    isReady: () => ready,
    unknownEventTypes: () => unknownTypes,
  };
}
