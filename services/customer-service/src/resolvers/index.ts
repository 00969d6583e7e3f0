import { auditLogResolver, payload, viewerOf } from '@crm/subgraph';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { CustomerServiceContext as Ctx } from '../context';
import { assignTicket } from '../domain/assign-ticket';
import { changeTicketStatus } from '../domain/change-ticket-status';
import { openTicket } from '../domain/open-ticket';
import {
  conversationMutations,
  ticketFeedbackFlagResolvers,
  ticketMessageResolvers,
} from './conversation';
import { ticketSurveyResolvers } from './csat';
import { agentProfileResolvers, dispatchMutations, dispatchQueries } from './dispatch';
import { customerResolvers, employeeResolvers } from './entities';
import { slaMutations, slaQueries, slaTypeResolvers, ticketSlaField } from './sla';
import { ticketResolvers, ticketsConnection, visibleTicket } from './tickets';
import { followUpVisitResolvers, visitMutations, visitQueries } from './visits';

function withoutNulls<T extends object>(value: T): { [K in keyof T]?: NonNullable<T[K]> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null)) as {
    [K in keyof T]?: NonNullable<T[K]>;
  };
}

const auditLog = auditLogResolver<Ctx>((ctx) => ctx.dataSource);

export const resolvers: Resolvers = {
  Query: {
    ticket: (_, { id }, ctx) => visibleTicket(id, ctx),
    tickets: (_, args, ctx) => ticketsConnection(args, ctx),
    // GraphQL passes null for a filter field the client set to null; the audit query wants it absent
    customerServiceAuditLog: (parent, { filter, ...args }, ctx) =>
      auditLog(parent, { ...args, filter: filter && withoutNulls(filter) }, ctx),
    ...slaQueries,
    ...dispatchQueries,
    ...visitQueries,
  },
  Mutation: {
    openTicket: async (_, { input }, ctx) =>
      payload('ticket', await openTicket(ctx.dataSource, viewerOf(ctx), input)),
    assignTicket: async (_, { input }, ctx) =>
      payload('ticket', await assignTicket(ctx.dataSource, viewerOf(ctx), input)),
    changeTicketStatus: async (_, { input }, ctx) =>
      payload('ticket', await changeTicketStatus(ctx.dataSource, viewerOf(ctx), input)),
    ...conversationMutations,
    ...slaMutations,
    ...dispatchMutations,
    ...visitMutations,
  },
  Ticket: { ...ticketResolvers, ...ticketSlaField },
  ...slaTypeResolvers,
  AgentProfile: agentProfileResolvers,
  TicketSurvey: ticketSurveyResolvers,
  FollowUpVisit: followUpVisitResolvers,
  TicketMessage: ticketMessageResolvers,
  TicketFeedbackFlag: ticketFeedbackFlagResolvers,
  Customer: customerResolvers,
  Employee: employeeResolvers,
};
