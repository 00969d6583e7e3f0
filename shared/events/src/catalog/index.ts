import { SERVICE_NAMES, type ServiceName } from '@crm/config';
import type { EventDefinition } from '../define-event';
import { customerServiceEvents } from './customer-service';
import { identityEvents } from './identity';
import { marketingEvents } from './marketing';
import { productFeedbackEvents } from './product-feedback';
import { salesEvents } from './sales';
import { salesPipelineEvents } from './sales-pipeline';

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
}

export function deadLetterTopic(service: ServiceName): string {
  return `crm.${service}.dead-letter.v1`;
}

/** The project's topic list: provisioned at start (broker auto-create is off). */
export const TOPICS: readonly TopicSpec[] = [
  ...[...new Set(CATALOG.map((d) => d.topic))].map((name) => ({
    name,
    partitions: 3,
    description: `Events: ${CATALOG.filter((d) => d.topic === name)
      .map((d) => d.type)
      .join(', ')}`,
  })),
  ...SERVICE_NAMES.map((service) => ({
    name: deadLetterTopic(service),
    partitions: 1,
    description: `Events the ${service} service could not process, with error headers.`,
  })),
];
