import { scopeOf } from '@crm/auth';
import { reachesCustomer } from '@crm/customer-replica';
import { forbidden, payload, viewerOf } from '@crm/subgraph';
import type { CustomerResolvers, Resolvers } from '../__generated__/resolvers-types';
import { setHealthWeights, weightList } from '../domain/set-health-weights';
import type { CustomerFacts } from '../db/health-facts';
import { customerHealth, type Health } from '../domain/health';

export type CustomerHealthView = CustomerFacts & Health;

/** The customer's health, or null when unknown or out of the viewer's scope. */
export const health: CustomerResolvers['health'] = async (customer, _, ctx) => {
  const viewer = viewerOf(ctx);
  if (scopeOf(viewer, 'analytics.read') === 'none')
    throw forbidden('your roles cannot read analytics');
  const facts = await ctx.loaders.customerFacts.load(customer.id);
  if (!facts) return null;
  // narrower scopes are judged on the replica; an unreplicated customer is out of reach
  if (!reachesCustomer(viewer, 'analytics.read', facts.ownership)) return null;
  return { ...facts, ...customerHealth(facts, ctx.now, await ctx.loaders.healthWeights()) };
};

export const healthResolvers: Resolvers = {
  Query: {
    healthWeights: async (_, __, ctx) => {
      if (scopeOf(viewerOf(ctx), 'analytics.read') !== 'all')
        throw forbidden('the weights need analytics for all customers');
      return weightList(await ctx.loaders.healthWeights());
    },
  },
  Mutation: {
    setHealthWeights: async (_, { input }, ctx) =>
      payload('weights', await setHealthWeights(ctx.dataSource, viewerOf(ctx), input)),
  },
  CustomerHealth: {
    history: async (h, { first }, ctx) =>
      (await ctx.loaders.healthHistory.load(h.customerId))
        .slice(0, Math.max(0, Math.min(first ?? 20, 100)))
        .map((s) => ({ score: s.score, churnRisk: s.churn_risk, at: s.at })),
  },
};
