import { scopeOf } from '@crm/auth';
import { forbidden, viewerOf } from '@crm/subgraph';
import type { Resolvers } from '../__generated__/resolvers-types';
import { analyticsOverview } from '../domain/overview';
import { health, healthResolvers } from './health';
import { reportResolvers } from './reports';

export const resolvers: Resolvers = {
  ...reportResolvers,
  ...healthResolvers,
  Query: {
    ...reportResolvers.Query,
    ...healthResolvers.Query,
    analyticsOverview: (_, __, ctx) => {
      if (scopeOf(viewerOf(ctx), 'analytics.read') !== 'all')
        throw forbidden('the overview needs analytics for all customers');
      return analyticsOverview(ctx.dataSource.manager, ctx.now);
    },
  },
  Customer: {
    __resolveReference: (ref) => ({ id: ref.id }),
    health,
  },
};
