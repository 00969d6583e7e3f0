import { maskEmail, maskPhone, scopeOf } from '@crm/auth';
import { Where } from '@crm/database';
import {
  decodeCursor,
  forbidden,
  pageSize,
  payload,
  toConnection,
  viewerOf,
  type PageArgs,
} from '@crm/subgraph';
import type {
  QueryLeadAssignmentsArgs,
  QueryUnassignedLeadsArgs,
  Resolvers,
} from '../__generated__/resolvers-types';
import type { SalesContext as Ctx } from '../context';
import { listLeadRules } from '../db/lead-rules';
import { leadSortKey, listLeads, type LeadSortField, type SalesLead } from '../db/leads';
import { pipelineLoaders } from '../db/pipeline-loaders';
import { logLeadContact } from '../domain/leads/contact-lead';
import { assignLeadByHand } from '../domain/leads/assign-lead-by-hand';
import { convertLead } from '../domain/leads/convert-lead';
import { disqualifyLead } from '../domain/leads/disqualify-lead';
import { leadOwnership } from '../domain/leads/lead-access';
import { rerunLeadAssignment } from '../domain/leads/rerun-lead-assignment';
import { saveLeadRule } from '../domain/leads/save-lead-rule';
import { mayReach, restrictAssigned } from '../domain/opportunities/scope';
import { visibleCustomer } from './customer';
import { visibleOpportunity } from './opportunities';
import { employee, type LeadRef } from './references';

async function leadsPage(
  where: Where,
  args: PageArgs,
  ctx: Ctx,
  sort: { field: LeadSortField; direction: 'ASC' | 'DESC' },
) {
  const first = pageSize(args);
  const { rows, total } = await listLeads(ctx.dataSource.manager, where, sort, {
    limit: first,
    after: decodeCursor(args.after) as [string, string] | null,
  });
  return toConnection(rows, first, total, (l) => [leadSortKey(l, sort.field), l.leadId]);
}

async function leadsConnection(args: QueryLeadAssignmentsArgs, ctx: Ctx, onlyMine: boolean) {
  const viewer = viewerOf(ctx);
  const where = new Where();
  if (onlyMine) where.add('l.assignee_id = ?', viewer.id);
  restrictAssigned(where, viewer, scopeOf(viewer, 'leads.read'), {
    owner: 'l.assignee_id',
    team: 'l.team_id',
  });
  const f = args.filter ?? {};
  if (f.statuses?.length) where.add('l.status = ANY(?::text[])', f.statuses);
  if (f.assigneeIds?.length) where.add('l.assignee_id = ANY(?::uuid[])', f.assigneeIds);
  if (f.teamIds?.length) where.add('l.team_id = ANY(?::uuid[])', f.teamIds);
  return leadsPage(where, args, ctx, {
    field: args.orderBy?.field ?? 'CREATED_AT',
    direction: args.orderBy?.direction ?? 'DESC',
  });
}

/** The managers' queue of leads no rule could assign, oldest first. */
async function unassignedLeads(args: QueryUnassignedLeadsArgs, ctx: Ctx) {
  const viewer = viewerOf(ctx);
  const scope = scopeOf(viewer, 'leads.assign');
  if (scope === 'none') throw forbidden('only sales managers and admins see unassigned leads');
  const where = new Where();
  where.add("l.status = 'UNASSIGNED'");
  if (scope === 'team')
    where.add('(l.team_id IS NULL OR l.team_id = ANY(?::uuid[]))', viewer.managedTeamIds);
  return leadsPage(where, args, ctx, { field: 'CREATED_AT', direction: 'ASC' });
}

const visibleLead = (lead: SalesLead | null, ctx: Ctx) =>
  lead && mayReach(viewerOf(ctx), 'leads.read', leadOwnership(lead)) ? lead : null;

export const leadResolvers: Resolvers = {
  Query: {
    myLeads: (_, args, ctx) => leadsConnection(args, ctx, true),
    leadAssignments: (_, args, ctx) => leadsConnection(args, ctx, false),
    leadAssignmentRules: (_, __, ctx) => {
      const viewer = viewerOf(ctx);
      const scope = scopeOf(viewer, 'leads.assign');
      if (scope === 'none') return [];
      return listLeadRules(ctx.dataSource.manager, scope === 'all' ? null : viewer.managedTeamIds);
    },
    unassignedLeads: (_, args, ctx) => unassignedLeads(args, ctx),
  },
  Mutation: {
    logLeadContact: async (_, { input }, ctx) =>
      payload('assignment', await logLeadContact(ctx.dataSource, viewerOf(ctx), input as never)),
    convertLead: async (_, { input }, ctx) =>
      payload('assignment', await convertLead(ctx.dataSource, viewerOf(ctx), input as never)),
    disqualifyLead: async (_, { input }, ctx) =>
      payload('assignment', await disqualifyLead(ctx.dataSource, viewerOf(ctx), input)),
    saveLeadAssignmentRule: async (_, { input }, ctx) =>
      payload('rule', await saveLeadRule(ctx.dataSource, viewerOf(ctx), input as never)),
    assignLead: async (_, { input }, ctx) =>
      payload('assignment', await assignLeadByHand(ctx.dataSource, viewerOf(ctx), input)),
    rerunLeadAssignment: async (_, { input }, ctx) =>
      payload('assignment', await rerunLeadAssignment(ctx.dataSource, viewerOf(ctx), input)),
  },
  Lead: {
    __resolveReference: (ref) => ({ id: ref.id }),
    assignment: async (lead, _, ctx) =>
      visibleLead(await pipelineLoaders(ctx).lead.load(lead.id), ctx),
  },
  LeadAssignment: {
    lead: (l) => ({ __typename: 'Lead', id: l.leadId }) as LeadRef,
    phone: (l, _, ctx) =>
      mayReach(viewerOf(ctx), 'leads.write', leadOwnership(l)) ? l.phone : maskPhone(l.phone),
    email: (l, _, ctx) =>
      mayReach(viewerOf(ctx), 'leads.write', leadOwnership(l)) ? l.email : maskEmail(l.email),
    sourceCampaignId: (l) => l.campaignId,
    assignee: (l) => employee(l.assigneeId),
    customer: (l, _, ctx) => (l.customerId ? visibleCustomer(l.customerId, ctx) : null),
    opportunity: (l, _, ctx) => (l.opportunityId ? visibleOpportunity(l.opportunityId, ctx) : null),
  },
};
