import { maskEmail, maskPhone, scopeOf } from '@crm/auth';
import { Where } from '@crm/database';
import {
  decodeCursor,
  pageSize,
  payload,
  toConnection,
  viewerOf,
  type PageArgs,
} from '@crm/subgraph';
import type { SalesContext as Ctx } from '../context';
import { listLeadRules } from '../db/lead-rules';
import { listLeads, type LeadStatus, type SalesLead } from '../db/leads';
import { pipelineLoaders } from '../db/pipeline-loaders';
import { logLeadContact } from '../domain/leads/contact-lead';
import { convertLead } from '../domain/leads/convert-lead';
import { disqualifyLead } from '../domain/leads/disqualify-lead';
import { leadOwnership } from '../domain/leads/lead-access';
import { saveLeadRule } from '../domain/leads/save-lead-rule';
import { mayReach, restrictAssigned } from '../domain/opportunities/scope';
import { visibleCustomer } from './customer';

type Input = { input: Record<string, unknown> };

interface LeadsArgs extends PageArgs {
  filter?: {
    statuses?: LeadStatus[] | null;
    assigneeIds?: string[] | null;
    teamIds?: string[] | null;
  } | null;
}

async function leadsConnection(args: LeadsArgs, ctx: Ctx, onlyMine: boolean) {
  const viewer = viewerOf(ctx);
  const first = pageSize(args);
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
  const { rows, total } = await listLeads(ctx.dataSource.manager, where, {
    limit: first,
    after: decodeCursor(args.after) as [string, string] | null,
  });
  return toConnection(rows, first, total, (l) => [l.createdAt.toISOString(), l.leadId]);
}

const visibleLead = (lead: SalesLead | null, ctx: Ctx) =>
  lead && mayReach(viewerOf(ctx), 'leads.read', leadOwnership(lead)) ? lead : null;

export const leadResolvers = {
  Query: {
    myLeads: (_: unknown, args: LeadsArgs, ctx: Ctx) => leadsConnection(args, ctx, true),
    leadAssignments: (_: unknown, args: LeadsArgs, ctx: Ctx) => leadsConnection(args, ctx, false),
    leadAssignmentRules: (_: unknown, __: unknown, ctx: Ctx) => {
      const viewer = viewerOf(ctx);
      const scope = scopeOf(viewer, 'leads.assign');
      if (scope === 'none') return [];
      return listLeadRules(ctx.dataSource.manager, scope === 'all' ? null : viewer.managedTeamIds);
    },
  },
  Mutation: {
    logLeadContact: async (_: unknown, { input }: Input, ctx: Ctx) =>
      payload('assignment', await logLeadContact(ctx.dataSource, viewerOf(ctx), input as never)),
    convertLead: async (_: unknown, { input }: Input, ctx: Ctx) =>
      payload('assignment', await convertLead(ctx.dataSource, viewerOf(ctx), input as never)),
    disqualifyLead: async (_: unknown, { input }: Input, ctx: Ctx) =>
      payload('assignment', await disqualifyLead(ctx.dataSource, viewerOf(ctx), input as never)),
    saveLeadAssignmentRule: async (_: unknown, { input }: Input, ctx: Ctx) =>
      payload('rule', await saveLeadRule(ctx.dataSource, viewerOf(ctx), input as never)),
  },
  Lead: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    assignment: async (lead: { id: string }, _: unknown, ctx: Ctx) =>
      visibleLead(await pipelineLoaders(ctx).lead.load(lead.id), ctx),
  },
  LeadAssignment: {
    lead: (l: SalesLead) => ({ __typename: 'Lead', id: l.leadId }),
    phone: (l: SalesLead, _: unknown, ctx: Ctx) =>
      mayReach(viewerOf(ctx), 'leads.write', leadOwnership(l)) ? l.phone : maskPhone(l.phone),
    email: (l: SalesLead, _: unknown, ctx: Ctx) =>
      mayReach(viewerOf(ctx), 'leads.write', leadOwnership(l)) ? l.email : maskEmail(l.email),
    sourceCampaignId: (l: SalesLead) => l.campaignId,
    assignee: (l: SalesLead) =>
      l.assigneeId ? { __typename: 'Employee', id: l.assigneeId } : null,
    customer: (l: SalesLead, _: unknown, ctx: Ctx) =>
      l.customerId ? visibleCustomer(l.customerId, ctx) : null,
    opportunity: async (l: SalesLead, _: unknown, ctx: Ctx) => {
      if (!l.opportunityId) return null;
      const o = await pipelineLoaders(ctx).opportunity.load(l.opportunityId);
      return o && mayReach(viewerOf(ctx), 'opportunities.read', o) ? o : null;
    },
  },
};
