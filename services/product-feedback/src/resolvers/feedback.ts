import { scopeOf } from '@crm/auth';
import { reachesCustomer, restrictToReplicaScope } from '@crm/customer-replica';
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
  FeedbackItemResolvers,
  QueryFeedbackItemsArgs,
} from '../__generated__/resolvers-types';
import type { ProductFeedbackContext as Ctx } from '../context';
import type { FeedbackItem } from '../db/feedback-items';
import { filterFeedback, listFeedback, sortKeyOf } from '../db/feedback-lists';

export function readerOf(ctx: Ctx) {
  const viewer = viewerOf(ctx);
  if (scopeOf(viewer, 'feedback.read') === 'none')
    throw forbidden('your roles cannot see feedback');
  return viewer;
}

/** An item the viewer may see, or null (not found and out of scope look the same). */
export async function visibleFeedbackItem(id: string, ctx: Ctx): Promise<FeedbackItem | null> {
  const viewer = readerOf(ctx);
  const item = await ctx.loaders.feedbackItem.load(id);
  if (!item) return null;
  const customer = await ctx.loaders.customer.load(item.customerId);
  return reachesCustomer(viewer, 'feedback.read', customer) ? item : null;
}

export async function feedbackItemsConnection(args: QueryFeedbackItemsArgs, ctx: Ctx) {
  const viewer = readerOf(ctx);
  const first = pageSize(args);
  const sort = {
    field: args.orderBy?.field ?? 'CREATED_AT',
    direction: args.orderBy?.direction ?? 'DESC',
  } as const;
  const after = decodeCursor(args.after) as [string, string] | null;
  requireIds({ 'filter.customerId': args.filter?.customerId });
  const where = new Where();
  restrictToReplicaScope(where, viewer, scopeOf(viewer, 'feedback.read'));
  filterFeedback(where, args.filter ?? {});
  const { rows, total } = await listFeedback(ctx.dataSource.manager, where, sort, {
    limit: first,
    after,
  });
  for (const row of rows) ctx.loaders.feedbackItem.prime(row.id, row);
  return toConnection(rows, first, total, (f) => [sortKeyOf(f, sort.field), f.id]);
}

export const feedbackItemResolvers: FeedbackItemResolvers = {
  __resolveReference: (ref, ctx) => visibleFeedbackItem(ref.id, ctx),
  customer: (f) => ({ id: f.customerId }),
  createdBy: (f) => ({ id: f.createdBy }),
  ticket: (f) => linkOf(f, 'TICKET'),
  opportunity: (f) => linkOf(f, 'OPPORTUNITY'),
  campaign: (f) => linkOf(f, 'CAMPAIGN'),
};

function linkOf(f: FeedbackItem, origin: FeedbackItem['origin']) {
  return f.origin === origin && f.originId ? { id: f.originId } : null;
}
