import { can, scopeOf } from '@crm/auth';
import { reachesCustomer, restrictToReplicaScope } from '@crm/customer-replica';
import { Where } from '@crm/database';
import { badInput, decodeCursor, forbidden, pageSize, viewerOf } from '@crm/subgraph';
import type { QueryTicketsArgs, TicketResolvers } from '../__generated__/resolvers-types';
import type { CustomerServiceContext as Ctx } from '../context';
import { filterTickets, listTickets, sortKeyOf } from '../db/ticket-lists';
import { ticketConnection } from './ticket-connection';
import type { Ticket } from '../db/tickets';
import { z } from 'zod';

export const isId = (value: string) => z.uuid().safeParse(value).success;

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

export async function ticketsConnection(args: QueryTicketsArgs, ctx: Ctx) {
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
  return ticketConnection(rows, first, total, (t) => [sortKeyOf(t, sort.field), t.id]);
}

export const ticketResolvers: TicketResolvers = {
  __resolveReference: (ref, ctx) => visibleTicket(ref.id, ctx),
  messages: (t, _, ctx) => ctx.loaders.thread.load(t.id),
  feedbackFlags: (t, _, ctx) => ctx.loaders.feedbackFlags.load(t.id),
  visits: (t, _, ctx) => ctx.loaders.visits.load(t.id),
  // the link is the survey's secret: only for staff who send it
  survey: (t, _, ctx) =>
    can(viewerOf(ctx), 'tickets.write') ? ctx.loaders.survey.load(t.id) : null,
  mergedInto: (t, _, ctx) => (t.mergedIntoId ? visibleTicket(t.mergedIntoId, ctx) : null),
  linkedTickets: async (t, _, ctx) => {
    const links = await ctx.loaders.linkedIds.load(t.id);
    const tickets = await Promise.all(links.map((l) => visibleTicket(l.linkedId, ctx)));
    return tickets.filter((x) => x !== null);
  },
  customer: (t) => ({ id: t.customerId }),
  assignee: (t) => (t.assigneeId ? { id: t.assigneeId } : null),
  createdBy: (t) => ({ id: t.createdBy }),
};
