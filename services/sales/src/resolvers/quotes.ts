import { scopeOf } from '@crm/auth';
import { Where } from '@crm/database';
import {
  decodeCursor,
  pageSize,
  payload,
  toConnection,
  viewerOf,
  type PageArgs,
} from '@crm/subgraph';
import type { SalesContext as Ctx } from '../context';
import { pipelineLoaders } from '../db/pipeline-loaders';
import { listQuotes, type Quote, type QuoteLine, type QuoteStatus } from '../db/quotes';
import { decideQuote, submitQuote } from '../domain/quotes/decide-quote';
import { createQuote, updateQuote } from '../domain/quotes/save-quote';
import { mayReach, restrictAssigned } from '../domain/opportunities/scope';
import { visibleCustomer } from './customer';

type Input = { input: Record<string, unknown> };
const employee = (id: string | null) => (id ? { __typename: 'Employee', id } : null);

interface QuotesArgs extends PageArgs {
  filter?: {
    customerIds?: string[] | null;
    ownerIds?: string[] | null;
    statuses?: QuoteStatus[] | null;
    awaitingMyDecision?: boolean | null;
  } | null;
}

async function quotesConnection(args: QuotesArgs, ctx: Ctx) {
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

export const quoteResolvers = {
  Query: {
    quote: async (_: unknown, { id }: { id: string }, ctx: Ctx) => {
      const q = await pipelineLoaders(ctx).quote.load(id);
      return q && mayReach(viewerOf(ctx), 'opportunities.read', q) ? q : null;
    },
    quotes: (_: unknown, args: QuotesArgs, ctx: Ctx) => quotesConnection(args, ctx),
  },
  Mutation: {
    createQuote: async (_: unknown, { input }: Input, ctx: Ctx) =>
      payload('quote', await createQuote(ctx.dataSource, viewerOf(ctx), input as never)),
    updateQuote: async (_: unknown, { input }: Input, ctx: Ctx) =>
      payload('quote', await updateQuote(ctx.dataSource, viewerOf(ctx), input as never)),
    submitQuote: async (_: unknown, { input }: Input, ctx: Ctx) =>
      payload('quote', await submitQuote(ctx.dataSource, viewerOf(ctx), input as never)),
    approveQuote: async (_: unknown, { input }: Input, ctx: Ctx) =>
      payload(
        'quote',
        await decideQuote(ctx.dataSource, viewerOf(ctx), input as never, 'APPROVED'),
      ),
    rejectQuote: async (_: unknown, { input }: Input, ctx: Ctx) =>
      payload(
        'quote',
        await decideQuote(ctx.dataSource, viewerOf(ctx), input as never, 'REJECTED'),
      ),
  },
  Quote: {
    customer: (q: Quote, _: unknown, ctx: Ctx) => visibleCustomer(q.customerId, ctx),
    opportunity: async (q: Quote, _: unknown, ctx: Ctx) => {
      if (!q.opportunityId) return null;
      const o = await pipelineLoaders(ctx).opportunity.load(q.opportunityId);
      return o && mayReach(viewerOf(ctx), 'opportunities.read', o) ? o : null;
    },
    lines: (q: Quote, _: unknown, ctx: Ctx) =>
      pipelineLoaders(ctx)
        .quoteLines.load(q.id)
        .then((lines) => lines.map((l) => ({ ...l, currency: q.currency }))),
    listTotal: (q: Quote) => money(q.listTotal, q.currency),
    subtotal: (q: Quote) => money(q.subtotal, q.currency),
    total: (q: Quote) => money(q.total, q.currency),
    owner: (q: Quote) => employee(q.ownerId),
    decidedBy: (q: Quote) => employee(q.decidedBy),
  },
  QuoteLine: {
    unitPrice: (l: QuoteLine & { currency: string }) => money(l.unitPrice, l.currency),
    lineTotal: (l: QuoteLine & { currency: string }) => money(l.lineTotal, l.currency),
  },
  Customer: {
    quotes: async (c: { id: string }, _: unknown, ctx: Ctx) =>
      (await pipelineLoaders(ctx).quotesOfCustomer.load(c.id)).filter((q) =>
        mayReach(viewerOf(ctx), 'opportunities.read', q),
      ),
  },
};
