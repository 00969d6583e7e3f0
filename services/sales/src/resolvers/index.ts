import { auditLogResolver, payload, viewerOf } from '@crm/subgraph';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { SalesContext as Ctx } from '../context';
import { createCustomer } from '../domain/create-customer';
import { republishCustomers } from '../domain/republish-customers';
import { updateCustomer } from '../domain/update-customer';
import { customerResolvers, customersConnection, visibleCustomer } from './customer';
import { contactResolvers } from './contacts';
import { customerRecordResolvers } from './customer-records';
import { importResolvers } from './imports';
import { mergeResolvers } from './merge';
import { opportunityResolvers } from './opportunities';
import { ownershipResolvers } from './ownership';
import { followUpResolvers } from './followups';
import { quoteResolvers } from './quotes';
import { leadResolvers } from './leads';

export const resolvers: Resolvers = {
  Query: {
    customer: (_, { id }, ctx) => visibleCustomer(id, ctx),
    customers: (_, args, ctx) => customersConnection(args, ctx),
    salesAuditLog: auditLogResolver<Ctx>((ctx) => ctx.dataSource),
  },
  Mutation: {
    createCustomer: async (_, { input }, ctx) =>
      payload('customer', await createCustomer(ctx.dataSource, viewerOf(ctx), input as never)),
    updateCustomer: async (_, { input }, ctx) =>
      payload('customer', await updateCustomer(ctx.dataSource, viewerOf(ctx), input as never)),
    republishCustomers: async (_, __, ctx) => ({
      published: await republishCustomers(ctx.dataSource, viewerOf(ctx)),
      userErrors: [],
    }),
  },
  Customer: customerResolvers,
  Employee: {
    __resolveReference: (ref) => ({ id: ref.id }),
    customers: (employee, args, ctx) =>
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
