import path from 'node:path';
import { SERVICES, subgraphUrlVariable } from '@crm/config';
import { ensureDatabase } from '@crm/database';
import type { RuntimeEnvironment } from './environments';
import { KafkaRuntime } from './kafka-runtime';
import { databaseUrl, ensurePostgres, type PostgresServer } from './postgres-runtime';
import { ProcessGroup, type ProcessSpec } from './process-group';

export const GATEWAY = 'gateway';

export function kafkaOf(env: RuntimeEnvironment, say?: (line: string) => void): KafkaRuntime {
  return new KafkaRuntime({
    dir: env.kafkaDir,
    port: env.kafkaPort,
    controllerPort: env.kafkaControllerPort,
    say,
  });
}

export function processesOf(env: RuntimeEnvironment, output: 'console' | 'files'): ProcessGroup {
  return new ProcessGroup(path.join(env.stateDir, 'processes'), output);
}

/** How each process of the system is started: the same variables docker-compose sets. */
export function systemSpecs(
  env: RuntimeEnvironment,
  postgresUrl: string,
  overrides: Record<string, Record<string, string>> = {},
): ProcessSpec[] {
  const identityPort = env.servicePort('identity');
  const common = {
    NODE_ENV: env.name === 'test' ? 'test' : 'development',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    KAFKA_BROKERS: `127.0.0.1:${env.kafkaPort}`,
    JWT_ISSUER: `http://localhost:${identityPort}`,
    JWT_AUDIENCE: 'crm',
    JWKS_URL: `http://127.0.0.1:${identityPort}/.well-known/jwks.json`,
  };
  const services: ProcessSpec[] = SERVICES.map((s) => ({
    name: s.name,
    script: `${s.dir}/dist/index.js`,
    port: env.servicePort(s.name),
    env: {
      ...common,
      PORT: String(env.servicePort(s.name)),
      DATABASE_URL: databaseUrl(postgresUrl, env.databaseName(s.name)),
      ...(overrides[s.name] ?? {}),
    },
  }));
  const gateway: ProcessSpec = {
    name: GATEWAY,
    script: 'gateway/dist/index.js',
    port: env.gatewayPort,
    env: {
      ...common,
      PORT: String(env.gatewayPort),
      ...Object.fromEntries(
        SERVICES.map((s) => [
          subgraphUrlVariable(s.name),
          `http://127.0.0.1:${env.servicePort(s.name)}/graphql`,
        ]),
      ),
      ...(overrides[GATEWAY] ?? {}),
    },
  };
  return [...services, gateway];
}

export interface InfraHandle {
  postgres: PostgresServer;
  kafka: KafkaRuntime;
  startedKafka: boolean;
}

/** PostgreSQL (with one database per service) and Kafka (with the project's topics). */
export async function startInfra(
  env: RuntimeEnvironment,
  serverUrl: string,
  options: { freshKafka?: boolean; say?: (line: string) => void } = {},
): Promise<InfraHandle> {
  const say = options.say ?? (() => undefined);
  const postgres = await ensurePostgres(serverUrl, say);
  for (const s of SERVICES) {
    if (await ensureDatabase(databaseUrl(postgres.url, env.databaseName(s.name)))) {
      say(`created database ${env.databaseName(s.name)}`);
    }
  }
  const kafka = kafkaOf(env, say);
  let startedKafka: boolean;
  try {
    startedKafka = await kafka.start({ fresh: options.freshKafka });
    const created = await kafka.ensureTopics();
    if (created.length) say(`created ${created.length} topics`);
  } catch (err) {
    await postgres.stop();
    throw err;
  }
  return { postgres, kafka, startedKafka };
}

/** Starts every service, then the gateway (which needs the subgraphs to answer). */
export async function startProcesses(group: ProcessGroup, specs: ProcessSpec[]): Promise<void> {
  const services = specs.filter((s) => s.name !== GATEWAY);
  await Promise.all(services.map((spec, i) => group.start(spec, i)));
  const gateway = specs.find((s) => s.name === GATEWAY);
  if (gateway) await group.start(gateway, services.length);
}
