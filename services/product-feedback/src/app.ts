import path from 'node:path';
import type { TokenVerifier } from '@crm/auth';
import type { Logger, ReadinessCheck } from '@crm/config';
import { createSubgraphApp, subgraphTypeDefs, type SubgraphApp } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { ProductFeedbackContext } from './context';
import { createLoaders } from './db/loaders';
import { resolvers } from './resolvers';

export interface ProductFeedbackAppDeps {
  dataSource: DataSource;
  verifyToken: TokenVerifier;
  logger: Logger;
  readiness?: ReadinessCheck[];
}

export function createProductFeedbackApp(
  deps: ProductFeedbackAppDeps,
): Promise<SubgraphApp<ProductFeedbackContext>> {
  return createSubgraphApp<ProductFeedbackContext>({
    service: 'product-feedback',
    typeDefs: subgraphTypeDefs(path.join(__dirname, 'schema')),
    resolvers,
    verifyToken: deps.verifyToken,
    readiness: deps.readiness ?? [],
    logger: deps.logger,
    context: (base) => ({
      ...base,
      dataSource: deps.dataSource,
      loaders: createLoaders(deps.dataSource),
    }),
  });
}
