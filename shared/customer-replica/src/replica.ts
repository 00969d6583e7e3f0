import type { Ownership } from '@crm/auth';
import { rows, type Tx } from '@crm/database';
import {
  customerCreated,
  customerMerged,
  customerRepublished,
  customerUpdated,
  on,
  type ConsumedEvent,
  type EventHandler,
} from '@crm/events';

export interface CustomerReplica extends Ownership {
  id: string;
  kind: string;
  name: string;
  tier: string | null;
  lifecycleStage: string;
  phoneKey: string | null;
  emailKey: string | null;
  tags: string[];
  version: number;
}

interface ReplicaRow {
  id: string;
  kind: string;
  name: string;
  tier: string | null;
  lifecycle_stage: string;
  owner_id: string | null;
  backup_owner_id: string | null;
  team_id: string | null;
  phone_key: string | null;
  email_key: string | null;
  tags: string[];
  version: number;
}

const COLUMNS =
  'id, kind, name, tier, lifecycle_stage, owner_id, backup_owner_id, team_id, phone_key, email_key, tags, version';

const toReplica = (r: ReplicaRow): CustomerReplica => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  tier: r.tier,
  lifecycleStage: r.lifecycle_stage,
  ownerId: r.owner_id,
  backupOwnerId: r.backup_owner_id,
  teamId: r.team_id,
  phoneKey: r.phone_key,
  emailKey: r.email_key,
  tags: r.tags,
  version: r.version,
});

type CustomerSnapshot = ConsumedEvent<typeof customerCreated>['data'];

/** Applies a customer snapshot unless the replica already holds a newer version (events may arrive twice or late). */
async function applySnapshot(c: CustomerSnapshot, tx: Tx): Promise<void> {
  await tx.query(
    `INSERT INTO customer_replica (id, kind, name, tier, lifecycle_stage, owner_id, backup_owner_id, team_id, phone_key, email_key, tags, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (id) DO UPDATE SET kind = $2, name = $3, tier = $4, lifecycle_stage = $5, owner_id = $6, backup_owner_id = $7,
       team_id = $8, phone_key = $9, email_key = $10, tags = $11, version = $12, updated_at = now()
     WHERE customer_replica.version < $12`,
    [
      c.customerId,
      c.kind,
      c.name,
      c.tier,
      c.lifecycleStage,
      c.ownerId,
      c.backupOwnerId,
      c.teamId,
      c.phoneKey,
      c.emailKey,
      c.tags,
      c.version,
    ],
  );
}

/**
 * A merge: the surviving customer's snapshot is applied and the source is recorded as merged
 * into it (it arrives on the target's key, so possibly before the source's own events).
 */
async function applyMerge(event: ConsumedEvent<typeof customerMerged>, tx: Tx): Promise<void> {
  const { sourceId, targetId, target, mergedAt } = event.data;
  await applySnapshot(target, tx);
  await recordMerge(tx, sourceId, targetId, mergedAt);
}

async function recordMerge(tx: Tx, sourceId: string, targetId: string, mergedAt: string) {
  await tx.query(
    `INSERT INTO customer_replica_merges (source_id, target_id, merged_at) VALUES ($1, $2, $3)
     ON CONFLICT (source_id) DO NOTHING`,
    [sourceId, targetId, mergedAt],
  );
}

/** A backfilled customer: its snapshot, and the merge when it was merged away. */
async function applyRepublished(event: ConsumedEvent<typeof customerRepublished>, tx: Tx) {
  const { mergedInto, ...snapshot } = event.data;
  await applySnapshot(snapshot, tx);
  if (mergedInto) await recordMerge(tx, snapshot.customerId, mergedInto, snapshot.occurredAt);
}

/**
 * Handlers that keep `customer_replica` current, merges included; add them to the service's
 * consumer (its own handlers of the same types run after them).
 */
export const customerReplicaHandlers: EventHandler[] = [
  on(customerCreated, (event, tx) => applySnapshot(event.data, tx)),
  on(customerUpdated, (event, tx) => applySnapshot(event.data, tx)),
  on(customerMerged, applyMerge),
  on(customerRepublished, applyRepublished),
];

/** The customer a merged-away customer now lives on, following chains of merges (null: not merged). */
export async function mergedInto(tx: Tx, customerId: string): Promise<string | null> {
  const [found] = await rows<{ target_id: string }>(
    tx,
    `WITH RECURSIVE chain(id, depth) AS (
       SELECT target_id, 1 FROM customer_replica_merges WHERE source_id = $1
       UNION ALL
       SELECT m.target_id, c.depth + 1 FROM customer_replica_merges m JOIN chain c ON m.source_id = c.id
       WHERE c.depth < 20
     )
     SELECT id AS target_id FROM chain ORDER BY depth DESC LIMIT 1`,
    [customerId],
  );
  return found?.target_id ?? null;
}

export async function findCustomerReplicas(
  tx: Tx,
  ids: readonly string[],
): Promise<CustomerReplica[]> {
  const found = await rows<ReplicaRow>(
    tx,
    `SELECT ${COLUMNS} FROM customer_replica WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return found.map(toReplica);
}

/** Live customers whose normalized phone or email matches (for dedup against known customers). */
export async function findCustomersByContact(
  tx: Tx,
  keys: { phoneKey?: string | null; emailKey?: string | null },
): Promise<CustomerReplica[]> {
  if (!keys.phoneKey && !keys.emailKey) return [];
  const found = await rows<ReplicaRow>(
    tx,
    `SELECT ${COLUMNS} FROM customer_replica
     WHERE (($1::text IS NOT NULL AND phone_key = $1) OR ($2::text IS NOT NULL AND email_key = $2))
       AND NOT EXISTS (SELECT 1 FROM customer_replica_merges m WHERE m.source_id = customer_replica.id)
     ORDER BY id`,
    [keys.phoneKey ?? null, keys.emailKey ?? null],
  );
  return found.map(toReplica);
}
