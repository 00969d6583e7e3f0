import { scopeOf } from '@crm/auth';
import { Where } from '@crm/database';
import { decodeCursor, pageSize, payload, toConnection, viewerOf } from '@crm/subgraph';
import type { QueryQuotesArgs, Resolvers } from '../__generated__/resolvers-types';
import type { SalesContext as Ctx } from '../context';
import { pipelineLoaders } from '../db/pipeline-loaders';
import { listQuotes } from '../db/quotes';
import { decideQuote, submitQuote } from '../domain/quotes/decide-quote';
import { createQuote, updateQuote } from '../domain/quotes/save-quote';
import { mayReach, restrictAssigned } from '../domain/opportunities/scope';
import { visibleCustomer } from './customer';
import { visibleOpportunity } from './opportunities';
import { pageOfList } from './list-page';
import { employee } from './references';

async function quotesConnection(args: QueryQuotesArgs, ctx: Ctx) {
  const viewer = viewerOf(ctx);
  const first = pageSize(args);
  const where = new Where();
  restrictAssigned(where, viewer, scopeOf(viewer, 'opportunities.read'), {
    owner: 'q.owner_id',
    team: 'q.team_id',
  });
  const f = args.filter ?? {};
  if (f.customerIds?.length) where.add('q.customer_id = ANY(?::uuid[])', f.customerIds);
  if (f.ownerIds?.length) where.add('q.owner_id = ANY(?::uuid[])', f.ownerIds);
  if (f.statuses?.length) where.add('q.status = ANY(?::text[])', f.statuses);
  if (f.awaitingMyDecision) {
    where.add("q.status = 'PENDING_APPROVAL' AND q.owner_id <> ?", viewer.id);
    const scope = scopeOf(viewer, 'quotes.approve');
    if (scope === 'none') where.add('false');
    if (scope === 'team') where.add('q.team_id = ANY(?::uuid[])', viewer.managedTeamIds);
  }
  const { rows, total } = await listQuotes(ctx.dataSource.manager, where, {
    limit: first,
    after: decodeCursor(args.after) as [string, string] | null,
  });
  for (const q of rows) pipelineLoaders(ctx).quote.prime(q.id, q);
  return toConnection(rows, first, total, (q) => [q.createdAt.toISOString(), q.id]);
}

const money = (amount: string, currency: string) => ({ amount, currency });

export const quoteResolvers: Resolvers = {
  Query: {
    quote: async (_, { id }, ctx) => {
      const q = await pipelineLoaders(ctx).quote.load(id);
      return q && mayReach(viewerOf(ctx), 'opportunities.read', q) ? q : null;
    },
    quotes: (_, args, ctx) => quotesConnection(args, ctx),
  },
  Mutation: {
    createQuote: async (_, { input }, ctx) =>
      payload('quote', await createQuote(ctx.dataSource, viewerOf(ctx), input as never)),
    updateQuote: async (_, { input }, ctx) =>
      payload('quote', await updateQuote(ctx.dataSource, viewerOf(ctx), input as never)),
    submitQuote: async (_, { input }, ctx) =>
      payload('quote', await submitQuote(ctx.dataSource, viewerOf(ctx), input)),
    approveQuote: async (_, { input }, ctx) =>
      payload('quote', await decideQuote(ctx.dataSource, viewerOf(ctx), input, 'APPROVED')),
    rejectQuote: async (_, { input }, ctx) =>
      payload('quote', await decideQuote(ctx.dataSource, viewerOf(ctx), input, 'REJECTED')),
  },
  Quote: {
    customer: (q, _, ctx) => visibleCustomer(q.customerId, ctx),
    opportunity: (q, _, ctx) => (q.opportunityId ? visibleOpportunity(q.opportunityId, ctx) : null),
    lines: (q, _, ctx) =>
      pipelineLoaders(ctx)
        .quoteLines.load(q.id)
        .then((lines) => lines.map((l) => ({ ...l, currency: q.currency }))),
    listTotal: (q) => money(q.listTotal, q.currency),
    subtotal: (q) => money(q.subtotal, q.currency),
    total: (q) => money(q.total, q.currency),
    owner: (q) => employee(q.ownerId),
    decidedBy: (q) => employee(q.decidedBy),
  },
  QuoteLine: {
    unitPrice: (l) => money(l.unitPrice, l.currency),
    lineTotal: (l) => money(l.lineTotal, l.currency),
  },
  Customer: {
    quotes: async (c, args, ctx) =>
      pageOfList(
        (await pipelineLoaders(ctx).quotesOfCustomer.load(c.id)).filter((q) =>
          mayReach(viewerOf(ctx), 'opportunities.read', q),
        ),
        args,
      ),
  },
};
