import { loaderByKey, loaderOfLists } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { findCustomerFacts } from './health-facts';
import { healthHistories } from './health-history';
import { readHealthWeights } from './health-weights';

/** Per-request loaders: one SQL query per batch of customers. */
export function createLoaders(dataSource: DataSource, now: Date) {
  return {
    customerFacts: loaderByKey(
      (ids: readonly string[]) => findCustomerFacts(dataSource.manager, now, ids),
      (f) => f.customerId,
    ),
    /** Up to 100 snapshots per customer; the resolver takes the first n. */
    healthHistory: loaderOfLists(
      (ids: readonly string[]) => healthHistories(dataSource.manager, ids, 100),
      (h) => h.customer_id,
    ),
    /** The weights in force, read once per request. */
    healthWeights: memo(() => readHealthWeights(dataSource.manager)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

function memo<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= load());
}
