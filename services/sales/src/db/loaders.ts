import { loaderByKey } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { findCustomersByIds } from './customers';

/** Per-request loaders: one SQL query per entity type per request. */
export function createLoaders(dataSource: DataSource) {
  return {
    customer: loaderByKey(
      (ids: readonly string[]) => findCustomersByIds(dataSource.manager, ids),
      (c) => c.id,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
