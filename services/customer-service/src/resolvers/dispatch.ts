import { can, scopeOf } from '@crm/auth';
import { restrictToReplicaScope } from '@crm/customer-replica';
import { Where } from '@crm/database';
import { decodeCursor, forbidden, pageSize, payload, viewerOf } from '@crm/subgraph';
import type {
  AgentProfileResolvers,
  MutationResolvers,
  QueryResolvers,
} from '../__generated__/resolvers-types';
import type { CustomerServiceContext as Ctx } from '../context';
import { findAgentProfiles } from '../db/agents';
import { listTickets, sortKeyOf } from '../db/ticket-lists';
import { saveAgentProfile } from '../domain/dispatch/save-agent-profile';
import { setTeamDispatch } from '../domain/dispatch/set-team-dispatch';
import { ticketConnection } from './ticket-connection';

function requireTicketWorker(ctx: Ctx) {
  const viewer = viewerOf(ctx);
  if (!can(viewer, 'tickets.write')) throw forbidden('only roles that work tickets see this');
  return viewer;
}

export const dispatchQueries: QueryResolvers = {
  ticketQueue: async (_, args, ctx) => {
    const viewer = requireTicketWorker(ctx);
    const first = pageSize(args);
    const after = decodeCursor(args.after) as [string, string] | null;
    const where = new Where();
    restrictToReplicaScope(where, viewer, scopeOf(viewer, 'tickets.read'));
    where.add("t.assignee_id IS NULL AND t.status IN ('OPEN', 'PENDING')");
    const sort = { field: 'CREATED_AT', direction: 'ASC' } as const;
    const { rows, total } = await listTickets(ctx.dataSource.manager, where, sort, {
      limit: first,
      after,
    });
    return ticketConnection(rows, first, total, (t) => [sortKeyOf(t, sort.field), t.id]);
  },
  agentProfiles: (_, __, ctx) => {
    requireTicketWorker(ctx);
    return findAgentProfiles(ctx.dataSource.manager);
  },
};

export const dispatchMutations: MutationResolvers = {
  saveAgentProfile: async (_, { input }, ctx) =>
    payload('profile', await saveAgentProfile(ctx.dataSource, viewerOf(ctx), input)),
  setTeamDispatch: async (_, { input }, ctx) =>
    payload('dispatch', await setTeamDispatch(ctx.dataSource, viewerOf(ctx), input)),
};

export const agentProfileResolvers: AgentProfileResolvers = {
  agent: (p) => ({ id: p.employeeId }),
  openTickets: async (p, _, ctx) => (await ctx.loaders.openLoad.load(p.employeeId))?.count ?? 0,
};
