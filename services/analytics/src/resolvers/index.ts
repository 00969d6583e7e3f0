import { scopeOf } from '@crm/auth';
import { reachesCustomer } from '@crm/customer-replica';
import { forbidden, viewerOf } from '@crm/subgraph';
import type { AnalyticsContext as Ctx } from '../context';
import { customerHealth } from '../domain/health';
import { analyticsOverview } from '../domain/overview';

/** The customer's health, or null when unknown or out of the viewer's scope. */
async function health(customer: { id: string }, _: unknown, ctx: Ctx) {
  const viewer = viewerOf(ctx);
  if (scopeOf(viewer, 'analytics.read') === 'none')
    throw forbidden('your roles cannot read analytics');
  const facts = await ctx.loaders.customerFacts.load(customer.id);
  if (!facts) return null;
  // narrower scopes are judged on the replica; an unreplicated customer is out of reach
  if (!reachesCustomer(viewer, 'analytics.read', facts.ownership)) return null;
  return { ...facts, ...customerHealth(facts, ctx.now) };
}

export const resolvers = {
  Query: {
    analyticsOverview: (_: unknown, __: unknown, ctx: Ctx) => {
      if (scopeOf(viewerOf(ctx), 'analytics.read') !== 'all')
        throw forbidden('the overview needs analytics for all customers');
      return analyticsOverview(ctx.dataSource.manager, ctx.now);
    },
  },
  Customer: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    health,
  },
};
