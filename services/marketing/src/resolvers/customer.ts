import { can } from '@crm/auth';
import { decodeCursor, pageSize, toConnection, viewerOf } from '@crm/subgraph';
import type { CustomerResolvers } from '../__generated__/resolvers-types';
import type { MarketingContext as Ctx } from '../context';
import { mayReach } from '../domain/lead-visibility';

/** Marketing's fields on a customer; empty for roles that cannot read marketing records. */
const reading = (ctx: Ctx) => can(viewerOf(ctx), 'marketing.read');

export const customerResolvers: CustomerResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  // one query for the leads of every customer in the request, paged here (oldest first)
  leads: async (c, args, ctx) => {
    const first = pageSize(args);
    const after = decodeCursor(args.after);
    const viewer = viewerOf(ctx);
    const leads = reading(ctx)
      ? (await ctx.loaders.leadsOfCustomer.load(c.id)).filter((l) =>
          mayReach(viewer, 'marketing.read', l),
        )
      : [];
    const key = (l: { createdAt: Date; id: string }) => [l.createdAt.toISOString(), l.id];
    const start = !after
      ? 0
      : leads.some((l) => l.id === after[1])
        ? leads.findIndex((l) => l.id === after[1]) + 1
        : leads.findIndex((l) => key(l).join(' ') > after.join(' '));
    const rest = start < 0 ? [] : leads.slice(start, start + first + 1);
    return toConnection(rest, first, leads.length, key);
  },
  sourceCampaign: async (c, _, ctx) => {
    if (!reading(ctx)) return null;
    const first = (await ctx.loaders.leadsOfCustomer.load(c.id)).find((l) => l.campaignId);
    return first?.campaignId ? ctx.loaders.campaign.load(first.campaignId) : null;
  },
  segments: async (c, _, ctx) => (reading(ctx) ? ctx.loaders.segmentsOfCustomer.load(c.id) : []),
  marketingTags: async (c, _, ctx) =>
    reading(ctx) ? ((await ctx.loaders.customerTags.load(c.id))?.tags ?? []) : [],
};
