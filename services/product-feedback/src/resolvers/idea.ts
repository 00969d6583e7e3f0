import { scopeOf } from '@crm/auth';
import { reachesCustomer } from '@crm/customer-replica';
import { decodeCursor, pageSize, toConnection } from '@crm/subgraph';
import type {
  ChangelogEntryResolvers,
  IdeaResolvers,
  IdeaVoteResolvers,
  QueryChangelogArgs,
  QueryIdeasArgs,
} from '../__generated__/resolvers-types';
import type { ProductFeedbackContext as Ctx } from '../context';
import { listChangelog } from '../db/changelog';
import type { FeedbackItem } from '../db/feedback-items';
import { listIdeas } from '../db/ideas';
import { readerOf } from './feedback';

/** Every role that reads feedback reads ideas (their linked items stay scoped). */
export function ideaById(id: string, ctx: Ctx) {
  readerOf(ctx);
  return ctx.loaders.idea.load(id);
}

export async function ideasConnection(args: QueryIdeasArgs, ctx: Ctx) {
  readerOf(ctx);
  const first = pageSize(args);
  const after = decodeCursor(args.after) as [string, string] | null;
  const { rows, total } = await listIdeas(ctx.dataSource.manager, args.filter ?? {}, {
    limit: first,
    after,
  });
  for (const row of rows) ctx.loaders.idea.prime(row.id, row);
  return toConnection(rows, first, total, (i) => [i.createdAt.toISOString(), i.id]);
}

/** What shipped, newest first: every role that reads ideas reads it. */
export async function changelogConnection(args: QueryChangelogArgs, ctx: Ctx) {
  readerOf(ctx);
  const first = pageSize(args);
  const after = decodeCursor(args.after) as [string, string] | null;
  const { rows, total } = await listChangelog(ctx.dataSource.manager, { limit: first, after });
  return toConnection(rows, first, total, (e) => [e.shippedAt.toISOString(), e.ideaId]);
}

export const changelogEntryResolvers: ChangelogEntryResolvers = {
  idea: async (e, _, ctx) => (await ctx.loaders.idea.load(e.ideaId))!,
  shippedBy: (e) => ({ id: e.shippedBy }),
};

/** Those of the records whose customer is within the viewer's feedback scope. */
async function inScope<T extends { customerId: string }>(records: T[], ctx: Ctx): Promise<T[]> {
  const viewer = readerOf(ctx);
  if (scopeOf(viewer, 'feedback.read') === 'all') return records;
  const customers = await ctx.loaders.customer.loadMany(records.map((r) => r.customerId));
  return records.filter((_, n) => {
    const customer = customers[n];
    return reachesCustomer(viewer, 'feedback.read', customer instanceof Error ? null : customer);
  });
}

async function visibleLinkedFeedback(ideaId: string, ctx: Ctx): Promise<FeedbackItem[]> {
  const links = await ctx.loaders.feedbackOfIdea.load(ideaId);
  const items = await ctx.loaders.feedbackItem.loadMany(links.map((l) => l.feedbackId));
  return inScope(
    items.filter((i): i is FeedbackItem => !!i && !(i instanceof Error)),
    ctx,
  );
}

export const ideaResolvers: IdeaResolvers = {
  __resolveReference: (ref, ctx) => ideaById(ref.id, ctx),
  duplicateOf: (i, _, ctx) => (i.duplicateOf ? ctx.loaders.idea.load(i.duplicateOf) : null),
  feedback: (i, _, ctx) => visibleLinkedFeedback(i.id, ctx),
  votes: async (i, _, ctx) => inScope(await ctx.loaders.votesOfIdea.load(i.id), ctx),
  createdBy: (i) => ({ id: i.createdBy }),
};

export const ideaVoteResolvers: IdeaVoteResolvers = {
  customer: (v) => ({ id: v.customerId }),
  votedBy: (v) => ({ id: v.votedBy }),
};
