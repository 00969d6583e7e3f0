import { decodeCursor, pageSize, toConnection, viewerOf, type PageArgs } from '@crm/subgraph';
import type { SalesContext as Ctx } from '../context';
import {
  findImport,
  findImportProblems,
  type CustomerImport,
  type ImportProblemRow,
} from '../db/imports';
import { mayUseImport } from '../imports/routes';
import { visibleCustomer } from './customer';

export const importResolvers = {
  Query: {
    customerImport: async (_: unknown, { id }: { id: string }, ctx: Ctx) => {
      const imp = /^[0-9a-f-]{36}$/i.test(id) ? await findImport(ctx.dataSource.manager, id) : null;
      return imp && mayUseImport(viewerOf(ctx), imp) ? imp : null;
    },
  },
  CustomerImport: {
    problems: async (imp: CustomerImport, args: PageArgs, ctx: Ctx) => {
      const first = pageSize(args);
      const after = decodeCursor(args.after);
      const rows = await findImportProblems(ctx.dataSource.manager, imp.id, {
        afterLine: typeof after?.[0] === 'number' ? after[0] : 0,
        limit: first + 1,
      });
      return toConnection(rows, first, undefined, (r) => [r.line]);
    },
  },
  ImportProblem: {
    messages: (p: ImportProblemRow) => p.problems.map((x) => x.message),
    existingCustomer: (p: ImportProblemRow, _: unknown, ctx: Ctx) =>
      p.duplicateCustomerId ? visibleCustomer(p.duplicateCustomerId, ctx) : null,
  },
};
