import { scopeOf } from '@crm/auth';
import { reachesCustomer } from '@crm/customer-replica';
import { decodeCursor, pageSize, toConnection } from '@crm/subgraph';
import type { ProductFeedbackContext as Ctx } from '../context';
import type { FeedbackKind } from '../db/feedback-items';
import { readerOf } from './feedback';

export interface CustomerFeedbackArgs {
  first?: number | null;
  after?: string | null;
  kind?: FeedbackKind | null;
}

/** Product feedback's fields on the sales-owned Customer. */
export const customerResolvers = {
  __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  feedback: async (customer: { id: string }, args: CustomerFeedbackArgs, ctx: Ctx) => {
    const viewer = readerOf(ctx);
    const first = pageSize(args);
    const after = decodeCursor(args.after) as [string, string] | null;
    // the replica is only needed (and loaded, batched) when the scope is narrower than all
    const inReach =
      scopeOf(viewer, 'feedback.read') === 'all' ||
      reachesCustomer(viewer, 'feedback.read', await ctx.loaders.customer.load(customer.id));
    if (!inReach) return null;
    const page = await ctx.loaders
      .feedbackOfCustomer({ kind: args.kind ?? null, limit: first + 1, after })
      .load(customer.id);
    const items = page.flatMap((p) => (p.item ? [p.item] : []));
    return toConnection(items, first, page[0]?.total ?? 0, (f) => [
      f.createdAt.toISOString(),
      f.id,
    ]);
  },
};
