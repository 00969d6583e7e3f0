import type { z } from 'zod';

/**
 * One event type of the catalog: its CloudEvents type, the topic it travels on, the JSON Schema
 * of its data (written with zod, exported as JSON Schema for integrators) and its partition key.
 */
export interface EventDefinition<S extends z.ZodType = z.ZodType> {
  /** CloudEvents `type`, e.g. `crm.sales.customer.created.v1`. */
  type: string;
  /** `crm.<service>.<aggregate>.v1` */
  topic: string;
  /** The producing service (CloudEvents `source` is `/crm/<service>`). */
  producer: string;
  description: string;
  schema: S;
  /** Partition key: the customer id where the aggregate belongs to a customer. */
  key: (data: z.infer<S>) => string;
  /** CloudEvents `subject`: the aggregate id. */
  subject: (data: z.infer<S>) => string;
}

export type EventData<D> = D extends EventDefinition<infer S> ? z.infer<S> : never;

export function defineEvent<S extends z.ZodType>(
  definition: EventDefinition<S>,
): EventDefinition<S> {
  const expectedPrefix = `crm.${definition.producer}.`;
  if (!definition.type.startsWith(expectedPrefix) || !definition.topic.startsWith(expectedPrefix)) {
    throw new Error(`event ${definition.type} must live under ${expectedPrefix}`);
  }
  if (!/\.v\d+$/.test(definition.type) || !/\.v\d+$/.test(definition.topic)) {
    throw new Error(`event ${definition.type} and topic ${definition.topic} must end in a version`);
  }
  return definition;
}
