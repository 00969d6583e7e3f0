// The local runtime's command line: `up` (npm start), `test` (npm test), `kafka ...`, `dlq ...`,
// `topics`.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createLogger, SERVICES, type ServiceName } from '@crm/config';
import { dropDatabase, ensureDatabase } from '@crm/database';
import {
  createKafka,
  deadLetterTopic,
  listDeadLetters,
  replayDeadLetters,
  TOPICS,
} from '@crm/events';
import { loadDemoCompany, seedDemoCustomers, seedDemoLeadRules } from './demo';
import {
  DEV,
  packageTestDatabaseName,
  PLATFORM_TEST_DATABASE,
  slotDatabase,
  postgresServerUrl,
  TEST,
  type RuntimeEnvironment,
} from './environments';
import { ensureKcat } from './kcat';
import { databaseUrl, ensurePostgres } from './postgres-runtime';
import { repoRoot } from './paths';
import { GATEWAY, kafkaOf, processesOf, startInfra, startProcesses, systemSpecs } from './system';

const say = (line: string) => process.stdout.write(`\x1b[36m[crm]\x1b[0m ${line}\n`);
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function up(): Promise<void> {
  const started = Date.now();
  const infra = await startInfra(DEV, postgresServerUrl(), { say });
  const group = processesOf(DEV, 'console');
  const specs = systemSpecs(DEV, infra.postgres.url, { identity: { DEMO_SEED: 'true' } });
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      say('stopping the gateway and services');
      await group.stop(GATEWAY);
      await group.stopAll(SERVICES.map((s) => s.name));
      if (infra.startedKafka) {
        say('stopping Kafka');
        await infra.kafka.stop();
      } else {
        say('Kafka was already running before npm start; leaving it running');
      }
      await infra.postgres.stop().catch(() => undefined);
      say('stopped');
      process.exit(0);
    })();
    return stopping;
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  try {
    await startProcesses(group, specs);
    const gatewayUrl = `http://localhost:${DEV.gatewayPort}/graphql`;
    await seedDemoCustomers(gatewayUrl, say);
    await seedDemoLeadRules(gatewayUrl, say);
    const demo = loadDemoCompany();
    say(`the system is up in ${seconds(started)}`);
    say(`web console: http://localhost:${DEV.gatewayPort}/ (sign in with a demo login below)`);
    say(`GraphQL gateway: ${gatewayUrl}`);
    say(
      `Kafka: 127.0.0.1:${DEV.kafkaPort}   PostgreSQL: ${new URL(infra.postgres.url).host}${infra.postgres.embedded ? ' (embedded)' : ''}`,
    );
    say(`demo logins (${demo.company}), password "${demo.password}":`);
    for (const e of demo.employees)
      say(`  ${e.email.padEnd(28)} ${e.roles.join(', ')}${e.team ? ` (${e.team})` : ''}`);
    say('Ctrl-C stops everything');
  } catch (err) {
    say(`start failed: ${(err as Error).message}`);
    await stop();
  }
}

