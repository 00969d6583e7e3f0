import path from 'node:path';
import type { TokenVerifier } from '@crm/auth';
import type { Logger, ReadinessCheck } from '@crm/config';
import { createSubgraphApp, subgraphTypeDefs, type SubgraphApp } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { CustomerServiceContext } from './context';
import { createLoaders } from './db/loaders';
import { mountCsat } from './http/csat';
import { resolvers } from './resolvers';

export interface CustomerServiceAppDeps {
  dataSource: DataSource;
  verifyToken: TokenVerifier;
  logger: Logger;
  readiness?: ReadinessCheck[];
}

export function createCustomerServiceApp(
  deps: CustomerServiceAppDeps,
): Promise<SubgraphApp<CustomerServiceContext>> {
  return createSubgraphApp<CustomerServiceContext>({
    service: 'customer-service',
    typeDefs: subgraphTypeDefs(path.join(__dirname, 'schema')),
    resolvers,
    verifyToken: deps.verifyToken,
    readiness: deps.readiness ?? [],
    logger: deps.logger,
    routes: (app) => mountCsat(app, { dataSource: deps.dataSource, logger: deps.logger }),
    context: (base) => ({
      ...base,
      dataSource: deps.dataSource,
      loaders: createLoaders(deps.dataSource, base.viewer),
    }),
  });
}
