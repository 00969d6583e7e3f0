import { Where } from '@crm/database';
import { decodeCursor, pageSize, toConnection, viewerOf, type PageArgs } from '@crm/subgraph';
import type { SegmentFilterResolvers, SegmentResolvers } from '../__generated__/resolvers-types';
import type { MarketingContext as Ctx } from '../context';
import type { Campaign } from '../db/campaigns';
import { listSegmentLeads, listSegments, type Segment } from '../db/segments';
import { mayReadMarketing } from './campaign';
import { leadPage } from './lead';

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

export const segmentResolvers: SegmentResolvers = {
  filter: (s) => s,
  leads: (s, args, ctx) =>
    leadPage(args, ctx, (where: Where, sort, page) =>
      listSegmentLeads(ctx.dataSource.manager, s.id, where, sort, page),
    ),
  count: async (s, _, ctx) => (await ctx.loaders.segmentCount.load(s.id))?.count ?? 0,
};

export const segmentFilterResolvers: SegmentFilterResolvers = {
  campaigns: async (s, _, ctx) =>
    (await ctx.loaders.campaign.loadMany(s.campaignIds)).filter(
      (c): c is Campaign => c !== null && !(c instanceof Error),
    ),
};
