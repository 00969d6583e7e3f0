import type { Server } from 'node:http';
import { createTokenVerifier, type TokenVerifier } from '@crm/auth';
import {
  createLogger,
  EnvError,
  installShutdown,
  parseEnv,
  SERVICE_PRODUCTION_RULES,
  type Logger,
  type ProductionRule,
  type ReadinessCheck,
  type ServiceEnv,
  type ServiceName,
  type ShutdownStep,
} from '@crm/config';
import { createDataSource, runMigrations } from '@crm/database';
import {
  checkKafka,
  createKafka,
  createOutboxRelay,
  type EventConsumer,
  type Kafka,
} from '@crm/events';
import type { DataSource, EntitySchema } from 'typeorm';
import type { z } from 'zod';
import type { SubgraphApp } from './app';
import { behindGateway } from './gateway-guard';
import { createServiceMetrics } from './metrics';

export interface ServiceDeps<E extends ServiceEnv = ServiceEnv> {
  env: E;
  logger: Logger;
  dataSource: DataSource;
  kafka: Kafka;
  verifyToken: TokenVerifier;
}

/** Something that runs in the background of a service (a scheduler, a poller). */
export interface BackgroundWorker {
  name: string;
  start(): void;
  stop(): Promise<void>;
}

export interface ServiceDefinition<E extends ServiceEnv> {
  name: ServiceName;
  envSchema: z.ZodType<E>;
  /** What production requires of this service beyond SERVICE_PRODUCTION_RULES. */
  productionRules?: ProductionRule[];
  migrations: (new () => object)[];
  entities?: EntitySchema[];
  /** Whether the service publishes events (runs the outbox relay). */
  publishes: boolean;
  createApp(
    deps: ServiceDeps<E>,
    readiness: ReadinessCheck[],
  ): Promise<Pick<SubgraphApp, 'app'> & { apollo: { stop(): Promise<void> } }>;
  consumers?(deps: ServiceDeps<E>): EventConsumer[];
  workers?(deps: ServiceDeps<E>): BackgroundWorker[];
  /** Runs once the service listens (e.g. demo data). */
  afterStart?(deps: ServiceDeps<E>): Promise<void>;
}

/** A check that asks at most once per `ttlMs` and repeats its last answer in between. */
function cached(check: () => Promise<void>, ttlMs: number): () => Promise<void> {
  let checkedAt = 0;
  let lastError: unknown;
  return async () => {
    if (Date.now() - checkedAt > ttlMs) {
      try {
        await check();
        lastError = undefined;
      } catch (err) {
        lastError = err;
      }
      checkedAt = Date.now();
    }
    if (lastError) throw lastError;
  };
}

function readEnv<E>(name: string, schema: z.ZodType<E>, rules: ProductionRule[]): E {
  try {
    return parseEnv(schema, process.env, [...SERVICE_PRODUCTION_RULES, ...rules]);
  } catch (err) {
    if (err instanceof EnvError) {
      process.stderr.write(`${name}: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

/** main(): env -> database (migrations) -> app -> listen -> relay -> consumers -> shutdown. */
export async function runService<E extends ServiceEnv>(
  definition: ServiceDefinition<E>,
): Promise<void> {
  const env = readEnv(definition.name, definition.envSchema, definition.productionRules ?? []);
  const logger = createLogger(definition.name, env.LOG_LEVEL);
  const steps: ShutdownStep[] = [];
  const shutdown = installShutdown(logger, steps);
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
  try {
    const dataSource = createDataSource({
      url: env.DATABASE_URL,
      applicationName: `crm-${definition.name}`,
      migrations: definition.migrations,
      entities: definition.entities,
    });
    await dataSource.initialize();
    if (env.RUN_MIGRATIONS) {
      const applied = await runMigrations(dataSource);
      if (applied.length) logger.info({ applied }, 'migrations applied');
    }
    const kafka = createKafka({
      brokers: env.KAFKA_BROKERS,
      clientId: env.KAFKA_CLIENT_ID,
      logger,
    });
    const verifyToken = createTokenVerifier({
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      jwksUrl: env.JWKS_URL,
    });
    const deps: ServiceDeps<E> = { env, logger, dataSource, kafka, verifyToken };
    const consumers = definition.consumers?.(deps) ?? [];
    const readiness: ReadinessCheck[] = [
      { name: 'database', check: async () => void (await dataSource.query('SELECT 1')) },
      { name: 'kafka', check: cached(() => checkKafka(kafka), 5_000), servesHttp: false },
    ];
    if (consumers.length) {
      readiness.push({
        name: 'consumers',
        servesHttp: false,
        check: async () => {
          const waiting = consumers.filter((c) => !c.isReady());
          if (waiting.length)
            throw new Error(`not joined yet: ${waiting.map((c) => c.topics.join('+')).join(', ')}`);
        },
      });
    }
    const { app, apollo } = await definition.createApp(deps, readiness);
    const server: Server = await new Promise((resolve) => {
      const s = behindGateway(app, env.GATEWAY_SECRET).listen(env.PORT, env.HOST, () => resolve(s));
    });
    logger.info(
      { port: env.PORT, host: env.HOST, gatewayCredential: Boolean(env.GATEWAY_SECRET) },
      'listening',
    );

    const relay = definition.publishes
      ? createOutboxRelay({
          service: definition.name,
          databaseUrl: env.DATABASE_URL,
          kafka,
          logger,
        })
      : undefined;
    relay?.start();
    const metrics = createServiceMetrics({
      service: definition.name,
      dataSource,
      kafka,
      relay,
      consumers,
    });
    metrics.observe(server);
    app.get('/metrics', async (_req, res) => {
      const { contentType, body } = await metrics.render();
      res.type(contentType).send(body);
    });
    let stopping = false;
    for (const consumer of consumers) {
      void (async () => {
        while (!stopping) {
          try {
            await consumer.start();
            return;
          } catch (err) {
            logger.warn({ err: (err as Error).message }, 'consumer could not start; retrying');
            await consumer.stop();
            await new Promise((r) => setTimeout(r, 2_000));
          }
        }
      })();
    }
    const workers = definition.workers?.(deps) ?? [];
    for (const worker of workers) worker.start();

    steps.push(
      {
        name: 'http',
        close: async () => {
          stopping = true;
          await new Promise<void>((resolve) => server.close(() => resolve()));
          await apollo.stop();
        },
      },
      {
        name: 'workers',
        close: async () => void (await Promise.all(workers.map((w) => w.stop()))),
      },
      {
        name: 'consumers',
        close: async () => void (await Promise.all(consumers.map((c) => c.stop()))),
      },
      { name: 'outbox relay', close: async () => relay?.stop() },
      { name: 'metrics', close: () => metrics.stop() },
      { name: 'database', close: () => dataSource.destroy() },
    );
    server.on('connection', (socket) => {
      if (stopping) socket.destroy();
    });
    await definition.afterStart?.(deps);
  } catch (err) {
    logger.fatal({ err }, 'could not start');
    await shutdown();
    process.exit(1);
  }
}
