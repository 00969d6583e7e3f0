import { scopeOf } from '@crm/auth';
import { reachesCustomer, restrictToReplicaScope } from '@crm/customer-replica';
import { Where } from '@crm/database';
import {
  badInput,
  decodeCursor,
  forbidden,
  pageSize,
  toConnection,
  viewerOf,
  type PageArgs,
} from '@crm/subgraph';
import type { CustomerServiceContext as Ctx } from '../context';
import {
  filterTickets,
  listTickets,
  sortKeyOf,
  type TicketFilter,
  type TicketSortField,
} from '../db/ticket-lists';
import type { Ticket } from '../db/tickets';
import { z } from 'zod';

const isId = (value: string) => z.uuid().safeParse(value).success;

export interface TicketsArgs extends PageArgs {
  filter?: TicketFilter | null;
  orderBy?: { field: TicketSortField; direction: 'ASC' | 'DESC' } | null;
}

function readerOf(ctx: Ctx) {
  const viewer = viewerOf(ctx);
  if (scopeOf(viewer, 'tickets.read') === 'none') throw forbidden('your roles cannot see tickets');
  return viewer;
}

/** A ticket the viewer may see, or null (not found and out of scope look the same). */
export async function visibleTicket(id: string, ctx: Ctx): Promise<Ticket | null> {
  const viewer = readerOf(ctx);
  const ticket = isId(id) ? await ctx.loaders.ticket.load(id) : null;
  if (!ticket) return null;
  const customer = await ctx.loaders.customer.load(ticket.customerId);
  return reachesCustomer(viewer, 'tickets.read', customer) ? ticket : null;
}

export async function ticketsConnection(args: TicketsArgs, ctx: Ctx) {
  const viewer = readerOf(ctx);
  const first = pageSize(args);
  const sort = {
    field: args.orderBy?.field ?? 'CREATED_AT',
    direction: args.orderBy?.direction ?? 'DESC',
  } as const;
  const after = decodeCursor(args.after) as [string, string] | null;
  for (const field of ['customerId', 'assigneeId'] as const) {
    const value = args.filter?.[field];
    if (value && !isId(value))
      throw badInput(`filter.${field} is not a valid id (got ${JSON.stringify(value)})`);
  }
  const where = new Where();
  restrictToReplicaScope(where, viewer, scopeOf(viewer, 'tickets.read'));
  filterTickets(where, args.filter ?? {});
  const { rows, total } = await listTickets(ctx.dataSource.manager, where, sort, {
    limit: first,
    after,
  });
  for (const row of rows) ctx.loaders.ticket.prime(row.id, row);
  return toConnection(rows, first, total, (t) => [sortKeyOf(t, sort.field), t.id]);
}

const employee = (id: string | null) => (id ? { __typename: 'Employee', id } : null);

export const ticketResolvers = {
  __resolveReference: (ref: { id: string }, ctx: Ctx) => visibleTicket(ref.id, ctx),
  customer: (t: Ticket) => ({ __typename: 'Customer', id: t.customerId }),
  assignee: (t: Ticket) => employee(t.assigneeId),
  createdBy: (t: Ticket) => employee(t.createdBy),
};
