import { scopeOf } from '@crm/auth';
import { reachesCustomer, restrictToReplicaScope } from '@crm/customer-replica';
import { Where } from '@crm/database';
import {
  badInput,
  decodeCursor,
  forbidden,
  pageSize,
  toConnection,
  viewerOf,
  type PageArgs,
} from '@crm/subgraph';
import type { ProductFeedbackContext as Ctx } from '../context';
import type { FeedbackItem } from '../db/feedback-items';
import {
  filterFeedback,
  listFeedback,
  sortKeyOf,
  type FeedbackFilter,
  type FeedbackSortField,
} from '../db/feedback-lists';
import { z } from 'zod';

const isId = (value: string) => z.uuid().safeParse(value).success;

export interface FeedbackItemsArgs extends PageArgs {
  filter?: FeedbackFilter | null;
  orderBy?: { field: FeedbackSortField; direction: 'ASC' | 'DESC' } | null;
}

export function readerOf(ctx: Ctx) {
  const viewer = viewerOf(ctx);
  if (scopeOf(viewer, 'feedback.read') === 'none')
    throw forbidden('your roles cannot see feedback');
  return viewer;
}

/** An item the viewer may see, or null (not found and out of scope look the same). */
export async function visibleFeedbackItem(id: string, ctx: Ctx): Promise<FeedbackItem | null> {
  const viewer = readerOf(ctx);
  const item = isId(id) ? await ctx.loaders.feedbackItem.load(id) : null;
  if (!item) return null;
  const customer = await ctx.loaders.customer.load(item.customerId);
  return reachesCustomer(viewer, 'feedback.read', customer) ? item : null;
}

export async function feedbackItemsConnection(args: FeedbackItemsArgs, ctx: Ctx) {
  const viewer = readerOf(ctx);
  const first = pageSize(args);
  const sort = {
    field: args.orderBy?.field ?? 'CREATED_AT',
    direction: args.orderBy?.direction ?? 'DESC',
  } as const;
  const after = decodeCursor(args.after) as [string, string] | null;
  const customerId = args.filter?.customerId;
  if (customerId && !isId(customerId))
    throw badInput(`filter.customerId is not a valid id (got ${JSON.stringify(customerId)})`);
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

export const feedbackItemResolvers = {
  __resolveReference: (ref: { id: string }, ctx: Ctx) => visibleFeedbackItem(ref.id, ctx),
  customer: (f: FeedbackItem) => ({ __typename: 'Customer', id: f.customerId }),
  createdBy: (f: FeedbackItem) => ({ __typename: 'Employee', id: f.createdBy }),
};
