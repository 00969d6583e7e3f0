import type { Logger } from '@crm/config';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';

export type { Kafka } from 'kafkajs';

// kafkajs 2.2.4 schedules a timer with a negative delay (tulios/kafkajs#1751); Node 24 warns on
// every connection while the behaviour (a 1 ms timer) is what kafkajs intended. Drop that warning.
const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const type =
    typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
  if (type === 'TimeoutNegativeWarning') return;
  emitWarning(warning, ...rest);
}) as typeof process.emitWarning;

export interface KafkaOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
}

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * Retriable broker answers that kafkajs logs as ERROR although they are part of every healthy
 * start (a new broker elects its group coordinator and loads its offsets, partitions get their
 * leaders) and kafkajs retries them by itself: debug, so a healthy start prints no ERROR.
 * What is left of them when retries run out still reaches the caller as a thrown error.
 */
const TRANSIENT_STARTUP = [
  /group coordinator is not available/i,
  /coordinator is loading/i,
  /is not the correct coordinator/i,
  /no leader for this topic-partition/i,
  /leadership election/i,
];

/** The level a kafkajs log line is written at. */
export function kafkaLogLevel(
  level: number,
  message: string,
  extra: Record<string, unknown>,
): 'error' | 'warn' | 'info' | 'debug' {
  const text = `${message} ${typeof extra.error === 'string' ? extra.error : ''}`;
  if (level <= logLevel.WARN && TRANSIENT_STARTUP.some((p) => p.test(text))) return 'debug';
  return levels[level] ?? 'info';
}

export function createKafka({ brokers, clientId, logger }: KafkaOptions): Kafka {
  const kafkaLogger = logger.child({ component: 'kafkajs' });
  return new Kafka({
    brokers,
    clientId,
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 200, maxRetryTime: 5_000, retries: 6 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        // the relay bounds the idempotent producer's retries on purpose: it backs off and
        // recreates the producer itself, keeping unsent rows in the outbox
        if (message.startsWith('Limiting retries for the idempotent producer')) return;
        kafkaLogger[kafkaLogLevel(level, message, extra)](extra, message);
      },
  });
}

/** Resolves when the cluster answers a metadata request. */
export async function checkKafka(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.describeCluster();
  } finally {
    await admin.disconnect();
  }
}
