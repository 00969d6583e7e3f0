import type { Logger } from '@crm/config';
import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { encodeHeaders } from './envelope';
import { WakeableSleep } from './wakeable-sleep';

export interface OutboxRelayOptions {
  service: string;
  databaseUrl: string;
  kafka: Kafka;
  logger: Logger;
  batchSize?: number;
  /** Safety net for a missed notification; the relay is normally woken by LISTEN/NOTIFY. */
  pollIntervalMs?: number;
  /** How often a standby replica tries to become the active relay. */
  standbyRetryMs?: number;
  /** Published rows older than this are deleted. */
  retentionHours?: number;
  /** Inbox rows (handled events, kept to drop redeliveries) older than this are deleted. */
  inboxRetentionHours?: number;
}

export interface OutboxRelay {
  start(): void;
  stop(): Promise<void>;
  /** True while this process holds the relay lock. */
  isActive(): boolean;
  /** Rows this process has published since it started. */
  publishedCount(): number;
  /** Rows this process has parked because Kafka refuses them for good. */
  parkedCount(): number;
}

/**
 * Kafka errors that belong to one message or its topic rather than to the connection: retrying
 * cannot help, so the row is parked (failed_at, last_error) and later events go on.
 */
const ROW_ERRORS = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'INVALID_TOPIC_EXCEPTION',
  'TOPIC_AUTHORIZATION_FAILED',
]);

function rowErrorOf(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const type = (e as { type?: unknown }).type;
    if (typeof type === 'string' && ROW_ERRORS.has(type)) return `${type}: ${(e as Error).message}`;
    e = (e as { cause?: unknown }).cause ?? (e as { originalError?: unknown }).originalError;
  }
  return undefined;
}

interface OutboxRow {
  seq: string;
  id: string;
  topic: string;
  key: string;
  type: string;
  source: string;
  subject: string;
  time: Date;
  actor_id: string | null;
  payload: unknown;
}

