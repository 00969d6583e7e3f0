import { decodeCursor, pageSize, toConnection, viewerOf } from '@crm/subgraph';
import type { Resolvers } from '../__generated__/resolvers-types';
import { findImport, findImportProblems } from '../db/imports';
import { mayUseImport } from '../imports/routes';
import { visibleCustomer } from './customer';

export const importResolvers: Resolvers = {
  Query: {
    customerImport: async (_, { id }, ctx) => {
      const imp = /^[0-9a-f-]{36}$/i.test(id) ? await findImport(ctx.dataSource.manager, id) : null;
      return imp && mayUseImport(viewerOf(ctx), imp) ? imp : null;
    },
  },
  CustomerImport: {
    problems: async (imp, args, ctx) => {
      const first = pageSize(args);
      const after = decodeCursor(args.after);
      const { rows, total } = await findImportProblems(ctx.dataSource.manager, imp.id, {
        afterLine: typeof after?.[0] === 'number' ? after[0] : 0,
        limit: first + 1,
      });
      return toConnection(rows, first, total, (r) => [r.line]);
    },
  },
  ImportProblem: {
    messages: (p) => p.problems.map((x) => x.message),
    existingCustomer: (p, _, ctx) =>
      p.duplicateCustomerId ? visibleCustomer(p.duplicateCustomerId, ctx) : null,
  },
};
