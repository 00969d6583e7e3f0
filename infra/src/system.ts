import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICES, subgraphUrlVariable } from '@crm/config';
import { ensureDatabase } from '@crm/database';
import type { RuntimeEnvironment } from './environments';
import { KafkaRuntime } from './kafka-runtime';
import { databaseUrl, ensurePostgres, type PostgresServer } from './postgres-runtime';
import { ProcessGroup, type ProcessSpec } from './process-group';

export const GATEWAY = 'gateway';

/**
 * The broker of an environment. A test broker ends with the process that started it (a run
 * that is interrupted must not leave it holding its ports), unless `outlive` (the `kafka start`
 * command); the development one outlives `npm start` for a warm start next time.
 */
export function kafkaOf(
  env: RuntimeEnvironment,
  say?: (line: string) => void,
  { outlive = env.name !== 'test' }: { outlive?: boolean } = {},
): KafkaRuntime {
  return new KafkaRuntime({
    dir: env.kafkaDir,
    port: env.kafkaPort,
    controllerPort: env.kafkaControllerPort,
    say,
    ownerPid: outlive ? undefined : process.pid,
  });
}

export function processesOf(env: RuntimeEnvironment, output: 'console' | 'files'): ProcessGroup {
  return new ProcessGroup(path.join(env.stateDir, 'processes'), output);
}

/**
 * The secret the gateway signs its credential for the subgraphs with: made once per environment
 * and kept in its state folder (readable by this user only), so a restarted process and the
 * tests that call a subgraph as the gateway would agree on it.
 */
export function gatewaySecretOf(env: RuntimeEnvironment): string {
  const file = path.join(env.stateDir, 'gateway-secret');
  mkdirSync(env.stateDir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return readFileSync(file, 'utf8').trim();
}

/** How each process of the system is started: the same variables docker-compose sets. */
export function systemSpecs(
  env: RuntimeEnvironment,
  postgresUrl: string,
  overrides: Record<string, Record<string, string>> = {},
): ProcessSpec[] {
  const identityPort = env.servicePort('identity');
  const common = {
    // the end-to-end system runs as npm start runs it: libraries behave differently under
    // NODE_ENV=test (Apollo, for one, leaves termination signals alone)
    NODE_ENV: 'development',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    KAFKA_BROKERS: `127.0.0.1:${env.kafkaPort}`,
    JWT_ISSUER: `http://127.0.0.1:${identityPort}`,
    JWT_AUDIENCE: 'crm',
    JWKS_URL: `http://127.0.0.1:${identityPort}/.well-known/jwks.json`,
    GATEWAY_SECRET: gatewaySecretOf(env),
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
