import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { ServiceName } from '@crm/config';
import { deadLetterTopic, type EventConsumer, type Kafka, type OutboxRelay } from '@crm/events';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

export interface ServiceMetricsOptions {
  service: ServiceName;
  dataSource: DataSource;
  kafka: Kafka;
  relay?: OutboxRelay;
  consumers: EventConsumer[];
}

export interface ServiceMetrics {
  registry: Registry;
  /** Times every HTTP request the server answers (all routes, whatever registered them). */
  observe(server: Server): void;
  /** The Prometheus text exposition. */
  render(): Promise<{ contentType: string; body: string }>;
  stop(): Promise<void>;
}

/** `/graphql`, `/readyz`, ...: the first path segment, so labels stay few. */
function routeOf(url: string | undefined): string {
  const first = (url ?? '/').split('?')[0].split('/')[1] ?? '';
  return /^[a-z.-]{1,30}$/i.test(first) ? `/${first}` : '/other';
}

/**
 * The pipeline health of a service for Prometheus (`GET /metrics`): outbox backlog and the age
 * of its oldest pending event, parked events, whether this replica's relay is active, consumer
 * readiness and lag per group, dead letters waiting, due scheduled jobs, HTTP latency, and the
 * process's own figures. Kafka figures are skipped (crm_kafka_up 0) while the broker is away.
 */
export function createServiceMetrics(options: ServiceMetricsOptions): ServiceMetrics {
  const { service, dataSource, kafka, relay, consumers } = options;
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: 'crm_' });
  const registers = [registry];
  let admin: ReturnType<Kafka['admin']> | undefined;

  const outboxPending = new Gauge({
    name: 'crm_outbox_pending_events',
    help: 'Events committed to the outbox and not yet published to Kafka',
    registers,
  });
  const outboxOldest = new Gauge({
    name: 'crm_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest event waiting in the outbox (0 when none waits)',
    registers,
  });
  const outboxParked = new Gauge({
    name: 'crm_outbox_parked_events',
    help: 'Events Kafka refused for good, parked in the outbox (failed_at)',
    registers,
  });
  const jobsDue = new Gauge({
    name: 'crm_scheduled_jobs_due',
    help: 'Scheduled jobs that are due and not done yet',
    registers,
  });
  new Gauge({
    name: 'crm_outbox_relay_active',
    help: '1 when this replica holds the outbox relay lock',
    registers,
    collect() {
      this.set(relay?.isActive() ? 1 : 0);
    },
  });
  let publishedSeen = 0;
  new Counter({
    name: 'crm_outbox_relay_published_events_total',
    help: 'Events this replica published to Kafka since it started',
    registers,
    collect() {
      const now = relay?.publishedCount() ?? 0;
      this.inc(Math.max(0, now - publishedSeen));
      publishedSeen = now;
    },
  });
  const consumerReady = new Gauge({
    name: 'crm_consumer_ready',
    help: '1 while the consumer group member is joined and running',
    labelNames: ['group'],
    registers,
  });
  const consumerLag = new Gauge({
    name: 'crm_consumer_lag_events',
    help: 'Events on the subscribed topics not yet committed by the group',
    labelNames: ['group'],
    registers,
  });
  const unknownEvents = new Gauge({
    name: 'crm_consumer_unknown_events',
    help: 'Events skipped because no catalog version knows their type, per group and type',
    labelNames: ['group', 'type'],
    registers,
  });
  const deadLetters = new Gauge({
    name: 'crm_dead_letter_events',
    help: "Events on the service's dead-letter topic (kept until replayed)",
    registers,
  });
  const kafkaUp = new Gauge({
    name: 'crm_kafka_up',
    help: '1 when the last Kafka figures could be read',
    registers,
  });
  const httpDuration = new Histogram({
    name: 'crm_http_request_duration_seconds',
    help: 'HTTP requests by route, method and status',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });

  async function collectDatabase(): Promise<void> {
    const [pending] = await dataSource.query(
      `SELECT count(*)::int AS n, coalesce(extract(epoch FROM now() - min(time)), 0)::float AS age
       FROM outbox WHERE published_at IS NULL AND failed_at IS NULL`,
    );
    outboxPending.set(pending.n);
    outboxOldest.set(pending.age);
    const [parked] = await dataSource.query(
      'SELECT count(*)::int AS n FROM outbox WHERE failed_at IS NOT NULL',
    );
    outboxParked.set(parked.n);
    const [jobs] = await dataSource.query(
      `SELECT CASE WHEN to_regclass('scheduled_jobs') IS NULL THEN 0 ELSE
         (SELECT count(*)::int FROM scheduled_jobs WHERE done_at IS NULL AND due_at <= now()) END AS n`,
    );
    jobsDue.set(jobs.n);
  }

  /** Sum over partitions of (end offset - start offset), or of (end - committed) for a group. */
  async function collectKafka(): Promise<void> {
    if (!admin) {
      const created = kafka.admin();
      await created.connect();
      admin = created;
    }
    const depth = await admin.fetchTopicOffsets(deadLetterTopic(service));
    deadLetters.set(depth.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0));
    for (const consumer of consumers) {
      consumerReady.set({ group: consumer.groupId }, consumer.isReady() ? 1 : 0);
      for (const [type, count] of consumer.unknownEventTypes())
        unknownEvents.set({ group: consumer.groupId, type }, count);
      const committed = await admin.fetchOffsets({
        groupId: consumer.groupId,
        topics: consumer.topics,
      });
      let lag = 0;
      for (const { topic, partitions } of committed) {
        const ends = await admin.fetchTopicOffsets(topic);
        for (const { partition, offset } of partitions) {
          const end = ends.find((e) => e.partition === partition);
          if (!end) continue;
          const done = Number(offset) < 0 ? Number(end.low) : Number(offset);
          lag += Math.max(0, Number(end.high) - done);
        }
      }
      consumerLag.set({ group: consumer.groupId }, lag);
    }
    kafkaUp.set(1);
  }

  return {
    registry,
    observe(server) {
      server.on('request', (req: IncomingMessage, res: ServerResponse) => {
        const end = httpDuration.startTimer({ route: routeOf(req.url), method: req.method });
        res.once('finish', () => end({ status: String(res.statusCode) }));
      });
    },
    async render() {
      await collectDatabase().catch(() => undefined);
      await collectKafka().catch(async () => {
        kafkaUp.set(0);
        await admin?.disconnect().catch(() => undefined);
        admin = undefined;
      });
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
    async stop() {
      await admin?.disconnect().catch(() => undefined);
    },
  };
}
