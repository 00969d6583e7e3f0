import { likeLiteral, rows, type Tx, type Where } from '@crm/database';
import {
  COLUMNS,
  toCustomer,
  type Customer,
  type CustomerRow,
  type CustomerTier,
  type LifecycleStage,
} from './customers';

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

/** Adds the filter to `where`; merged tombstones never appear in lists. */
export function filterCustomers(where: Where, filter: CustomerFilter): void {
  where.add("c.status = 'ACTIVE'");
  if (filter.search) where.add("c.name ILIKE '%' || ? || '%'", likeLiteral(filter.search.trim()));
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
