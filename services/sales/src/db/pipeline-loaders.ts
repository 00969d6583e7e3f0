import { loaderByKey, loaderOfLists } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { findStageHistories, findOpportunitiesByIds } from './opportunities';
import { findStagesByIds } from './stages';
import { findOpportunitiesOfCustomers } from './opportunity-lists';
import { findActivitiesByIds, findFollowUpPlans, findActivitiesOfCustomers } from './activities';
import { findOpenTasksOfCustomers, findTasksByIds } from './tasks';
import { findLeadsByIds } from './leads';
import { findLinesOfQuotes, findQuotesByIds, findQuotesOfCustomers } from './quotes';

function createPipelineLoaders(dataSource: DataSource) {
  const tx = dataSource.manager;
  return {
    opportunity: loaderByKey(
      (ids: readonly string[]) => findOpportunitiesByIds(tx, ids),
      (o) => o.id,
    ),
    stage: loaderByKey(
      (ids: readonly string[]) => findStagesByIds(tx, ids),
      (s) => s.id,
    ),
    stageHistory: loaderOfLists(
      (ids: readonly string[]) => findStageHistories(tx, ids),
      (c) => c.opportunityId,
    ),
    opportunitiesOfCustomer: loaderOfLists(
      (ids: readonly string[]) => findOpportunitiesOfCustomers(tx, ids),
      (o) => o.customerId,
    ),
    activity: loaderByKey(
      (ids: readonly string[]) => findActivitiesByIds(tx, ids),
      (a) => a.id,
    ),
    activitiesOfCustomer: loaderOfLists(
      (ids: readonly string[]) => findActivitiesOfCustomers(tx, ids),
      (a) => a.customerId,
    ),
    followUpPlan: loaderByKey(
      (ids: readonly string[]) => findFollowUpPlans(tx, ids),
      (p) => p.customerId,
    ),
    task: loaderByKey(
      (ids: readonly string[]) => findTasksByIds(tx, ids),
      (t) => t.id,
    ),
    openTasksOfCustomer: loaderOfLists(
      (ids: readonly string[]) => findOpenTasksOfCustomers(tx, ids),
      (t) => t.customerId as string,
    ),
    quote: loaderByKey(
      (ids: readonly string[]) => findQuotesByIds(tx, ids),
      (q) => q.id,
    ),
    quoteLines: loaderOfLists(
      (ids: readonly string[]) => findLinesOfQuotes(tx, ids),
      (l) => l.quoteId,
    ),
    quotesOfCustomer: loaderOfLists(
      (ids: readonly string[]) => findQuotesOfCustomers(tx, ids),
      (q) => q.customerId,
    ),
    lead: loaderByKey(
      (ids: readonly string[]) => findLeadsByIds(tx, ids),
      (l) => l.leadId,
    ),
  };
}

export type PipelineLoaders = ReturnType<typeof createPipelineLoaders>;

const perRequest = new WeakMap<object, PipelineLoaders>();

/**
 * Per-request loaders of the pipeline records, kept beside the request's context object (the
 * context is created per request, so they live and die with it).
 */
export function pipelineLoaders(context: { dataSource: DataSource }): PipelineLoaders {
  let loaders = perRequest.get(context);
  if (!loaders) {
    loaders = createPipelineLoaders(context.dataSource);
    perRequest.set(context, loaders);
  }
  return loaders;
}
