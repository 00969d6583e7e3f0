import { rows, Where, type Tx } from '@crm/database';
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
  version: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface CustomerRow {
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
  version: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `c.id, c.kind, c.name, c.industry, c.region, c.tier, c.lifecycle_stage, c.tags, c.phone, c.phone_key,
  c.email, c.email_key, c.address, c.owner_id, c.backup_owner_id, c.team_id, c.version, c.created_by, c.created_at, c.updated_at`;

function toCustomer(r: CustomerRow): Customer {
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

export type NewCustomer = Omit<Customer, 'version' | 'createdAt' | 'updatedAt'>;

export async function insertCustomer(tx: Tx, c: NewCustomer): Promise<Customer> {
  const found = await rows<CustomerRow>(
    tx,
    `INSERT INTO customers AS c (id, kind, name, industry, region, tier, lifecycle_stage, tags, phone, phone_key, email, email_key,
       address, owner_id, backup_owner_id, team_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING ${COLUMNS}`,
    [
      c.id,
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
      c.createdBy,
    ],
  );
  return toCustomer(found[0]);
}

/** Writes every field of `c` and bumps the version. */
export async function saveCustomer(tx: Tx, c: Customer): Promise<Customer> {
  const found = await rows<CustomerRow>(
    tx,
    `UPDATE customers c SET kind = $2, name = $3, industry = $4, region = $5, tier = $6, lifecycle_stage = $7, tags = $8,
       phone = $9, phone_key = $10, email = $11, email_key = $12, address = $13, owner_id = $14, backup_owner_id = $15,
       team_id = $16, version = version + 1, updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [
      c.id,
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
    ],
  );
  return toCustomer(found[0]);
}

export interface CustomerFilter {
  search?: string | null;
  ownerIds?: string[] | null;
  tiers?: CustomerTier[] | null;
  lifecycleStages?: LifecycleStage[] | null;
  tags?: string[] | null;
  region?: string | null;
  industry?: string | null;
  /** Only customers without an owner (the public pool). */
  unowned?: boolean | null;
}

export type CustomerSortField = 'CREATED_AT' | 'UPDATED_AT' | 'NAME';

const SORT_COLUMNS: Record<CustomerSortField, { column: string; cast: string }> = {
  CREATED_AT: { column: 'c.created_at', cast: 'timestamptz' },
  UPDATED_AT: { column: 'c.updated_at', cast: 'timestamptz' },
  NAME: { column: 'c.name', cast: 'text' },
};

export function filterCustomers(where: Where, filter: CustomerFilter): void {
  if (filter.search) where.add("c.name ILIKE '%' || ? || '%'", filter.search.trim());
  if (filter.ownerIds?.length) where.add('c.owner_id = ANY(?::uuid[])', filter.ownerIds);
  if (filter.tiers?.length) where.add('c.tier = ANY(?::text[])', filter.tiers);
  if (filter.lifecycleStages?.length)
    where.add('c.lifecycle_stage = ANY(?::text[])', filter.lifecycleStages);
  if (filter.tags?.length) where.add('c.tags @> ?::text[]', filter.tags);
  if (filter.region) where.add('c.region = ?', filter.region);
  if (filter.industry) where.add('c.industry = ?', filter.industry);
  if (filter.unowned) where.add('c.owner_id IS NULL');
}

export interface CustomerPage {
  rows: Customer[];
  total: number;
}

/** Keyset pagination on (sort field, id); `where` already holds the scope and the filter. */
export async function listCustomers(
  tx: Tx,
  where: Where,
  sort: { field: CustomerSortField; direction: 'ASC' | 'DESC' },
  page: { limit: number; after: [unknown, string] | null },
): Promise<CustomerPage> {
  const [{ total }] = await rows<{ total: number }>(
    tx,
    `SELECT count(*)::int AS total FROM customers c ${where.sql()}`,
    where.params,
  );
  const { column, cast } = SORT_COLUMNS[sort.field];
  const paged = where.clone();
  if (page.after) {
    const op = sort.direction === 'DESC' ? '<' : '>';
    paged.add(`(${column}, c.id) ${op} (?::${cast}, ?::uuid)`, page.after[0], page.after[1]);
  }
  const limit = paged.param(page.limit + 1);
  const found = await rows<CustomerRow>(
    tx,
    `SELECT ${COLUMNS} FROM customers c ${paged.sql()} ORDER BY ${column} ${sort.direction}, c.id ${sort.direction} LIMIT ${limit}`,
    paged.params,
  );
  return { rows: found.map(toCustomer), total };
}

export function sortKeyOf(customer: Customer, field: CustomerSortField): unknown {
  switch (field) {
    case 'CREATED_AT':
      return customer.createdAt.toISOString();
    case 'UPDATED_AT':
      return customer.updatedAt.toISOString();
    case 'NAME':
      return customer.name;
  }
}
