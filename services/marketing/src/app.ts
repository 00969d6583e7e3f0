import path from 'node:path';
import type { TokenVerifier } from '@crm/auth';
import type { Logger, ReadinessCheck } from '@crm/config';
import { createSubgraphApp, subgraphTypeDefs, type SubgraphApp } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { MarketingContext } from './context';
import { createLoaders } from './db/loaders';
import { mountWebForm } from './http/web-form';
import { resolvers } from './resolvers';

export interface MarketingAppDeps {
  dataSource: DataSource;
  verifyToken: TokenVerifier;
  logger: Logger;
  readiness?: ReadinessCheck[];
  webForm?: {
    rateLimit: number;
    rateWindowSeconds: number;
    /** Express "trust proxy": whose X-Forwarded-For names the client. */
    trustProxy: string;
  };
}

/** "2" -> 2 hops, "true"/"false", otherwise a list of trusted addresses or subnets. */
function trustProxySetting(value: string): number | boolean | string {
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}

export function createMarketingApp(deps: MarketingAppDeps): Promise<SubgraphApp<MarketingContext>> {
  const webForm = deps.webForm ?? {
    rateLimit: 20,
    rateWindowSeconds: 60,
    trustProxy: 'loopback, linklocal, uniquelocal',
  };
  return createSubgraphApp<MarketingContext>({
    service: 'marketing',
    typeDefs: subgraphTypeDefs(path.join(__dirname, 'schema')),
    resolvers,
    verifyToken: deps.verifyToken,
    readiness: deps.readiness ?? [],
    logger: deps.logger,
    context: (base) => ({
      ...base,
      dataSource: deps.dataSource,
      loaders: createLoaders(deps.dataSource, base.viewer),
    }),
    routes: (app) => {
      app.set('trust proxy', trustProxySetting(webForm.trustProxy));
      mountWebForm(app, { dataSource: deps.dataSource, logger: deps.logger, ...webForm });
    },
  });
}
