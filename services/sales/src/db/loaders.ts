import { loaderByKey, loaderOfLists } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { findContactsOfCustomers } from './contacts';
import { findLiveCustomersByIds } from './customers';

/** Per-request loaders: one SQL query per entity type per request. */
export function createLoaders(dataSource: DataSource) {
  return {
    // a merged customer's id loads the customer it was merged into
    customer: loaderByKey(
      (ids: readonly string[]) => findLiveCustomersByIds(dataSource.manager, ids),
      (c) => c.requestedId,
    ),
    contactsOfCustomer: loaderOfLists(
      (ids: readonly string[]) => findContactsOfCustomers(dataSource.manager, ids),
      (c) => c.customerId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
