import { findCustomerReplicas } from '@crm/customer-replica';
import { idsOnly, loaderByKey, loaderOfLists } from '@crm/subgraph';
import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import {
  pageFeedbackByCustomer,
  type CustomerPageArgs,
  type CustomerPageRow,
} from './feedback-lists';
import { findFeedbackItemsByIds } from './feedback-items';
import { linkedFeedbackIds } from './idea-links';
import { ideaIdsOfCustomers } from './idea-requesters';
import { votesOfIdeas } from './idea-votes';
import { findIdeasByIds } from './ideas';

/** Per-request loaders: one SQL query per entity type (and per list field) per request. */
export function createLoaders(dataSource: DataSource) {
  const tx = dataSource.manager;
  // Customers asked for with the same page arguments share one loader, hence one query.
  const pages = new Map<string, DataLoader<string, CustomerPageRow[]>>();
  return {
    feedbackItem: loaderByKey(
      idsOnly((ids) => findFeedbackItemsByIds(tx, ids)),
      (f) => f.id,
    ),
    idea: loaderByKey(
      idsOnly((ids) => findIdeasByIds(tx, ids)),
      (i) => i.id,
    ),
    feedbackOfIdea: loaderOfLists(
      (ids: readonly string[]) => linkedFeedbackIds(tx, ids),
      (l) => l.ideaId,
    ),
    votesOfIdea: loaderOfLists(
      (ids: readonly string[]) => votesOfIdeas(tx, ids),
      (v) => v.ideaId,
    ),
    ideasOfCustomer: loaderOfLists(
      idsOnly((ids) => ideaIdsOfCustomers(tx, ids)),
      (r) => r.customerId,
    ),
    customer: loaderByKey(
      idsOnly((ids) => findCustomerReplicas(tx, ids)),
      (c) => c.id,
    ),
    feedbackOfCustomer(args: CustomerPageArgs): DataLoader<string, CustomerPageRow[]> {
      const key = JSON.stringify(args);
      let loader = pages.get(key);
      if (!loader) {
        loader = loaderOfLists(
          (ids: readonly string[]) => pageFeedbackByCustomer(tx, ids, args),
          (r) => r.customerId,
        );
        pages.set(key, loader);
      }
      return loader;
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
