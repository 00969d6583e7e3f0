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
import type { ForecastRow } from '../db/forecast';
import {
  filterOpportunities,
  listOpportunities,
  opportunitySortKey,
  type OpportunityFilter,
  type OpportunitySortField,
} from '../db/opportunity-lists';
import type { Opportunity, OpportunityStatus, StageChange } from '../db/opportunities';
import { pipelineLoaders } from '../db/pipeline-loaders';
import { listStages, type Stage } from '../db/stages';
import { configureStages } from '../domain/opportunities/configure-stages';
import { createOpportunity } from '../domain/opportunities/create-opportunity';
import { weightedAmount } from '../domain/opportunities/decimal';
import { salesForecast, type ForecastArgs } from '../domain/opportunities/forecast';
import { closeOpportunity, moveOpportunityStage } from '../domain/opportunities/move-stage';
import { mayReach, restrictAssigned } from '../domain/opportunities/scope';
import { updateOpportunity } from '../domain/opportunities/update-opportunity';
import { visibleCustomer } from './customer';

type Input = { input: Record<string, unknown> };
const employee = (id: string | null) => (id ? { __typename: 'Employee', id } : null);

export interface OpportunitiesArgs extends PageArgs {
  filter?: OpportunityFilter | null;
  orderBy?: { field: OpportunitySortField; direction: 'ASC' | 'DESC' } | null;
}

async function visibleOpportunity(id: string, ctx: Ctx): Promise<Opportunity | null> {
  const o = await pipelineLoaders(ctx).opportunity.load(id);
  return o && mayReach(viewerOf(ctx), 'opportunities.read', o) ? o : null;
}

export async function opportunitiesConnection(args: OpportunitiesArgs, ctx: Ctx) {
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

export const opportunityResolvers = {
  Query: {
    pipelineStages: (_: unknown, __: unknown, ctx: Ctx) => listStages(ctx.dataSource.manager),
    opportunity: (_: unknown, { id }: { id: string }, ctx: Ctx) => visibleOpportunity(id, ctx),
    opportunities: (_: unknown, args: OpportunitiesArgs, ctx: Ctx) =>
      opportunitiesConnection(args, ctx),
    salesForecast: (_: unknown, args: ForecastArgs, ctx: Ctx) =>
      salesForecast(ctx.dataSource, viewerOf(ctx), args),
  },
  Mutation: {
    createOpportunity: async (_: unknown, { input }: Input, ctx: Ctx) =>
      payload(
        'opportunity',
        await createOpportunity(ctx.dataSource, viewerOf(ctx), input as never),
      ),
    updateOpportunity: async (_: unknown, { input }: Input, ctx: Ctx) =>
      payload(
        'opportunity',
        await updateOpportunity(ctx.dataSource, viewerOf(ctx), input as never),
      ),
    moveOpportunityStage: async (_: unknown, { input }: Input, ctx: Ctx) =>
      payload(
        'opportunity',
        await moveOpportunityStage(ctx.dataSource, viewerOf(ctx), input as never),
      ),
    markOpportunityWon: async (_: unknown, { input }: Input, ctx: Ctx) =>
      payload(
        'opportunity',
        await closeOpportunity(ctx.dataSource, viewerOf(ctx), input as never, 'WON'),
      ),
    markOpportunityLost: async (_: unknown, { input }: Input, ctx: Ctx) =>
      payload(
        'opportunity',
        await closeOpportunity(ctx.dataSource, viewerOf(ctx), input as never, 'LOST'),
      ),
    configurePipelineStages: async (_: unknown, { input }: Input, ctx: Ctx) =>
      payload('stages', await configureStages(ctx.dataSource, viewerOf(ctx), input)),
  },
  Opportunity: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => visibleOpportunity(ref.id, ctx),
    customer: (o: Opportunity, _: unknown, ctx: Ctx) => visibleCustomer(o.customerId, ctx),
    amount: (o: Opportunity) => money(o.amount, o.currency),
    weightedAmount: async (o: Opportunity, _: unknown, ctx: Ctx) =>
      money(weightedAmount(o.amount, (await stageOf(o, ctx)).probability), o.currency),
    stage: (o: Opportunity, _: unknown, ctx: Ctx) => stageOf(o, ctx),
    probability: async (o: Opportunity, _: unknown, ctx: Ctx) =>
      (await stageOf(o, ctx)).probability,
    owner: (o: Opportunity) => employee(o.ownerId),
    history: (o: Opportunity, _: unknown, ctx: Ctx) => pipelineLoaders(ctx).stageHistory.load(o.id),
  },
  StageChange: {
    from: (c: StageChange, _: unknown, ctx: Ctx) =>
      c.fromStageId ? pipelineLoaders(ctx).stage.load(c.fromStageId) : null,
    to: (c: StageChange, _: unknown, ctx: Ctx) => pipelineLoaders(ctx).stage.load(c.toStageId),
    changedBy: (c: StageChange) => employee(c.changedBy),
  },
  ForecastRow: {
    owner: (r: ForecastRow) => employee(r.ownerId),
    openAmount: (r: ForecastRow) => money(r.openAmount, r.currency),
    weightedAmount: (r: ForecastRow) => money(r.weightedAmount, r.currency),
    wonAmount: (r: ForecastRow) => money(r.wonAmount, r.currency),
    forecastAmount: (r: ForecastRow & { forecastAmount: string }) =>
      money(r.forecastAmount, r.currency),
  },
  Customer: {
    opportunities: async (
      c: { id: string },
      { statuses }: { statuses?: OpportunityStatus[] | null },
      ctx: Ctx,
    ) => {
      const viewer = viewerOf(ctx);
      const all = await pipelineLoaders(ctx).opportunitiesOfCustomer.load(c.id);
      return all.filter(
        (o) =>
          mayReach(viewer, 'opportunities.read', o) &&
          (!statuses?.length || statuses.includes(o.status)),
      );
    },
  },
  Employee: {
    opportunities: (e: { id: string }, args: OpportunitiesArgs, ctx: Ctx) =>
      opportunitiesConnection(
        { ...args, filter: { ...(args.filter ?? {}), ownerIds: [e.id] } },
        ctx,
      ),
  },
};
