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
  /**
   * The event id (ce_id) when the producer derives it (so that doing the same work again gives
   * the same id); a new UUIDv7 otherwise.
   */
  id?: string;
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
  const id = meta.id ?? newId();
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

/**
 * Writes many events of one type to the outbox in one statement (bulk imports), with the same
 * guarantees as publishEvent: each is checked against the schema, all commit with the caller's
 * transaction, and the relay publishes them in the order given.
 */
export async function publishEvents<D extends EventDefinition>(
  tx: Tx,
  definition: D,
  items: EventData<D>[],
  meta: PublishMeta = {},
): Promise<string[]> {
  if (!items.length) return [];
  const ids: string[] = [];
  const keys: string[] = [];
  const subjects: string[] = [];
  const payloads: string[] = [];
  for (const data of items) {
    const parsed = definition.schema.safeParse(data);
    if (!parsed.success) throw new EventSchemaError(definition.type, parsed.error.issues);
    ids.push(newId());
    keys.push(definition.key(parsed.data));
    subjects.push(definition.subject(parsed.data));
    payloads.push(JSON.stringify(parsed.data));
  }
  await tx.query(
    `INSERT INTO outbox (id, topic, key, type, source, subject, time, actor_id, payload)
     SELECT e.id, $1, e.key, $2, $3, e.subject, now(), $4, e.payload::jsonb
     FROM unnest($5::uuid[], $6::text[], $7::text[], $8::text[]) WITH ORDINALITY AS e(id, key, subject, payload, n)
     ORDER BY e.n`,
    [
      definition.topic,
      definition.type,
      sourceOf(definition.producer),
      meta.actorId ?? null,
      ids,
      keys,
      subjects,
      payloads,
    ],
  );
  return ids;
}
