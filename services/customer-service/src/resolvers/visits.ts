import { can } from '@crm/auth';
import { forbidden, payload, viewerOf } from '@crm/subgraph';
import type {
  FollowUpVisitResolvers,
  MutationResolvers,
  QueryResolvers,
} from '../__generated__/resolvers-types';
import { listVisits } from '../db/follow-up-visits';
import { recordVisitResult } from '../domain/visits/record-visit-result';
import { visibleTicket } from './tickets';

export const visitQueries: QueryResolvers = {
  followUpVisits: async (_, args, ctx) => {
    if (!can(viewerOf(ctx), 'tickets.write'))
      throw forbidden('only roles that work tickets see visits');
    const visits = await listVisits(
      ctx.dataSource.manager,
      args.status ?? 'SCHEDULED',
      args.assigneeId ?? null,
      100,
    );
    // a visit is seen with its ticket: out of scope tickets leave their visits out
    const seen = await Promise.all(visits.map((v) => visibleTicket(v.ticketId, ctx)));
    return visits.filter((_v, i) => seen[i] !== null);
  },
};

export const visitMutations: MutationResolvers = {
  recordVisitResult: async (_, { input }, ctx) =>
    payload('visit', await recordVisitResult(ctx.dataSource, viewerOf(ctx), input)),
};

export const followUpVisitResolvers: FollowUpVisitResolvers = {
  ticket: async (v, _, ctx) => (await ctx.loaders.ticket.load(v.ticketId))!,
  customer: (v) => ({ id: v.customerId }),
  assignee: (v) => (v.assigneeId ? { id: v.assigneeId } : null),
  doneBy: (v) => (v.doneBy ? { id: v.doneBy } : null),
};
