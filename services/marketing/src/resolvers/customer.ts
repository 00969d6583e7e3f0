import { can } from '@crm/auth';
import { viewerOf } from '@crm/subgraph';
import type { MarketingContext as Ctx } from '../context';
import { mayReach } from '../domain/lead-visibility';

type CustomerRef = { id: string };

/** Marketing's fields on a customer; empty for roles that cannot read marketing records. */
const reading = (ctx: Ctx) => can(viewerOf(ctx), 'marketing.read');

export const customerResolvers = {
  __resolveReference: (ref: CustomerRef) => ({ id: ref.id }),
  leads: async (c: CustomerRef, _: unknown, ctx: Ctx) => {
    if (!reading(ctx)) return [];
    const viewer = viewerOf(ctx);
    return (await ctx.loaders.leadsOfCustomer.load(c.id)).filter((l) =>
      mayReach(viewer, 'marketing.read', l),
    );
  },
  sourceCampaign: async (c: CustomerRef, _: unknown, ctx: Ctx) => {
    if (!reading(ctx)) return null;
    const first = (await ctx.loaders.leadsOfCustomer.load(c.id)).find((l) => l.campaignId);
    return first?.campaignId ? ctx.loaders.campaign.load(first.campaignId) : null;
  },
  segments: async (c: CustomerRef, _: unknown, ctx: Ctx) =>
    reading(ctx) ? ctx.loaders.segmentsOfCustomer.load(c.id) : [],
  marketingTags: async (c: CustomerRef, _: unknown, ctx: Ctx) =>
    reading(ctx) ? ((await ctx.loaders.customerTags.load(c.id))?.tags ?? []) : [],
};
