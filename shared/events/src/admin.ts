import { ConfigResourceTypes, type Kafka } from 'kafkajs';
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
          configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
    }
    // Topics created before their settings were declared get them now (idempotent).
    const configured = topics.filter((t) => existing.has(t.name) && t.config);
    if (configured.length) {
      await admin.alterConfigs({
        validateOnly: false,
        resources: configured.map((t) => ({
          type: ConfigResourceTypes.TOPIC,
          name: t.name,
          configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
    }
    return missing.map((t) => t.name);
  } finally {
    await admin.disconnect();
  }
}

/** The current value of the given settings of a topic (for checks and tests). */
export async function describeTopicConfig(
  kafka: Kafka,
  topic: string,
  names: string[],
): Promise<Record<string, string>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: names }],
    });
    return Object.fromEntries(resources[0].configEntries.map((e) => [e.configName, e.configValue]));
  } finally {
    await admin.disconnect();
  }
}
