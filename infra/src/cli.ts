// The local runtime's command line: `up` (npm start), `test` (npm test), `kafka ...`, `topics`.
import { spawn } from 'node:child_process';
import { SERVICES } from '@crm/config';
import { dropDatabase, ensureDatabase } from '@crm/database';
import { TOPICS } from '@crm/events';
import { loadDemoCompany, seedDemoCustomers } from './demo';
import {
  DEV,
  packageTestDatabaseName,
  PLATFORM_TEST_DATABASE,
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
    const demo = loadDemoCompany();
    say(`the system is up in ${seconds(started)}`);
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
  await dropDatabase(databaseUrl(server.url, PLATFORM_TEST_DATABASE));
  await ensureDatabase(databaseUrl(server.url, PLATFORM_TEST_DATABASE));
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
  const runtime = kafkaOf(envOf(args), say);
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

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  switch (command) {
    case 'up':
      return up();
    case 'test':
      return test(rest);
    case 'kafka':
      return kafka(rest[0], rest.slice(1));
    case 'topics':
      for (const t of TOPICS)
        process.stdout.write(`${t.name}\t${t.partitions}\t${t.description}\n`);
      return;
    default:
      say('usage: cli.js up | test | kafka start|stop|status [--test] | topics');
      process.exitCode = 2;
  }
}

main().catch((err: Error) => {
  say(err.stack ?? err.message);
  process.exit(1);
});
