import type { Ownership } from '@crm/auth';
import { rows, type Tx } from '@crm/database';
import {
  customerCreated,
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

/** Applies a customer snapshot unless the replica already holds a newer version (events may arrive twice or late). */
async function applySnapshot(event: ConsumedEvent<typeof customerCreated>, tx: Tx): Promise<void> {
  const c = event.data;
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

/** Handlers that keep `customer_replica` current; add them to the service's consumer. */
export const customerReplicaHandlers: EventHandler[] = [
  on(customerCreated, applySnapshot),
  on(customerUpdated, applySnapshot),
];

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

/** Customers whose normalized phone or email matches (for dedup against known customers). */
export async function findCustomersByContact(
  tx: Tx,
  keys: { phoneKey?: string | null; emailKey?: string | null },
): Promise<CustomerReplica[]> {
  if (!keys.phoneKey && !keys.emailKey) return [];
  const found = await rows<ReplicaRow>(
    tx,
    `SELECT ${COLUMNS} FROM customer_replica WHERE ($1::text IS NOT NULL AND phone_key = $1) OR ($2::text IS NOT NULL AND email_key = $2) ORDER BY id`,
    [keys.phoneKey ?? null, keys.emailKey ?? null],
  );
  return found.map(toReplica);
}