/** Runs a step without blocking this process, so it keeps reaping the broker it started. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<boolean> {
  say(`$ ${command} ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: 'inherit' });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
}

async function test(extra: string[]): Promise<void> {
  const started = Date.now();
  ensureKcat(say);
  const server = await ensurePostgres(postgresServerUrl(), say);
  for (const s of SERVICES) {
    await dropDatabase(databaseUrl(server.url, TEST.databaseName(s.name)));
    await dropDatabase(databaseUrl(server.url, packageTestDatabaseName(s.name)));
    await ensureDatabase(databaseUrl(server.url, packageTestDatabaseName(s.name)));
  }
  await dropDatabase(databaseUrl(server.url, slotDatabase(PLATFORM_TEST_DATABASE)));
  await ensureDatabase(databaseUrl(server.url, slotDatabase(PLATFORM_TEST_DATABASE)));
  const infra = await startInfra(TEST, server.url, { freshKafka: true, say });
  const env = { ...process.env, CRM_TEST_INFRA: 'ready', POSTGRES_URL: server.url };
  const steps: [string, string[]][] = [
    ['pnpm', ['exec', 'eslint', '.', '--max-warnings=0']],
    ['pnpm', ['exec', 'turbo', 'run', 'typecheck', '--output-logs=errors-only']],
    ['pnpm', ['exec', 'turbo', 'run', 'test', '--filter=!@crm/e2e', '--concurrency=2', ...extra]],
    ['pnpm', ['--filter', '@crm/e2e', 'test']],
  ];
  let ok = true;
  try {
    for (const [command, args] of steps) {
      if (!(await run(command, args, env))) {
        ok = false;
        break;
      }
    }
  } finally {
    await processesOf(TEST, 'files').stopAll([GATEWAY, ...SERVICES.map((s) => s.name)]);
    await infra.kafka.stop();
    await infra.postgres.stop();
  }
  say(`${ok ? 'all tests passed' : 'tests FAILED'} in ${seconds(started)}`);
  process.exit(ok ? 0 : 1);
}

function envOf(args: string[]): RuntimeEnvironment {
  return args.includes('--test') ? TEST : DEV;
}

async function kafka(action: string | undefined, args: string[]): Promise<void> {
  const runtime = kafkaOf(envOf(args), say, { outlive: true });
  switch (action) {
    case 'start':
      await runtime.start();
      say(`created topics: ${(await runtime.ensureTopics()).join(', ') || 'none missing'}`);
      say(`Kafka ready at ${runtime.brokers.join(',')}`);
      break;
    case 'stop':
      await runtime.stop();
      say('Kafka stopped');
      break;
    case 'status':
      say(
        (await runtime.isRunning())
          ? `running (pid ${runtime.pid()}) at ${runtime.brokers.join(',')}`
          : 'not running',
      );
      break;
    default:
      say('usage: kafka start|stop|status [--test]');
      process.exitCode = 2;
  }
}

/** `reset`: the development system's data, topics and databases together, from scratch. */
async function reset(): Promise<void> {
  const runtime = kafkaOf(DEV, say, { outlive: true });
  if (await runtime.isRunning()) {
    say('the development system is running: stop npm start first');
    process.exitCode = 1;
    return;
  }
  rmSync(DEV.kafkaDir, { recursive: true, force: true });
  say(`removed the development broker's data (${DEV.kafkaDir})`);
  const server = await ensurePostgres(postgresServerUrl(), say);
  try {
    for (const s of SERVICES) {
      await dropDatabase(databaseUrl(server.url, DEV.databaseName(s.name)));
      say(`dropped database ${DEV.databaseName(s.name)}`);
    }
  } finally {
    await server.stop();
  }
  say('next npm start begins with empty topics and databases and seeds the demo again');
}

/** `dlq list|replay <service> [--test]`: the dead letters of a service, and their replay. */
async function dlq(action: string | undefined, args: string[]): Promise<void> {
  const service = args.find((a) => !a.startsWith('--'));
  const known = SERVICES.map((s) => s.name as string);
  if (!['list', 'replay'].includes(action ?? '') || !service || !known.includes(service)) {
    say(`usage: npm run dlq -- list|replay <${known.join('|')}> [--test]`);
    process.exitCode = 2;
    return;
  }
  const env = envOf(args);
  const client = createKafka({
    brokers: [`127.0.0.1:${env.kafkaPort}`],
    clientId: 'crm-dlq',
    logger: createLogger('dlq', 'silent'),
  });
  const name = service as ServiceName;
  if (action === 'list') {
    const letters = await listDeadLetters(client, name);
    for (const l of letters)
      process.stdout.write(
        `${l.offset}\t${l.failedAt ?? ''}\t${l.type ?? '?'}\t${l.eventId ?? '?'}\tkey=${l.key ?? ''}\t` +
          `from ${l.original ? `${l.original.topic}/${l.original.partition}@${l.original.offset}` : '?'}\t` +
          `${l.reason ?? ''}: ${l.error ?? ''}\n`,
      );
    say(`${letters.length} dead letter(s) on ${deadLetterTopic(name)}`);
    return;
  }
  const { replayed, kept } = await replayDeadLetters(client, name);
  say(`replayed ${replayed.length} dead letter(s) of ${service} to their original topics`);
  if (kept.length) {
    say(`kept ${kept.length} without an original topic; the topic was not cut`);
    process.exitCode = 1;
  }
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  switch (command) {
    case 'up':
      return up();
    case 'test':
      return test(rest);
    case 'kafka':
      return kafka(rest[0], rest.slice(1));
    case 'reset':
      return reset();
    case 'dlq':
      return dlq(rest[0], rest.slice(1));
    case 'topics':
      for (const t of TOPICS)
        process.stdout.write(`${t.name}\t${t.partitions}\t${t.description}\n`);
      return;
    default:
      say(
        'usage: cli.js up | test | kafka start|stop|status [--test] | dlq list|replay <service> [--test] | topics',
      );
      process.exitCode = 2;
  }
}

main().catch((err: Error) => {
  say(err.stack ?? err.message);
  process.exit(1);
});
