import type { BaseContext } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { Loaders } from './db/loaders';
import type { TokenSigner } from './domain/token-signer';

export interface IdentityContext extends BaseContext {
  dataSource: DataSource;
  signer: TokenSigner;
  refreshTtlSeconds: number;
  loaders: Loaders;
}
