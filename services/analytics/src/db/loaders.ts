import { loaderByKey } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { findCustomerFacts } from './health-facts';

/** Per-request loaders: one SQL query per batch of customers. */
export function createLoaders(dataSource: DataSource, now: Date) {
  return {
    customerFacts: loaderByKey(
      (ids: readonly string[]) => findCustomerFacts(dataSource.manager, now, ids),
      (f) => f.customerId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
