import { SERVICE_NAMES, type ServiceName } from '@crm/config';
import type { EventDefinition } from '../define-event';
import { analyticsEvents } from './analytics';
import { customerServiceEvents } from './customer-service';
import { identityEvents } from './identity';
import { marketingEvents } from './marketing';
import { productFeedbackEvents } from './product-feedback';
import { salesEvents } from './sales';
import { salesPipelineEvents } from './sales-pipeline';

export * from './analytics';
export * from './common';
export * from './customer-service';
export * from './identity';
export * from './marketing';
export * from './product-feedback';
export * from './sales';
export * from './sales-pipeline';

/** Every event type the platform publishes. */
export const CATALOG: readonly EventDefinition[] = [
  ...identityEvents,
  ...salesEvents,
  ...salesPipelineEvents,
  ...marketingEvents,
  ...customerServiceEvents,
  ...productFeedbackEvents,
  ...analyticsEvents,
];

const byType = new Map(CATALOG.map((d) => [d.type, d]));
if (byType.size !== CATALOG.length) throw new Error('duplicate event type in the catalog');

export function findEventDefinition(type: string): EventDefinition | undefined {
  return byType.get(type);
}

export interface TopicSpec {
  name: string;
  partitions: number;
  description: string;
  /** Topic-level settings applied at creation and kept in line afterwards. */
  config?: Record<string, string>;
}

/** Dead letters stay until someone replays them (`npm run dlq -- replay <service>`). */
export const DEAD_LETTER_TOPIC_CONFIG = { 'retention.ms': '-1', 'retention.bytes': '-1' };

/** `name partitions [key=value,...]`: one line of topics.txt, read by docker-compose. */
export function topicLine(topic: TopicSpec): string {
  const config = Object.entries(topic.config ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return [topic.name, topic.partitions, config].filter(Boolean).join(' ');
}

export function deadLetterTopic(service: ServiceName): string {
  return `crm.${service}.dead-letter.v1`;
}

/**
 * Event topics keep their events for good: analytics rebuilds its read models by replaying them
 * from the beginning (README "Rebuilding" of analytics), which a time or size limit would cut short.
 */
export const EVENT_TOPIC_CONFIG = { 'retention.ms': '-1', 'retention.bytes': '-1' };

/** The project's topic list: provisioned at start (broker auto-create is off). */
export const TOPICS: readonly TopicSpec[] = [
  ...[...new Set(CATALOG.map((d) => d.topic))].map((name) => ({
    name,
    partitions: 3,
    description: `Events: ${CATALOG.filter((d) => d.topic === name)
      .map((d) => d.type)
      .join(', ')}`,
    config: EVENT_TOPIC_CONFIG,
  })),
  ...SERVICE_NAMES.map((service) => ({
    name: deadLetterTopic(service),
    partitions: 1,
    description: `Events the ${service} service could not process, with error headers; kept until replayed.`,
    config: DEAD_LETTER_TOPIC_CONFIG,
  })),
];