function lockKeyOf(service: string): number {
  let hash = 0;
  for (const char of `outbox-relay:${service}`)
    hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

function toMessage(row: OutboxRow): Message {
  return {
    key: row.key,
    value: JSON.stringify(row.payload),
    headers: encodeHeaders({
      id: row.id,
      type: row.type,
      source: row.source,
      subject: row.subject,
      time: row.time.toISOString(),
      actorId: row.actor_id,
    }),
  };
}

/**
 * Publishes outbox rows to Kafka in commit order. One replica per service is active (a session
 * advisory lock); the others wait to take over. Rows are marked published only after Kafka
 * acknowledged them (acks=all, idempotent producer): while Kafka is down they stay and are
 * retried with backoff.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const {
    service,
    databaseUrl,
    kafka,
    batchSize = 500,
    pollIntervalMs = 5_000,
    standbyRetryMs = 3_000,
    retentionHours = 72,
    // longer than the topics keep events (7 days), so a redelivery is always recognised
    inboxRetentionHours = 14 * 24,
  } = options;
  const logger = options.logger.child({ component: 'outbox-relay' });
  const signal = new WakeableSleep();
  let stopping = false;
  let active = false;
  let published = 0;
  let parked = 0;
  let producer: Producer | undefined;
  let loop: Promise<void> | undefined;
  let connectionError: Error | undefined;
  let lastCleanup = 0;

  async function getProducer(): Promise<Producer> {
    if (!producer) {
      const created = kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
        retry: { retries: 2 },
      });
      await created.connect();
      producer = created;
    }
    return producer;
  }

  async function dropProducer(): Promise<void> {
    const old = producer;
    producer = undefined;
    await old?.disconnect().catch(() => undefined);
  }

  async function markPublished(client: Client, rows: OutboxRow[]): Promise<void> {
    await client.query('UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])', [
      rows.map((r) => r.seq),
    ]);
    published += rows.length;
  }

  async function send(rows: OutboxRow[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const row of rows) {
      const messages = byTopic.get(row.topic) ?? [];
      messages.push(toMessage(row));
      byTopic.set(row.topic, messages);
    }
    const target = await getProducer();
    await target.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }

  /**
   * A batch that Kafka refused because of one of its messages: send the rows one at a time in
   * order, parking each one Kafka refuses for good. A connection error stops it (rethrown).
   */
  async function sendOneByOne(client: Client, rows: OutboxRow[]): Promise<number> {
    for (const row of rows) {
      try {
        await send([row]);
        await markPublished(client, [row]);
      } catch (err) {
        const reason = rowErrorOf(err);
        if (!reason) throw err;
        await client.query('UPDATE outbox SET failed_at = now(), last_error = $2 WHERE seq = $1', [
          row.seq,
          reason,
        ]);
        parked++;
        logger.error(
          { eventId: row.id, type: row.type, topic: row.topic, key: row.key, err: reason },
          'Kafka refuses this event for good: parked in the outbox (failed_at), later events go on',
        );
      }
    }
    return rows.length;
  }

  async function publishBatch(client: Client): Promise<number> {
    const { rows } = await client.query<OutboxRow>(
      `SELECT seq, id, topic, key, type, source, subject, time, actor_id, payload
       FROM outbox WHERE published_at IS NULL AND failed_at IS NULL ORDER BY seq LIMIT $1`,
      [batchSize],
    );
    if (!rows.length) return 0;
    try {
      await send(rows);
    } catch (err) {
      if (!rowErrorOf(err)) throw err;
      return sendOneByOne(client, rows);
    }
    await markPublished(client, rows);
    return rows.length;
  }

  /** Deletes in bounded chunks, so a large backlog never holds one long delete. */
  async function deleteInChunks(client: Client, sql: string, hours: number): Promise<void> {
    for (let i = 0; i < 100 && !stopping; i++) {
      const { rowCount } = await client.query(sql, [hours, 5_000]);
      if (!rowCount || rowCount < 5_000) break;
    }
  }

  async function cleanup(client: Client): Promise<void> {
    if (Date.now() - lastCleanup < 10 * 60_000) return;
    lastCleanup = Date.now();
    await deleteInChunks(
      client,
      `DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox
         WHERE published_at < now() - make_interval(hours => $1) LIMIT $2)`,
      retentionHours,
    );
    await deleteInChunks(
      client,
      `DELETE FROM inbox WHERE ctid IN (SELECT ctid FROM inbox
         WHERE handled_at < now() - make_interval(hours => $1) LIMIT $2)`,
      inboxRetentionHours,
    );
  }

  async function relay(client: Client): Promise<void> {
    let backoff = 0;
    while (!stopping) {
      if (connectionError) throw connectionError;
      let sent: number;
      try {
        sent = await publishBatch(client);
        if (backoff) logger.info('Kafka reachable again; publishing the outbox');
        backoff = 0;
      } catch (err) {
        if (connectionError) throw connectionError;
        backoff = Math.min(Math.max(backoff * 2, 250), 5_000);
        logger.warn(
          { err: (err as Error).message, retryInMs: backoff },
          'publish failed; events stay in the outbox',
        );
        await dropProducer();
        await new Promise((r) => setTimeout(r, backoff));
        continue;
      }
      if (sent === 0) {
        await cleanup(client);
        await signal.sleep(pollIntervalMs);
      }
    }
  }

  async function session(): Promise<void> {
    connectionError = undefined;
    const client = new Client({
      connectionString: databaseUrl,
      application_name: `crm-${service}-outbox-relay`,
    });
    client.on('error', (err) => {
      connectionError = err;
      signal.wake();
    });
    client.on('notification', () => signal.wake());
    await client.connect();
    try {
      const key = lockKeyOf(service);
      while (!stopping) {
        const { rows } = await client.query<{ locked: boolean }>(
          'SELECT pg_try_advisory_lock($1) AS locked',
          [key],
        );
        if (rows[0]?.locked) break;
        await signal.sleep(standbyRetryMs);
        if (connectionError) throw connectionError;
      }
      if (stopping) return;
      await client.query('LISTEN outbox');
      active = true;
      logger.info('outbox relay active');
      await relay(client);
    } finally {
      active = false;
      await client.end().catch(() => undefined);
    }
  }

  async function run(): Promise<void> {
    while (!stopping) {
      try {
        await session();
      } catch (err) {
        if (stopping) break;
        logger.warn(
          { err: (err as Error).message },
          'outbox relay lost its database session; reconnecting',
        );
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
    await dropProducer();
  }

  return {
    start() {
      if (!loop) loop = run();
    },
    async stop() {
      stopping = true;
      signal.wake();
      await loop;
    },
    isActive: () => active,
    publishedCount: () => published,
    parkedCount: () => parked,
  };
}
