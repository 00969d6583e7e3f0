import { can, scopeOf, type Viewer } from '@crm/auth';
import { Where } from '@crm/database';
import {
  decodeCursor,
  forbidden,
  pageSize,
  requireIds,
  toConnection,
  viewerOf,
} from '@crm/subgraph';
import type {
  CampaignPerformanceResolvers,
  QueryCampaignsArgs,
} from '../__generated__/resolvers-types';
import { campaignSortKey, filterCampaigns, listCampaigns, type Campaign } from '../db/campaigns';
import { findCampaignRevenue, findCampaignStats } from '../db/performance';
import { channelPerformance, type CampaignPerformance } from '../domain/performance';
import type { MarketingContext as Ctx } from '../context';

export function mayReadMarketing(viewer: Viewer): void {
  if (scopeOf(viewer, 'marketing.read') === 'none')
    throw forbidden('your roles cannot read marketing records');
}

function mayReadReports(viewer: Viewer): void {
  if (!can(viewer, 'marketing.reports'))
    throw forbidden('your roles cannot read marketing figures (budgets, revenue, ROI)');
}

export async function campaignById(id: string, ctx: Ctx): Promise<Campaign | null> {
  mayReadMarketing(viewerOf(ctx));
  return ctx.loaders.campaign.load(id);
}

export async function campaignsConnection(args: QueryCampaignsArgs, ctx: Ctx) {
  mayReadMarketing(viewerOf(ctx));
  requireIds({ 'filter.ownerIds': args.filter?.ownerIds });
  const first = pageSize(args);
  const sort = {
    field: args.orderBy?.field ?? 'CREATED_AT',
    direction: args.orderBy?.direction ?? 'DESC',
  } as const;
  const where = new Where();
  filterCampaigns(where, args.filter ?? {});
  const { rows, total } = await listCampaigns(ctx.dataSource.manager, where, sort, {
    limit: first,
    after: decodeCursor(args.after),
  });
  for (const row of rows) ctx.loaders.campaign.prime(row.id, row);
  return toConnection(rows, first, total, (c) => [campaignSortKey(c, sort.field), c.id]);
}

export async function performanceOf(id: string, ctx: Ctx): Promise<CampaignPerformance | null> {
  mayReadReports(viewerOf(ctx));
  return ctx.loaders.performance.load(id);
}

export async function channelPerformanceReport(ctx: Ctx) {
  mayReadReports(viewerOf(ctx));
  const db = ctx.dataSource.manager;
  return channelPerformance(await findCampaignStats(db, null), await findCampaignRevenue(db, null));
}

const figures = (ctx: Ctx) => can(viewerOf(ctx), 'marketing.reports');

export const campaignResolvers = {
  __resolveReference: (ref: { id: string }, ctx: Ctx) =>
    can(viewerOf(ctx), 'marketing.read') ? ctx.loaders.campaign.load(ref.id) : null,
  budget: (c: Campaign, _: unknown, ctx: Ctx) =>
    figures(ctx) && c.budget !== null ? { amount: c.budget, currency: c.currency } : null,
  actualCost: (c: Campaign, _: unknown, ctx: Ctx) =>
    figures(ctx) ? { amount: c.actualCost, currency: c.currency } : null,
  formKey: (c: Campaign, _: unknown, ctx: Ctx) =>
    can(viewerOf(ctx), 'marketing.write') ? c.formKey : null,
  owner: (c: Campaign) => (c.ownerId ? { __typename: 'Employee', id: c.ownerId } : null),
  performance: (c: Campaign, _: unknown, ctx: Ctx) =>
    figures(ctx) ? ctx.loaders.performance.load(c.id) : null,
};

export const performanceResolvers: CampaignPerformanceResolvers = {
  campaign: async (p, _, ctx) => {
    const campaign = await ctx.loaders.campaign.load(p.campaignId);
    if (!campaign) throw new Error(`campaign ${p.campaignId} of a performance row is gone`);
    return campaign;
  },
};
