import path from 'node:path';
import type { TokenVerifier } from '@crm/auth';
import type { Logger, ReadinessCheck } from '@crm/config';
import { createSubgraphApp, subgraphTypeDefs, type SubgraphApp } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { AnalyticsContext } from './context';
import { createLoaders } from './db/loaders';
import { exportRoutes } from './export/routes';
import { resolvers } from './resolvers';

export interface AnalyticsAppDeps {
  dataSource: DataSource;
  verifyToken: TokenVerifier;
  logger: Logger;
  readiness?: ReadinessCheck[];
  /** The clock (tests pin it); health figures depend on the time of the request. */
  clock?: () => Date;
  /** The IANA zone reports bucket days in (BUSINESS_TIMEZONE); Asia/Shanghai when not given. */
  timeZone?: string;
}

export function createAnalyticsApp(deps: AnalyticsAppDeps): Promise<SubgraphApp<AnalyticsContext>> {
  const clock = deps.clock ?? (() => new Date());
  const timeZone = deps.timeZone ?? 'Asia/Shanghai';
  return createSubgraphApp<AnalyticsContext>({
    service: 'analytics',
    typeDefs: subgraphTypeDefs(path.join(__dirname, 'schema')),
    resolvers,
    verifyToken: deps.verifyToken,
    readiness: deps.readiness ?? [],
    logger: deps.logger,
    routes: exportRoutes({
      dataSource: deps.dataSource,
      verifyToken: deps.verifyToken,
      logger: deps.logger,
      timeZone,
    }),
    context: (base) => {
      const now = clock();
      return {
        ...base,
        now,
        timeZone,
        dataSource: deps.dataSource,
        loaders: createLoaders(deps.dataSource, now),
      };
    },
  });
}
