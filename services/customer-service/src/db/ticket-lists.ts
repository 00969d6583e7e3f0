import { rows, Where, type Tx } from '@crm/database';
import { TICKET_COLUMNS, toTicket, type Ticket, type TicketRow } from './tickets';
import type { TicketPriority, TicketStatus } from './tickets';

export interface TicketFilter {
  status?: TicketStatus | null;
  customerId?: string | null;
  assigneeId?: string | null;
  priority?: TicketPriority | null;
}

export type TicketSortField = 'CREATED_AT' | 'UPDATED_AT';
export interface TicketSort {
  field: TicketSortField;
  direction: 'ASC' | 'DESC';
}

const SORT_COLUMNS: Record<TicketSortField, string> = {
  CREATED_AT: 't.created_at',
  UPDATED_AT: 't.updated_at',
};

export function filterTickets(where: Where, filter: TicketFilter): void {
  if (filter.status) where.add('t.status = ?', filter.status);
  if (filter.customerId) where.add('t.customer_id = ?::uuid', filter.customerId);
  if (filter.assigneeId) where.add('t.assignee_id = ?::uuid', filter.assigneeId);
  if (filter.priority) where.add('t.priority = ?', filter.priority);
}

export function sortKeyOf(ticket: Ticket, field: TicketSortField): string {
  return (field === 'CREATED_AT' ? ticket.createdAt : ticket.updatedAt).toISOString();
}

/** Keyset page over (sort field, id); `where` holds the scope (over replica `r`) and the filter. */
export async function listTickets(
  tx: Tx,
  where: Where,
  sort: TicketSort,
  page: { limit: number; after: [string, string] | null },
): Promise<{ rows: Ticket[]; total: number }> {
  const from = 'FROM tickets t LEFT JOIN customer_replica r ON r.id = t.customer_id';
  const [{ total }] = await rows<{ total: number }>(
    tx,
    `SELECT count(*)::int AS total ${from} ${where.sql()}`,
    where.params,
  );
  const column = SORT_COLUMNS[sort.field];
  const paged = where.clone();
  if (page.after) {
    const op = sort.direction === 'DESC' ? '<' : '>';
    paged.add(`(${column}, t.id) ${op} (?::timestamptz, ?::uuid)`, page.after[0], page.after[1]);
  }
  const limit = paged.param(page.limit + 1);
  const found = await rows<TicketRow>(
    tx,
    `SELECT ${TICKET_COLUMNS} ${from} ${paged.sql()}
     ORDER BY ${column} ${sort.direction}, t.id ${sort.direction} LIMIT ${limit}`,
    paged.params,
  );
  return { rows: found.map(toTicket), total };
}

/** One page of tickets of one owner key (a customer or an assignee), newest first. */
export interface KeyedPage {
  key: string;
  total: number;
  ticket: Ticket | null;
}

export interface KeyedPageArgs {
  status: TicketStatus | null;
  /** Rows per key, one more than the page size (tells whether there is a next page). */
  limit: number;
  after: [string, string] | null;
}

/**
 * The first page of tickets of every key at once: one statement for a whole batch of customers
 * (or assignees). Each key gets its total and up to `limit` tickets after the cursor; a key with
 * an empty page still gets one row (ticket null) to carry its total.
 */
export async function pageTicketsByKey(
  tx: Tx,
  keyColumn: 'customer_id' | 'assignee_id',
  keys: readonly string[],
  args: KeyedPageArgs,
  scope: Where,
): Promise<KeyedPage[]> {
  const where = scope.clone();
  where.add(`t.${keyColumn} = ANY(?::uuid[])`, keys);
  if (args.status) where.add('t.status = ?', args.status);
  const cursor = args.after
    ? `WHERE (s.created_at, s.id) < (${where.param(args.after[0])}::timestamptz, ${where.param(args.after[1])}::uuid)`
    : '';
  const limit = where.param(args.limit);
  const found = await rows<TicketRow & { batch_key: string; total: number }>(
    tx,
    `WITH scoped AS (
       SELECT ${TICKET_COLUMNS}, t.${keyColumn} AS page_key
       FROM tickets t LEFT JOIN customer_replica r ON r.id = t.customer_id ${where.sql()}
     ),
     totals AS (SELECT page_key, count(*)::int AS total FROM scoped GROUP BY page_key),
     paged AS (
       SELECT s.*, row_number() OVER (PARTITION BY s.page_key ORDER BY s.created_at DESC, s.id DESC) AS rn
       FROM scoped s ${cursor}
     )
     SELECT totals.page_key AS batch_key, totals.total, p.* FROM totals
     LEFT JOIN paged p ON p.page_key = totals.page_key AND p.rn <= ${limit}
     ORDER BY totals.page_key, p.rn`,
    where.params,
  );
  return found.map((r) => ({
    key: r.batch_key,
    total: r.total,
    ticket: r.id ? toTicket(r) : null,
  }));
}
