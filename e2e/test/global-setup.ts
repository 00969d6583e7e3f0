import { SERVICES } from '@crm/config';
import { dropDatabase } from '@crm/database';
import {
  databaseUrl,
  ensureKcat,
  ensurePostgres,
  postgresServerUrl,
  startInfra,
  startProcesses,
  TEST,
} from '@crm/infra';
import { processes, specs } from './system';

/**
 * Starts the whole system for the end-to-end tests. Under `npm test` Kafka and PostgreSQL are
 * already up (CRM_TEST_INFRA=ready); run alone, this starts them and stops them afterwards.
 */
export default async function globalSetup(): Promise<void> {
  const say = (line: string) => process.stdout.write(`[e2e] ${line}\n`);
  ensureKcat(say);
  const server = await ensurePostgres(process.env.POSTGRES_URL ?? postgresServerUrl(), say);
  process.env.POSTGRES_URL = server.url;
  if (process.env.CRM_TEST_INFRA !== 'ready') {
    for (const s of SERVICES)
      await dropDatabase(databaseUrl(server.url, TEST.databaseName(s.name)));
  }
  const infra = await startInfra(TEST, server.url, { say });
  say('starting every service and the gateway');
  await startProcesses(processes(), specs());
  say('system ready');
  (globalThis as Record<string, unknown>).__e2eTeardown = async () => {
    if (infra.startedKafka) await infra.kafka.stop();
    await server.stop();
  };
}
