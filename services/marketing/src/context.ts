import type { BaseContext } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { Loaders } from './db/loaders';

export interface MarketingContext extends BaseContext {
  dataSource: DataSource;
  loaders: Loaders;
}
