import type { Kafka } from 'kafkajs';
import { TOPICS, type TopicSpec } from './catalog';

/** Creates the topics of the list that do not exist yet. Returns the names created. */
export async function ensureTopics(
  kafka: Kafka,
  topics: readonly TopicSpec[] = TOPICS,
): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.name));
    if (missing.length) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: 1,
        })),
      });
    }
    return missing.map((t) => t.name);
  } finally {
    await admin.disconnect();
  }
}
