import { scopeOf } from '@crm/auth';
import { Where } from '@crm/database';
import { decodeCursor, pageSize, payload, toConnection, viewerOf } from '@crm/subgraph';
import type { QueryOpportunitiesArgs, Resolvers } from '../__generated__/resolvers-types';
import type { SalesContext as Ctx } from '../context';
import {
  filterOpportunities,
  listOpportunities,
  opportunitySortKey,
} from '../db/opportunity-lists';
import type { Opportunity } from '../db/opportunities';
import { pipelineLoaders } from '../db/pipeline-loaders';
import { listStages, type Stage } from '../db/stages';
import { configureStages } from '../domain/opportunities/configure-stages';
import { createOpportunity } from '../domain/opportunities/create-opportunity';
import { weightedAmount } from '../domain/opportunities/decimal';
import { salesForecast } from '../domain/opportunities/forecast';
import { closeOpportunity, moveOpportunityStage } from '../domain/opportunities/move-stage';
import { maySeeDeal } from '../domain/opportunities/deal-visibility';
import { mayReach, restrictAssigned } from '../domain/opportunities/scope';
import { updateOpportunity } from '../domain/opportunities/update-opportunity';
import { visibleCustomer } from './customer';
import { pageOfList } from './list-page';
import { employee, team } from './references';

/** An opportunity the viewer may see (see maySeeDeal), or null. */
export async function visibleOpportunity(id: string, ctx: Ctx): Promise<Opportunity | null> {
  const o = await pipelineLoaders(ctx).opportunity.load(id);
  if (!o) return null;
  const viewer = viewerOf(ctx);
  if (mayReach(viewer, 'opportunities.read', o)) return o;
  return maySeeDeal(viewer, o, await ctx.loaders.customer.load(o.customerId)) ? o : null;
}

export async function opportunitiesConnection(args: QueryOpportunitiesArgs, ctx: Ctx) {
  const viewer = viewerOf(ctx);
  const first = pageSize(args);
  const sort = {
    field: args.orderBy?.field ?? 'CREATED_AT',
    direction: args.orderBy?.direction ?? 'DESC',
  } as const;
  const where = new Where();
  restrictAssigned(where, viewer, scopeOf(viewer, 'opportunities.read'), {
    owner: 'o.owner_id',
    team: 'o.team_id',
  });
  filterOpportunities(where, args.filter ?? {});
  const { rows, total } = await listOpportunities(ctx.dataSource.manager, where, sort, {
    limit: first,
    after: decodeCursor(args.after) as [unknown, string] | null,
  });
  for (const o of rows) pipelineLoaders(ctx).opportunity.prime(o.id, o);
  return toConnection(rows, first, total, (o) => [opportunitySortKey(o, sort.field), o.id]);
}

async function stageOf(o: Opportunity, ctx: Ctx): Promise<Stage> {
  return (await pipelineLoaders(ctx).stage.load(o.stageId)) as Stage;
}

const money = (amount: string, currency: string) => ({ amount, currency });

export const opportunityResolvers: Resolvers = {
  Query: {
    pipelineStages: (_, __, ctx) => listStages(ctx.dataSource.manager),
    opportunity: (_, { id }, ctx) => visibleOpportunity(id, ctx),
    opportunities: (_, args, ctx) => opportunitiesConnection(args, ctx),
    salesForecast: (_, args, ctx) => salesForecast(ctx.dataSource, viewerOf(ctx), args),
  },
  Mutation: {
    createOpportunity: async (_, { input }, ctx) =>
      payload(
        'opportunity',
        await createOpportunity(ctx.dataSource, viewerOf(ctx), input as never),
      ),
    updateOpportunity: async (_, { input }, ctx) =>
      payload(
        'opportunity',
        await updateOpportunity(ctx.dataSource, viewerOf(ctx), input as never),
      ),
    moveOpportunityStage: async (_, { input }, ctx) =>
      payload('opportunity', await moveOpportunityStage(ctx.dataSource, viewerOf(ctx), input)),
    markOpportunityWon: async (_, { input }, ctx) =>
      payload('opportunity', await closeOpportunity(ctx.dataSource, viewerOf(ctx), input, 'WON')),
    markOpportunityLost: async (_, { input }, ctx) =>
      payload('opportunity', await closeOpportunity(ctx.dataSource, viewerOf(ctx), input, 'LOST')),
    configurePipelineStages: async (_, { input }, ctx) =>
      payload('stages', await configureStages(ctx.dataSource, viewerOf(ctx), input)),
  },
  Opportunity: {
    __resolveReference: (ref, ctx) => visibleOpportunity(ref.id, ctx),
    customer: (o, _, ctx) => visibleCustomer(o.customerId, ctx),
    amount: (o) => money(o.amount, o.currency),
    weightedAmount: async (o, _, ctx) =>
      money(weightedAmount(o.amount, (await stageOf(o, ctx)).probability), o.currency),
    stage: (o, _, ctx) => stageOf(o, ctx),
    probability: async (o, _, ctx) => (await stageOf(o, ctx)).probability,
    owner: (o) => employee(o.ownerId),
    history: (o, _, ctx) => pipelineLoaders(ctx).stageHistory.load(o.id),
  },
  StageChange: {
    from: (c, _, ctx) => (c.fromStageId ? pipelineLoaders(ctx).stage.load(c.fromStageId) : null),
    to: async (c, _, ctx) => (await pipelineLoaders(ctx).stage.load(c.toStageId)) as Stage,
    changedBy: (c) => employee(c.changedBy),
  },
  ForecastRow: {
    owner: (r) => employee(r.ownerId),
    team: (r) => team(r.teamId),
    openAmount: (r) => money(r.openAmount, r.currency),
    weightedAmount: (r) => money(r.weightedAmount, r.currency),
    wonAmount: (r) => money(r.wonAmount, r.currency),
    forecastAmount: (r) => money(r.forecastAmount, r.currency),
  },
  Customer: {
    opportunities: async (c, { statuses, ...page }, ctx) => {
      const viewer = viewerOf(ctx);
      const all = await pipelineLoaders(ctx).opportunitiesOfCustomer.load(c.id);
      const seen = all.filter(
        (o) => maySeeDeal(viewer, o, c) && (!statuses?.length || statuses.includes(o.status)),
      );
      return pageOfList(seen, page);
    },
  },
  Employee: {
    opportunities: (e, args, ctx) =>
      opportunitiesConnection(
        { ...args, filter: { ...(args.filter ?? {}), ownerIds: [e.id] } },
        ctx,
      ),
  },
};
