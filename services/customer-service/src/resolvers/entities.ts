import { scopeOf } from '@crm/auth';
import { reachesCustomer } from '@crm/customer-replica';
import { decodeCursor, forbidden, pageSize, viewerOf } from '@crm/subgraph';
import type {
  CustomerResolvers,
  CustomerTicketsArgs,
  EmployeeResolvers,
} from '../__generated__/resolvers-types';
import type { CustomerServiceContext as Ctx } from '../context';
import type { KeyedPage } from '../db/ticket-lists';
import { ticketConnection } from './ticket-connection';

/** What this subgraph knows of an entity another subgraph owns (Customer, Employee): its id. */
export interface EntityRef {
  id: string;
}

type NestedTicketsArgs = CustomerTicketsArgs;

function pageArgsOf(args: NestedTicketsArgs) {
  const first = pageSize(args);
  const after = decodeCursor(args.after) as [string, string] | null;
  return { first, loaderArgs: { status: args.status ?? null, limit: first + 1, after } };
}

function toTicketConnection(page: KeyedPage[], first: number) {
  const tickets = page.flatMap((p) => (p.ticket ? [p.ticket] : []));
  return ticketConnection(tickets, first, page[0]?.total ?? 0, (t) => [
    t.createdAt.toISOString(),
    t.id,
  ]);
}

/** Whether the viewer may see this customer's tickets (FORBIDDEN without tickets.read at all). */
async function customerInReach(customerId: string, ctx: Ctx): Promise<boolean> {
  const viewer = viewerOf(ctx);
  const scope = scopeOf(viewer, 'tickets.read');
  if (scope === 'none') throw forbidden('your roles cannot see tickets');
  if (scope === 'all') return true;
  return reachesCustomer(viewer, 'tickets.read', await ctx.loaders.customer.load(customerId));
}

/** Customer service's fields on the sales-owned Customer. */
export const customerResolvers: CustomerResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  tickets: async (customer, args, ctx) => {
    const { first, loaderArgs } = pageArgsOf(args);
    if (!(await customerInReach(customer.id, ctx))) return null;
    const page = await ctx.loaders.ticketsOfCustomer(loaderArgs).load(customer.id);
    return toTicketConnection(page, first);
  },
  openTicketCount: async (customer, _, ctx) => {
    if (!(await customerInReach(customer.id, ctx))) return null;
    return (await ctx.loaders.unresolvedCount.load(customer.id))?.count ?? 0;
  },
};

/** Customer service's fields on the identity-owned Employee. */
export const employeeResolvers: EmployeeResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  assignedTickets: async (employee, args, ctx) => {
    const { first, loaderArgs } = pageArgsOf(args);
    if (scopeOf(viewerOf(ctx), 'tickets.read') === 'none')
      throw forbidden('your roles cannot see tickets');
    const page = await ctx.loaders.ticketsOfAssignee(loaderArgs).load(employee.id);
    return toTicketConnection(page, first);
  },
};
