import { scopeOf } from '@crm/auth';
import { forbidden, payload, viewerOf } from '@crm/subgraph';
import type { Resolvers } from '../__generated__/resolvers-types';
import { findTeamHandover } from '../db/handover';
import { effectivePoolSettings } from '../db/pool';
import { claimCustomer, releaseCustomer } from '../domain/pool-claims';
import { setPoolSettings, setTeamHandover } from '../domain/sales-settings';
import { transferCustomers } from '../domain/transfer-customers';
import { employee } from './references';

export const ownershipResolvers: Resolvers = {
  Query: {
    poolSettings: (_, { teamId }, ctx) => {
      if (scopeOf(viewerOf(ctx), 'customers.read') === 'none')
        throw forbidden('your roles cannot see customers');
      return effectivePoolSettings(ctx.dataSource.manager, teamId ?? null);
    },
    teamHandover: async (_, { teamId }, ctx) => {
      const viewer = viewerOf(ctx);
      if (scopeOf(viewer, 'sales.settings') === 'none')
        throw forbidden('only sales managers and admins see hand-over settings');
      if (scopeOf(viewer, 'sales.settings') === 'team' && !viewer.managedTeamIds.includes(teamId))
        throw forbidden(`team ${teamId} is not one you manage`);
      return findTeamHandover(ctx.dataSource.manager, teamId);
    },
  },
  Mutation: {
    transferCustomers: async (_, { input }, ctx) =>
      payload('customers', await transferCustomers(ctx.dataSource, viewerOf(ctx), input as never)),
    claimCustomer: async (_, { input }, ctx) =>
      payload('customer', await claimCustomer(ctx.dataSource, viewerOf(ctx), input)),
    releaseCustomer: async (_, { input }, ctx) =>
      payload('customer', await releaseCustomer(ctx.dataSource, viewerOf(ctx), input)),
    setPoolSettings: async (_, { input }, ctx) =>
      payload('settings', await setPoolSettings(ctx.dataSource, viewerOf(ctx), input)),
    setTeamHandover: async (_, { input }, ctx) =>
      payload('handover', await setTeamHandover(ctx.dataSource, viewerOf(ctx), input)),
  },
  TeamHandover: {
    rep: (h) => employee(h.repId),
  },
};
