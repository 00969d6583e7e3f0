import { can, scopeOf } from '@crm/auth';
import { reachesCustomer } from '@crm/customer-replica';
import { decodeCursor, pageSize, toConnection, viewerOf } from '@crm/subgraph';
import type { CustomerResolvers } from '../__generated__/resolvers-types';
import type { MarketingContext as Ctx } from '../context';
import { mayReach } from '../domain/lead-visibility';

/** Marketing's fields on a customer; empty for roles that cannot read marketing records. */
const reading = (ctx: Ctx) => can(viewerOf(ctx), 'marketing.read');

/**
 * Whether the viewer may see marketing's facts about this customer (its tags, segments and
 * source campaign): `marketing.read` must reach the customer as marketing's replica of sales'
 * record knows it (a rep: customers they own or back up; a sales manager: their teams'), as
 * the other departments scope their customer fields. The replica is loaded only when needed.
 */
async function customerInReach(customerId: string, ctx: Ctx): Promise<boolean> {
  const viewer = viewerOf(ctx);
  const scope = scopeOf(viewer, 'marketing.read');
  if (scope === 'none') return false;
  if (scope === 'all') return true;
  return reachesCustomer(viewer, 'marketing.read', await ctx.loaders.customer.load(customerId));
}

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
    if (!(await customerInReach(c.id, ctx))) return null;
    const first = (await ctx.loaders.leadsOfCustomer.load(c.id)).find((l) => l.campaignId);
    return first?.campaignId ? ctx.loaders.campaign.load(first.campaignId) : null;
  },
  segments: async (c, _, ctx) =>
    (await customerInReach(c.id, ctx)) ? ctx.loaders.segmentsOfCustomer.load(c.id) : [],
  marketingTags: async (c, _, ctx) =>
    (await customerInReach(c.id, ctx))
      ? ((await ctx.loaders.customerTags.load(c.id))?.tags ?? [])
      : [],
};
