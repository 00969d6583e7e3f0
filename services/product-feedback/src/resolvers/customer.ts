import { scopeOf } from '@crm/auth';
import { reachesCustomer } from '@crm/customer-replica';
import { decodeCursor, pageSize, toConnection } from '@crm/subgraph';
import type { CustomerResolvers } from '../__generated__/resolvers-types';
import type { ProductFeedbackContext as Ctx } from '../context';
import type { Idea } from '../db/ideas';
import { readerOf } from './feedback';

/** Whether the viewer reads this customer's feedback (the replica is loaded only when needed). */
async function inReach(customerId: string, ctx: Ctx): Promise<boolean> {
  const viewer = readerOf(ctx);
  return (
    scopeOf(viewer, 'feedback.read') === 'all' ||
    reachesCustomer(viewer, 'feedback.read', await ctx.loaders.customer.load(customerId))
  );
}

/** Product feedback's fields on the sales-owned Customer. */
export const customerResolvers: CustomerResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  feedback: async (customer, args, ctx) => {
    const first = pageSize(args);
    const after = decodeCursor(args.after) as [string, string] | null;
    if (!(await inReach(customer.id, ctx))) return null;
    const page = await ctx.loaders
      .feedbackOfCustomer({ kind: args.kind ?? null, limit: first + 1, after })
      .load(customer.id);
    const items = page.flatMap((p) => (p.item ? [p.item] : []));
    return toConnection(items, first, page[0]?.total ?? 0, (f) => [
      f.createdAt.toISOString(),
      f.id,
    ]);
  },
  ideas: async (customer, args, ctx) => {
    const first = pageSize(args);
    const after = decodeCursor(args.after) as [string, string] | null;
    if (!(await inReach(customer.id, ctx))) return null;
    const asked = await ctx.loaders.ideasOfCustomer.load(customer.id);
    const key = (r: { createdAt: Date; ideaId: string }) => [r.createdAt.toISOString(), r.ideaId];
    const start = after ? asked.findIndex((r) => key(r).join(' ') < after.join(' ')) : 0;
    const rest = start < 0 ? [] : asked.slice(start, start + first + 1);
    const ideas = await ctx.loaders.idea.loadMany(rest.map((r) => r.ideaId));
    const page = ideas.filter((i): i is Idea => !!i && !(i instanceof Error));
    return toConnection(page, first, asked.length, (i) => [i.createdAt.toISOString(), i.id]);
  },
};
