import { auditLogResolver, payload, viewerOf, type PageArgs } from '@crm/subgraph';
import type { SalesContext as Ctx } from '../context';
import { createCustomer } from '../domain/create-customer';
import { updateCustomer } from '../domain/update-customer';
import {
  customerResolvers,
  customersConnection,
  visibleCustomer,
  type CustomersArgs,
} from './customer';
import { contactResolvers } from './contacts';
import { customerRecordResolvers } from './customer-records';
import { importResolvers } from './imports';
import { mergeResolvers } from './merge';
import { opportunityResolvers } from './opportunities';
import { ownershipResolvers } from './ownership';
import { followUpResolvers } from './followups';
import { quoteResolvers } from './quotes';
import { leadResolvers } from './leads';

type Input<T = Record<string, unknown>> = { input: T };

export const resolvers = {
  Query: {
    customer: (_: unknown, { id }: { id: string }, ctx: Ctx) => visibleCustomer(id, ctx),
    customers: (_: unknown, args: CustomersArgs, ctx: Ctx) => customersConnection(args, ctx),
    salesAuditLog: auditLogResolver<Ctx>((ctx) => ctx.dataSource),
  },
  Mutation: {
    createCustomer: async (_: unknown, { input }: Input<{ name: string }>, ctx: Ctx) =>
      payload('customer', await createCustomer(ctx.dataSource, viewerOf(ctx), input)),
    updateCustomer: async (_: unknown, { input }: Input<{ id: string }>, ctx: Ctx) =>
      payload('customer', await updateCustomer(ctx.dataSource, viewerOf(ctx), input)),
  },
  Customer: customerResolvers,
  Employee: {
    __resolveReference: (ref: { id: string }) => ref,
    customers: (employee: { id: string }, args: PageArgs, ctx: Ctx) =>
      customersConnection({ ...args, filter: { ownerIds: [employee.id] } }, ctx),
  },
};

// Pipeline, follow-ups, quotes and the lead hand-off keep their resolvers in their own files.
mergeResolvers(resolvers, opportunityResolvers, followUpResolvers, quoteResolvers, leadResolvers);

// Contacts, duplicates and merge, ownership and the pool, imports: their own files too.
mergeResolvers(
  resolvers,
  contactResolvers,
  customerRecordResolvers,
  ownershipResolvers,
  importResolvers,
);
