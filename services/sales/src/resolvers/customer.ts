import { maskEmail, maskPhone, scopeOf } from '@crm/auth';
import { Where } from '@crm/database';
import { decodeCursor, pageSize, viewerOf, toConnection } from '@crm/subgraph';
import type { CustomerResolvers, QueryCustomersArgs } from '../__generated__/resolvers-types';
import { pageOfList } from './list-page';
import { filterCustomers, listCustomers, sortKeyOf } from '../db/customer-lists';
import type { Customer } from '../db/customers';
import { allowed, restrictToScope } from '../domain/visibility';
import type { SalesContext as Ctx } from '../context';

/** A customer the viewer may see, or null (not found and not visible look the same). */
export async function visibleCustomer(id: string, ctx: Ctx): Promise<Customer | null> {
  const customer = await ctx.loaders.customer.load(id);
  return customer && allowed(viewerOf(ctx), 'customers.read', customer) ? customer : null;
}

export async function customersConnection(args: QueryCustomersArgs, ctx: Ctx) {
  const viewer = viewerOf(ctx);
  const first = pageSize(args);
  const sort = {
    field: args.orderBy?.field ?? 'CREATED_AT',
    direction: args.orderBy?.direction ?? 'DESC',
  } as const;
  const after = decodeCursor(args.after) as [unknown, string] | null;
  const where = new Where();
  restrictToScope(where, viewer, scopeOf(viewer, 'customers.read'));
  filterCustomers(where, args.filter ?? {});
  const { rows, total } = await listCustomers(ctx.dataSource.manager, where, sort, {
    limit: first,
    after,
  });
  for (const row of rows) ctx.loaders.customer.prime(row.id, { ...row, requestedId: row.id });
  return toConnection(rows, first, total, (c) => [sortKeyOf(c, sort.field), c.id]);
}

const contactVisible = (c: Customer, ctx: Ctx) => allowed(viewerOf(ctx), 'customers.contact', c);

export const customerResolvers: CustomerResolvers = {
  __resolveReference: (ref, ctx) => visibleCustomer(ref.id, ctx),
  phone: (c, _, ctx) => (contactVisible(c, ctx) ? c.phone : maskPhone(c.phone)),
  email: (c, _, ctx) => (contactVisible(c, ctx) ? c.email : maskEmail(c.email)),
  owner: (c) => (c.ownerId ? { __typename: 'Employee', id: c.ownerId } : null),
  backupOwner: (c) => (c.backupOwnerId ? { __typename: 'Employee', id: c.backupOwnerId } : null),
  inPool: (c) => c.ownerId === null,
  contacts: async (c, args, ctx) =>
    pageOfList(await ctx.loaders.contactsOfCustomer.load(c.id), args),
};
