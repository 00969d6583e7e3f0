import { newId, type Tx } from '@crm/database';
import type { z } from 'zod';
import type { EventData, EventDefinition } from './define-event';
import { sourceOf } from './envelope';
import { describeIssues } from './schema-error';

export class EventSchemaError extends Error {
  constructor(
    readonly type: string,
    readonly issues: z.core.$ZodIssue[],
  ) {
    super(`event ${type} does not match its schema: ${describeIssues(issues)}`);
    this.name = 'EventSchemaError';
  }
}

export interface PublishMeta {
  actorId?: string | null;
}

/**
 * Writes the event to the outbox inside the caller's transaction: it reaches Kafka if and only
 * if the business change commits. The data is checked against the catalog schema first.
 */
export async function publishEvent<D extends EventDefinition>(
  tx: Tx,
  definition: D,
  data: EventData<D>,
  meta: PublishMeta = {},
): Promise<string> {
  const parsed = definition.schema.safeParse(data);
  if (!parsed.success) throw new EventSchemaError(definition.type, parsed.error.issues);
  const id = newId();
  await tx.query(
    `INSERT INTO outbox (id, topic, key, type, source, subject, time, actor_id, payload)
     VALUES ($1, $2, $3, $4, $5, $6, now(), $7, $8)`,
    [
      id,
      definition.topic,
      definition.key(parsed.data),
      definition.type,
      sourceOf(definition.producer),
      definition.subject(parsed.data),
      meta.actorId ?? null,
      JSON.stringify(parsed.data),
    ],
  );
  return id;
}
