import { can } from '@crm/auth';
import { reachesCustomer } from '@crm/customer-replica';
import { badInput, forbidden, payload, viewerOf } from '@crm/subgraph';
import type {
  FollowUpVisitResolvers,
  MutationResolvers,
  QueryResolvers,
} from '../__generated__/resolvers-types';
import type { CustomerServiceContext as Ctx } from '../context';
import { listVisits, type FollowUpVisit } from '../db/follow-up-visits';
import { recordVisitResult } from '../domain/visits/record-visit-result';
import { isId, visibleTicket } from './tickets';

/** A visit is seen with its ticket, a ticket-less one with its customer (scope tickets.read). */
async function isVisible(visit: FollowUpVisit, ctx: Ctx): Promise<boolean> {
  if (visit.ticketId) return (await visibleTicket(visit.ticketId, ctx)) !== null;
  const customer = await ctx.loaders.customer.load(visit.customerId);
  return reachesCustomer(viewerOf(ctx), 'tickets.read', customer ?? null);
}

export const visitQueries: QueryResolvers = {
  followUpVisits: async (_, args, ctx) => {
    if (!can(viewerOf(ctx), 'tickets.write'))
      throw forbidden('only roles that work tickets see visits');
    for (const field of ['assigneeId', 'customerId'] as const) {
      const value = args[field];
      if (value && !isId(value))
        throw badInput(`${field} is not a valid id (got ${JSON.stringify(value)})`);
    }
    const visits = await listVisits(
      ctx.dataSource.manager,
      {
        status: args.status ?? 'SCHEDULED',
        assigneeId: args.assigneeId ?? null,
        customerId: args.customerId ?? null,
      },
      100,
    );
    // out of scope tickets and customers leave their visits out
    const seen = await Promise.all(visits.map((v) => isVisible(v, ctx)));
    return visits.filter((_v, i) => seen[i]);
  },
};

export const visitMutations: MutationResolvers = {
  recordVisitResult: async (_, { input }, ctx) =>
    payload('visit', await recordVisitResult(ctx.dataSource, viewerOf(ctx), input)),
};

export const followUpVisitResolvers: FollowUpVisitResolvers = {
  ticket: async (v, _, ctx) => (v.ticketId ? await ctx.loaders.ticket.load(v.ticketId) : null),
  customer: (v) => ({ id: v.customerId }),
  assignee: (v) => (v.assigneeId ? { id: v.assigneeId } : null),
  doneBy: (v) => (v.doneBy ? { id: v.doneBy } : null),
};
