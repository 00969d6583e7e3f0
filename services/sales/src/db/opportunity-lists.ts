import { likeLiteral, rows, type Tx, type Where } from '@crm/database';
import {
  OPPORTUNITY_COLUMNS,
  toOpportunity,
  type Opportunity,
  type OpportunityRow,
  type OpportunityStatus,
} from './opportunities';

/** Opportunities of several customers (newest first), one query for a page of customers. */
export async function findOpportunitiesOfCustomers(
  tx: Tx,
  customerIds: readonly string[],
): Promise<Opportunity[]> {
  const found = await rows<OpportunityRow>(
    tx,
    `SELECT ${OPPORTUNITY_COLUMNS} FROM opportunities o WHERE o.customer_id = ANY($1::uuid[])
     ORDER BY o.created_at DESC, o.id DESC`,
    [customerIds],
  );
  return found.map(toOpportunity);
}

export interface OpportunityFilter {
  customerIds?: string[] | null;
  ownerIds?: string[] | null;
  teamIds?: string[] | null;
  statuses?: OpportunityStatus[] | null;
  stageIds?: string[] | null;
  expectedCloseFrom?: string | null;
  expectedCloseTo?: string | null;
  search?: string | null;
}

export function filterOpportunities(where: Where, f: OpportunityFilter): void {
  if (f.customerIds?.length) where.add('o.customer_id = ANY(?::uuid[])', f.customerIds);
  if (f.ownerIds?.length) where.add('o.owner_id = ANY(?::uuid[])', f.ownerIds);
  if (f.teamIds?.length) where.add('o.team_id = ANY(?::uuid[])', f.teamIds);
  if (f.statuses?.length) where.add('o.status = ANY(?::text[])', f.statuses);
  if (f.stageIds?.length) where.add('o.stage_id = ANY(?::uuid[])', f.stageIds);
  if (f.expectedCloseFrom) where.add('o.expected_close_date >= ?::date', f.expectedCloseFrom);
  if (f.expectedCloseTo) where.add('o.expected_close_date <= ?::date', f.expectedCloseTo);
  if (f.search) where.add("o.name ILIKE '%' || ? || '%'", likeLiteral(f.search.trim()));
}

export type OpportunitySortField = 'CREATED_AT' | 'EXPECTED_CLOSE_DATE' | 'AMOUNT';

const SORT: Record<OpportunitySortField, { column: string; cast: string }> = {
  CREATED_AT: { column: 'o.created_at', cast: 'timestamptz' },
  EXPECTED_CLOSE_DATE: {
    column: "coalesce(o.expected_close_date, 'infinity'::date)",
    cast: 'date',
  },
  AMOUNT: { column: 'o.amount', cast: 'numeric' },
};

export function opportunitySortKey(o: Opportunity, field: OpportunitySortField): unknown {
  switch (field) {
    case 'CREATED_AT':
      return o.createdAt.toISOString();
    case 'EXPECTED_CLOSE_DATE':
      return o.expectedCloseDate ?? 'infinity';
    case 'AMOUNT':
      return o.amount;
  }
}

/** Keyset pagination on (sort field, id); `where` holds the scope and the filter. */
export async function listOpportunities(
  tx: Tx,
  where: Where,
  sort: { field: OpportunitySortField; direction: 'ASC' | 'DESC' },
  page: { limit: number; after: [unknown, string] | null },
): Promise<{ rows: Opportunity[]; total: number }> {
  const [{ total }] = await rows<{ total: number }>(
    tx,
    `SELECT count(*)::int AS total FROM opportunities o ${where.sql()}`,
    where.params,
  );
  const { column, cast } = SORT[sort.field];
  const paged = where.clone();
  if (page.after) {
    const op = sort.direction === 'DESC' ? '<' : '>';
    paged.add(`(${column}, o.id) ${op} (?::${cast}, ?::uuid)`, page.after[0], page.after[1]);
  }
  const limit = paged.param(page.limit + 1);
  const found = await rows<OpportunityRow>(
    tx,
    `SELECT ${OPPORTUNITY_COLUMNS} FROM opportunities o ${paged.sql()}
     ORDER BY ${column} ${sort.direction}, o.id ${sort.direction} LIMIT ${limit}`,
    paged.params,
  );
  return { rows: found.map(toOpportunity), total };
}
