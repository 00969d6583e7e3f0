import path from 'node:path';
import type { TokenVerifier } from '@crm/auth';
import type { Logger, ReadinessCheck } from '@crm/config';
import { createSubgraphApp, subgraphTypeDefs, type SubgraphApp } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { SalesContext } from './context';
import { createLoaders } from './db/loaders';
import { importRoutes } from './imports/routes';
import { resolvers } from './resolvers';
import { guardIds } from './resolvers/id-guard';

export interface SalesAppDeps {
  dataSource: DataSource;
  verifyToken: TokenVerifier;
  logger: Logger;
  readiness?: ReadinessCheck[];
}

export function createSalesApp(deps: SalesAppDeps): Promise<SubgraphApp<SalesContext>> {
  return createSubgraphApp<SalesContext>({
    service: 'sales',
    typeDefs: subgraphTypeDefs(path.join(__dirname, 'schema')),
    resolvers: guardIds(resolvers),
    verifyToken: deps.verifyToken,
    readiness: deps.readiness ?? [],
    logger: deps.logger,
    // bulk import of customers: multipart upload, dry run, commit, progress
    routes: importRoutes({
      dataSource: deps.dataSource,
      verifyToken: deps.verifyToken,
      logger: deps.logger,
    }),
    context: (base) => ({
      ...base,
      dataSource: deps.dataSource,
      loaders: createLoaders(deps.dataSource),
    }),
  });
}
