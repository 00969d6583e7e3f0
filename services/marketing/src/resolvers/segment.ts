import { Where } from '@crm/database';
import { decodeCursor, pageSize, toConnection, viewerOf, type PageArgs } from '@crm/subgraph';
import type { MarketingContext as Ctx } from '../context';
import { listSegmentLeads, listSegments, type Segment } from '../db/segments';
import { mayReadMarketing } from './campaign';
import { leadPage, type LeadOrder } from './lead';

export async function segmentById(id: string, ctx: Ctx): Promise<Segment | null> {
  mayReadMarketing(viewerOf(ctx));
  return ctx.loaders.segment.load(id);
}

export async function segmentsConnection(args: PageArgs, ctx: Ctx) {
  mayReadMarketing(viewerOf(ctx));
  const first = pageSize(args);
  const { rows, total } = await listSegments(ctx.dataSource.manager, {
    limit: first,
    after: decodeCursor(args.after),
  });
  for (const row of rows) ctx.loaders.segment.prime(row.id, row);
  return toConnection(rows, first, total, (s) => [s.name, s.id]);
}

export const segmentResolvers = {
  filter: (s: Segment) => s,
  leads: (s: Segment, args: PageArgs & { orderBy?: LeadOrder | null }, ctx: Ctx) =>
    leadPage(args, ctx, (where: Where, sort, page) =>
      listSegmentLeads(ctx.dataSource.manager, s.id, where, sort, page),
    ),
  count: async (s: Segment, _: unknown, ctx: Ctx) =>
    (await ctx.loaders.segmentCount.load(s.id))?.count ?? 0,
};

export const segmentFilterResolvers = {
  campaigns: async (s: Segment, _: unknown, ctx: Ctx) =>
    (await ctx.loaders.campaign.loadMany(s.campaignIds)).filter(
      (c) => c !== null && !(c instanceof Error),
    ),
};
