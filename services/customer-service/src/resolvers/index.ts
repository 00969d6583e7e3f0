import { auditLogResolver, payload, viewerOf } from '@crm/subgraph';
import type { CustomerServiceContext as Ctx } from '../context';
import { assignTicket } from '../domain/assign-ticket';
import { changeTicketStatus } from '../domain/change-ticket-status';
import { openTicket } from '../domain/open-ticket';
import type {
  AssignTicketInput,
  ChangeTicketStatusInput,
  OpenTicketInput,
} from '../domain/ticket-inputs';
import { customerResolvers, employeeResolvers } from './entities';
import { ticketResolvers, ticketsConnection, visibleTicket, type TicketsArgs } from './tickets';

type Input<T> = { input: T };

export const resolvers = {
  Query: {
    ticket: (_: unknown, { id }: { id: string }, ctx: Ctx) => visibleTicket(id, ctx),
    tickets: (_: unknown, args: TicketsArgs, ctx: Ctx) => ticketsConnection(args, ctx),
    customerServiceAuditLog: auditLogResolver<Ctx>((ctx) => ctx.dataSource),
  },
  Mutation: {
    openTicket: async (_: unknown, { input }: Input<OpenTicketInput>, ctx: Ctx) =>
      payload('ticket', await openTicket(ctx.dataSource, viewerOf(ctx), input)),
    assignTicket: async (_: unknown, { input }: Input<AssignTicketInput>, ctx: Ctx) =>
      payload('ticket', await assignTicket(ctx.dataSource, viewerOf(ctx), input)),
    changeTicketStatus: async (_: unknown, { input }: Input<ChangeTicketStatusInput>, ctx: Ctx) =>
      payload('ticket', await changeTicketStatus(ctx.dataSource, viewerOf(ctx), input)),
  },
  Ticket: ticketResolvers,
  Customer: customerResolvers,
  Employee: employeeResolvers,
};
