import { scopeOf } from '@crm/auth';
import { Where } from '@crm/database';
import {
  decodeCursor,
  forbidden,
  pageSize,
  payload,
  toConnection,
  viewerOf,
  type PageArgs,
} from '@crm/subgraph';
import type { SalesContext as Ctx } from '../context';
import { findDuplicatePairs, type DuplicatePair } from '../db/duplicate-candidates';
import { mergeCustomers } from '../domain/merge-customers';
import { restrictToScope } from '../domain/visibility';

type Input<T = Record<string, unknown>> = { input: T };

async function duplicateCandidates(args: PageArgs, ctx: Ctx) {
  const viewer = viewerOf(ctx);
  const scope = scopeOf(viewer, 'customers.merge');
  if (scope === 'none')
    throw forbidden('only sales managers, executives and admins review duplicate candidates');
  const first = pageSize(args);
  const where = new Where();
  restrictToScope(where, viewer, scope);
  const pairs = await findDuplicatePairs(ctx.dataSource.manager, where, {
    limit: first + 1,
    after: decodeCursor(args.after) as [string, string] | null,
  });
  return toConnection(pairs, first, undefined, (p) => [p.customerId, p.duplicateId]);
}

/** Duplicate review and merge. */
export const customerRecordResolvers = {
  Query: {
    duplicateCandidates: (_: unknown, args: PageArgs, ctx: Ctx) => duplicateCandidates(args, ctx),
  },
  Mutation: {
    mergeCustomers: async (
      _: unknown,
      { input }: Input<{ targetId: string; sourceId: string }>,
      ctx: Ctx,
    ) => {
      const result = await mergeCustomers(ctx.dataSource, viewerOf(ctx), input);
      return result.ok
        ? { ...result.value, userErrors: [] }
        : { ...payload('customer', result), mergedCustomerId: null };
    },
  },
  DuplicateCandidate: {
    customer: (p: DuplicatePair, _: unknown, ctx: Ctx) => ctx.loaders.customer.load(p.customerId),
    duplicate: (p: DuplicatePair, _: unknown, ctx: Ctx) => ctx.loaders.customer.load(p.duplicateId),
  },
};
