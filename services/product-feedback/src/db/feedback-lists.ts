import { likeLiteral, rows, Where, type Tx } from '@crm/database';
import {
  FEEDBACK_COLUMNS,
  toFeedbackItem,
  type FeedbackItem,
  type FeedbackKind,
  type FeedbackOrigin,
  type FeedbackRow,
  type FeedbackSource,
  type FeedbackStatus,
} from './feedback-items';

export interface FeedbackFilter {
  kind?: FeedbackKind | null;
  status?: FeedbackStatus | null;
  source?: FeedbackSource | null;
  origin?: FeedbackOrigin | null;
  customerId?: string | null;
  /** Part of the title. */
  search?: string | null;
}

export type FeedbackSortField = 'CREATED_AT' | 'UPDATED_AT';

export function filterFeedback(where: Where, filter: FeedbackFilter): void {
  if (filter.kind) where.add('f.kind = ?', filter.kind);
  if (filter.status) where.add('f.status = ?', filter.status);
  if (filter.source) where.add('f.source = ?', filter.source);
  if (filter.origin) where.add('f.origin = ?', filter.origin);
  if (filter.customerId) where.add('f.customer_id = ?::uuid', filter.customerId);
  if (filter.search) where.add("f.title ILIKE '%' || ? || '%'", likeLiteral(filter.search.trim()));
}

export function sortKeyOf(item: FeedbackItem, field: FeedbackSortField): string {
  return (field === 'CREATED_AT' ? item.createdAt : item.updatedAt).toISOString();
}

const FROM = 'FROM feedback_items f LEFT JOIN customer_replica r ON r.id = f.customer_id';

/** Keyset page over (sort field, id); `where` holds the scope (over replica `r`) and the filter. */
export async function listFeedback(
  tx: Tx,
  where: Where,
  sort: { field: FeedbackSortField; direction: 'ASC' | 'DESC' },
  page: { limit: number; after: [string, string] | null },
): Promise<{ rows: FeedbackItem[]; total: number }> {
  const [{ total }] = await rows<{ total: number }>(
    tx,
    `SELECT count(*)::int AS total ${FROM} ${where.sql()}`,
    where.params,
  );
  const column = sort.field === 'CREATED_AT' ? 'f.created_at' : 'f.updated_at';
  const paged = where.clone();
  if (page.after) {
    const op = sort.direction === 'DESC' ? '<' : '>';
    paged.add(`(${column}, f.id) ${op} (?::timestamptz, ?::uuid)`, page.after[0], page.after[1]);
  }
  const limit = paged.param(page.limit + 1);
  const found = await rows<FeedbackRow>(
    tx,
    `SELECT ${FEEDBACK_COLUMNS} ${FROM} ${paged.sql()}
     ORDER BY ${column} ${sort.direction}, f.id ${sort.direction} LIMIT ${limit}`,
    paged.params,
  );
  return { rows: found.map(toFeedbackItem), total };
}

/** A row of a customer's page: the customer's total, and an item (null when the page is empty). */
export interface CustomerPageRow {
  customerId: string;
  total: number;
  item: FeedbackItem | null;
}

export interface CustomerPageArgs {
  kind: FeedbackKind | null;
  /** Rows per customer, one more than the page size (tells whether there is a next page). */
  limit: number;
  after: [string, string] | null;
}

/** The page of feedback of every customer of a batch in one statement, newest first. */
export async function pageFeedbackByCustomer(
  tx: Tx,
  customerIds: readonly string[],
  args: CustomerPageArgs,
): Promise<CustomerPageRow[]> {
  const where = new Where().add('f.customer_id = ANY(?::uuid[])', customerIds);
  if (args.kind) where.add('f.kind = ?', args.kind);
  const cursor = args.after
    ? `WHERE (s.created_at, s.id) < (${where.param(args.after[0])}::timestamptz, ${where.param(args.after[1])}::uuid)`
    : '';
  const limit = where.param(args.limit);
  const found = await rows<FeedbackRow & { batch_key: string; total: number }>(
    tx,
    `WITH scoped AS (SELECT ${FEEDBACK_COLUMNS} FROM feedback_items f ${where.sql()}),
     totals AS (SELECT customer_id, count(*)::int AS total FROM scoped GROUP BY customer_id),
     paged AS (
       SELECT s.*, row_number() OVER (PARTITION BY s.customer_id ORDER BY s.created_at DESC, s.id DESC) AS rn
       FROM scoped s ${cursor}
     )
     SELECT totals.customer_id AS batch_key, totals.total, p.* FROM totals
     LEFT JOIN paged p ON p.customer_id = totals.customer_id AND p.rn <= ${limit}
     ORDER BY totals.customer_id, p.rn`,
    where.params,
  );
  return found.map((r) => ({
    customerId: r.batch_key,
    total: r.total,
    item: r.id ? toFeedbackItem(r) : null,
  }));
}
