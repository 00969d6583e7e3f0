import { scopeOf } from '@crm/auth';
import { forbidden, payload, viewerOf } from '@crm/subgraph';
import type { SalesContext as Ctx } from '../context';
import { findTeamHandover, type TeamHandover } from '../db/handover';
import { effectivePoolSettings } from '../db/pool';
import { claimCustomer, releaseCustomer } from '../domain/pool-claims';
import { setPoolSettings, setTeamHandover } from '../domain/sales-settings';
import { transferCustomers } from '../domain/transfer-customers';

type Input<T = Record<string, unknown>> = { input: T };

export const ownershipResolvers = {
  Query: {
    poolSettings: (_: unknown, { teamId }: { teamId?: string | null }, ctx: Ctx) => {
      if (scopeOf(viewerOf(ctx), 'customers.read') === 'none')
        throw forbidden('your roles cannot see customers');
      return effectivePoolSettings(ctx.dataSource.manager, teamId ?? null);
    },
    teamHandover: async (_: unknown, { teamId }: { teamId: string }, ctx: Ctx) => {
      const viewer = viewerOf(ctx);
      if (scopeOf(viewer, 'sales.settings') === 'none')
        throw forbidden('only sales managers and admins see hand-over settings');
      if (scopeOf(viewer, 'sales.settings') === 'team' && !viewer.managedTeamIds.includes(teamId))
        throw forbidden(`team ${teamId} is not one you manage`);
      return findTeamHandover(ctx.dataSource.manager, teamId);
    },
  },
  Mutation: {
    transferCustomers: async (
      _: unknown,
      { input }: Input<{ customerIds: string[]; toOwnerId: string | null }>,
      ctx: Ctx,
    ) => payload('customers', await transferCustomers(ctx.dataSource, viewerOf(ctx), input)),
    claimCustomer: async (_: unknown, { input }: Input<{ customerId: string }>, ctx: Ctx) =>
      payload('customer', await claimCustomer(ctx.dataSource, viewerOf(ctx), input)),
    releaseCustomer: async (_: unknown, { input }: Input<{ customerId: string }>, ctx: Ctx) =>
      payload('customer', await releaseCustomer(ctx.dataSource, viewerOf(ctx), input)),
    setPoolSettings: async (_: unknown, { input }: Input, ctx: Ctx) =>
      payload('settings', await setPoolSettings(ctx.dataSource, viewerOf(ctx), input)),
    setTeamHandover: async (
      _: unknown,
      { input }: Input<{ teamId: string; mode: 'MANAGER_PICKS_REP' | 'PUBLIC_POOL' }>,
      ctx: Ctx,
    ) => payload('handover', await setTeamHandover(ctx.dataSource, viewerOf(ctx), input)),
  },
  TeamHandover: {
    rep: (h: TeamHandover) => (h.repId ? { __typename: 'Employee', id: h.repId } : null),
  },
};
