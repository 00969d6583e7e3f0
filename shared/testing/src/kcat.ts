import { spawnSync } from 'node:child_process';
import { testKafkaBrokers } from './test-infra';

/** A record as kcat (librdkafka, an independent Kafka client) sees it. */
export interface KcatRecord {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  payload: string | null;
  headers: Record<string, string>;
}

/** Reads a whole topic from the beginning with kcat. */
export function kcatRead(topic: string, brokers: string[] = testKafkaBrokers()): KcatRecord[] {
  const result = spawnSync(
    'kcat',
    ['-b', brokers.join(','), '-C', '-t', topic, '-o', 'beginning', '-e', '-J', '-q'],
    {
      encoding: 'utf8',
      timeout: 30_000,
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  if (result.status !== 0) throw new Error(`kcat could not read ${topic}: ${result.stderr}`);
  return result.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const raw = JSON.parse(line) as {
        topic: string;
        partition: number;
        offset: number;
        key: string | null;
        payload: string | null;
        headers?: string[];
      };
      const headers: Record<string, string> = {};
      for (let i = 0; i + 1 < (raw.headers?.length ?? 0); i += 2)
        headers[raw.headers![i]] = raw.headers![i + 1];
      return {
        topic: raw.topic,
        partition: raw.partition,
        offset: raw.offset,
        key: raw.key,
        payload: raw.payload,
        headers,
      };
    });
}

/** Produces one record with kcat (for poison events a service would never publish). */
export function kcatProduce(
  topic: string,
  record: { key: string; value: string; headers: Record<string, string> },
  brokers: string[] = testKafkaBrokers(),
): void {
  const args = ['-b', brokers.join(','), '-P', '-t', topic, '-k', record.key];
  for (const [name, value] of Object.entries(record.headers)) args.push('-H', `${name}=${value}`);
  const result = spawnSync('kcat', args, {
    input: record.value,
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.status !== 0) throw new Error(`kcat could not produce to ${topic}: ${result.stderr}`);
}
