import type { BaseContext } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { Loaders } from './db/loaders';

export interface AnalyticsContext extends BaseContext {
  dataSource: DataSource;
  loaders: Loaders;
  /** The instant every health figure of this request is computed at. */
  now: Date;
  /** The business time zone reports bucket days in. */
  timeZone: string;
}
