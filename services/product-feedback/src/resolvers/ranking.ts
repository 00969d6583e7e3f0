import { scopeOf } from '@crm/auth';
import { badInput, forbidden, pageSize, viewerOf } from '@crm/subgraph';
import type {
  IdeaCustomerScoreResolvers,
  IdeaLostDealResolvers,
  QueryIdeaRankingArgs,
  RankedIdeaResolvers,
} from '../__generated__/resolvers-types';
import type { ProductFeedbackContext as Ctx } from '../context';
import { rankIdeas, type CustomerContribution, type RankedIdeaRow } from '../db/idea-ranking';
import type { IdeaStatus } from '../db/ideas';
import { readRankingWeights, type RankingWeights } from '../db/ranking-weights';

export type RankedIdea = RankedIdeaRow & { currency: string };
export type CustomerScore = CustomerContribution & { currency: string };
export interface Ranking {
  currency: string;
  weights: RankingWeights;
  ideas: RankedIdea[];
}

const OPEN: IdeaStatus[] = ['NEW', 'UNDER_REVIEW', 'PLANNED', 'IN_PROGRESS'];

/** The ranking shows every requesting customer's revenue: for roles that read all feedback. */
function requireWholeView(ctx: Ctx) {
  const viewer = viewerOf(ctx);
  if (scopeOf(viewer, 'feedback.read') !== 'all')
    throw forbidden('the idea ranking is for roles that read all feedback');
}

export async function ideaRanking(args: QueryIdeaRankingArgs, ctx: Ctx): Promise<Ranking> {
  requireWholeView(ctx);
  if (args.currency != null && !/^[A-Z]{3}$/.test(args.currency))
    throw badInput(`currency: ${JSON.stringify(args.currency)} is not an ISO 4217 code`);
  const first = pageSize(args);
  const tx = ctx.dataSource.manager;
  const weights = await readRankingWeights(tx);
  const currency = args.currency ?? weights.currency;
  const rows = await rankIdeas(tx, {
    statuses: args.status?.length ? args.status : OPEN,
    currency,
    limit: first,
  });
  return { currency, weights, ideas: rows.map((r) => ({ ...r, currency })) };
}

export function rankingWeights(ctx: Ctx): Promise<RankingWeights> {
  requireWholeView(ctx);
  return readRankingWeights(ctx.dataSource.manager);
}

export const rankedIdeaResolvers: RankedIdeaResolvers = {
  idea: async (r, _, ctx) => (await ctx.loaders.idea.load(r.ideaId))!,
  wonRevenue: (r) => ({ amount: r.wonRevenue, currency: r.currency }),
  openPipeline: (r) => ({ amount: r.openPipeline, currency: r.currency }),
  customers: (r) => r.customers.map((c) => ({ ...c, currency: r.currency })),
  lostRevenue: (r) => ({ amount: r.lostRevenue, currency: r.currency }),
};

export const lostDealResolvers: IdeaLostDealResolvers = {
  opportunity: (d) => ({ id: d.opportunityId }),
  // the ranking is for roles that read all feedback: the item is theirs to see
  feedback: async (d, _, ctx) => (await ctx.loaders.feedbackItem.load(d.feedbackId))!,
  customer: (d) => ({ id: d.customerId }),
  amount: (d) => ({ amount: d.amount, currency: d.currency }),
};

export const customerScoreResolvers: IdeaCustomerScoreResolvers = {
  customer: (c) => ({ id: c.customerId }),
  wonRevenue: (c) => ({ amount: c.wonRevenue, currency: c.currency }),
  openPipeline: (c) => ({ amount: c.openPipeline, currency: c.currency }),
};
