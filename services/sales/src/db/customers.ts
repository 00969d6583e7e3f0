import { rows, type Tx } from '@crm/database';
import type { customerKinds, customerTiers, lifecycleStages } from '@crm/events';

export type CustomerKind = (typeof customerKinds)[number];
export type CustomerTier = (typeof customerTiers)[number];
export type LifecycleStage = (typeof lifecycleStages)[number];

export interface Address {
  country?: string | null;
  province?: string | null;
  city?: string | null;
  district?: string | null;
  street?: string | null;
  postalCode?: string | null;
}

export interface Customer {
  id: string;
  kind: CustomerKind;
  name: string;
  industry: string | null;
  region: string | null;
  tier: CustomerTier | null;
  lifecycleStage: LifecycleStage;
  tags: string[];
  phone: string | null;
  phoneKey: string | null;
  email: string | null;
  emailKey: string | null;
  address: Address | null;
  ownerId: string | null;
  backupOwnerId: string | null;
  teamId: string | null;
  /** MERGED: a tombstone; lookups answer `mergedIntoId` instead. */
  status: CustomerStatus;
  mergedIntoId: string | null;
  /** companyNameKey(name): what near-identical company names share. */
  nameKey: string | null;
  /** When the current owner got the customer (the pool clock starts here without a follow-up). */
  ownerSince: Date | null;
  lastFollowUpAt: Date | null;
  version: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type CustomerStatus = 'ACTIVE' | 'MERGED';

export interface CustomerRow {
  id: string;
  kind: CustomerKind;
  name: string;
  industry: string | null;
  region: string | null;
  tier: CustomerTier | null;
  lifecycle_stage: LifecycleStage;
  tags: string[];
  phone: string | null;
  phone_key: string | null;
  email: string | null;
  email_key: string | null;
  address: Address | null;
  owner_id: string | null;
  backup_owner_id: string | null;
  team_id: string | null;
  status: CustomerStatus;
  merged_into_id: string | null;
  name_key: string | null;
  owner_since: Date | null;
  last_follow_up_at: Date | null;
  version: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export const COLUMNS = `c.id, c.kind, c.name, c.industry, c.region, c.tier, c.lifecycle_stage, c.tags, c.phone, c.phone_key,
  c.email, c.email_key, c.address, c.owner_id, c.backup_owner_id, c.team_id, c.status, c.merged_into_id, c.name_key,
  c.owner_since, c.last_follow_up_at, c.version, c.created_by, c.created_at, c.updated_at`;

export function toCustomer(r: CustomerRow): Customer {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    industry: r.industry,
    region: r.region,
    tier: r.tier,
    lifecycleStage: r.lifecycle_stage,
    tags: r.tags,
    phone: r.phone,
    phoneKey: r.phone_key,
    email: r.email,
    emailKey: r.email_key,
    address: r.address,
    ownerId: r.owner_id,
    backupOwnerId: r.backup_owner_id,
    teamId: r.team_id,
    status: r.status,
    mergedIntoId: r.merged_into_id,
    nameKey: r.name_key,
    ownerSince: r.owner_since,
    lastFollowUpAt: r.last_follow_up_at,
    version: r.version,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function findCustomersByIds(tx: Tx, ids: readonly string[]): Promise<Customer[]> {
  const found = await rows<CustomerRow>(
    tx,
    `SELECT ${COLUMNS} FROM customers c WHERE c.id = ANY($1::uuid[])`,
    [ids],
  );
  return found.map(toCustomer);
}

/**
 * Customers by id for lookups: a merged customer answers with the one it was merged into
 * (`requestedId` is the id asked for). One query for the whole batch.
 */
export async function findLiveCustomersByIds(
  tx: Tx,
  ids: readonly string[],
): Promise<(Customer & { requestedId: string })[]> {
  const found = await rows<CustomerRow & { requested_id: string }>(
    tx,
    `SELECT b.id AS requested_id, ${COLUMNS} FROM customers b JOIN customers c ON c.id = coalesce(b.merged_into_id, b.id)
     WHERE b.id = ANY($1::uuid[])`,
    [ids],
  );
  return found.map((r) => ({ ...toCustomer(r), requestedId: r.requested_id }));
}

export async function findCustomer(
  tx: Tx,
  id: string,
  forUpdate = false,
): Promise<Customer | null> {
  const found = await rows<CustomerRow>(
    tx,
    `SELECT ${COLUMNS} FROM customers c WHERE c.id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return found[0] ? toCustomer(found[0]) : null;
}

export type NewCustomer = Omit<
  Customer,
  'version' | 'createdAt' | 'updatedAt' | 'status' | 'mergedIntoId' | 'lastFollowUpAt'
>;

/** The record fields insert and update both write, in the order of their SQL ($2..$18). */
function recordValues(c: NewCustomer): unknown[] {
  return [
    c.kind,
    c.name,
    c.industry,
    c.region,
    c.tier,
    c.lifecycleStage,
    c.tags,
    c.phone,
    c.phoneKey,
    c.email,
    c.emailKey,
    c.address ? JSON.stringify(c.address) : null,
    c.ownerId,
    c.backupOwnerId,
    c.teamId,
    c.nameKey,
    c.ownerSince,
  ];
}

export async function insertCustomer(tx: Tx, c: NewCustomer): Promise<Customer> {
  const found = await rows<CustomerRow>(
    tx,
    `INSERT INTO customers AS c (id, kind, name, industry, region, tier, lifecycle_stage, tags, phone, phone_key, email, email_key,
       address, owner_id, backup_owner_id, team_id, name_key, owner_since, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING ${COLUMNS}`,
    [c.id, ...recordValues(c), c.createdBy],
  );
  return toCustomer(found[0]);
}

/** Writes every field of `c` and bumps the version. */
export async function saveCustomer(tx: Tx, c: Customer): Promise<Customer> {
  const found = await rows<CustomerRow>(
    tx,
    `UPDATE customers c SET kind = $2, name = $3, industry = $4, region = $5, tier = $6, lifecycle_stage = $7, tags = $8,
       phone = $9, phone_key = $10, email = $11, email_key = $12, address = $13, owner_id = $14, backup_owner_id = $15,
       team_id = $16, name_key = $17, owner_since = $18, status = $19, merged_into_id = $20,
       merged_at = CASE WHEN $19 = 'MERGED' THEN coalesce(merged_at, now()) END, version = version + 1, updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [c.id, ...recordValues(c), c.status, c.mergedIntoId],
  );
  return toCustomer(found[0]);
}

/** Bumps the version (a change to the customer's contacts) and returns the new state. */
export async function touchCustomer(tx: Tx, id: string): Promise<Customer> {
  const found = await rows<CustomerRow>(
    tx,
    `UPDATE customers c SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
    [id],
  );
  return toCustomer(found[0]);
}
