import { scopeOf } from '@crm/auth';
import { Where } from '@crm/database';
import { decodeCursor, forbidden, pageSize, toConnection, viewerOf } from '@crm/subgraph';
import type { QueryDuplicateCandidatesArgs, Resolvers } from '../__generated__/resolvers-types';
import type { SalesContext as Ctx } from '../context';
import type { Customer } from '../db/customers';
import { findDuplicatePairs } from '../db/duplicate-candidates';
import { mergeCustomers } from '../domain/merge-customers';
import { restrictToScope } from '../domain/visibility';

async function duplicateCandidates(args: QueryDuplicateCandidatesArgs, ctx: Ctx) {
  const viewer = viewerOf(ctx);
  const scope = scopeOf(viewer, 'customers.merge');
  if (scope === 'none')
    throw forbidden('only sales managers, executives and admins review duplicate candidates');
  const first = pageSize(args);
  const where = new Where();
  restrictToScope(where, viewer, scope);
  const { rows, total } = await findDuplicatePairs(ctx.dataSource.manager, where, {
    limit: first + 1,
    after: decodeCursor(args.after) as [string, string] | null,
  });
  return toConnection(rows, first, total, (p) => [p.customerId, p.duplicateId]);
}

/** Duplicate review and merge. */
export const customerRecordResolvers: Resolvers = {
  Query: {
    duplicateCandidates: (_, args, ctx) => duplicateCandidates(args, ctx),
  },
  Mutation: {
    mergeCustomers: async (_, { input }, ctx) => {
      const result = await mergeCustomers(ctx.dataSource, viewerOf(ctx), input);
      return result.ok
        ? { ...result.value, userErrors: [] }
        : { customer: null, mergedCustomerId: null, userErrors: result.errors };
    },
  },
  DuplicateCandidate: {
    customer: async (p, _, ctx) => (await ctx.loaders.customer.load(p.customerId)) as Customer,
    duplicate: async (p, _, ctx) => (await ctx.loaders.customer.load(p.duplicateId)) as Customer,
  },
};
