import { payload, viewerOf } from '@crm/subgraph';
import type {
  MutationResolvers,
  TicketFeedbackFlagResolvers,
  TicketMessageResolvers,
} from '../__generated__/resolvers-types';
import { addTicketMessage } from '../domain/add-ticket-message';
import { flagTicketFeedback } from '../domain/flag-ticket-feedback';
import { linkTickets } from '../domain/link-tickets';
import { mergeTickets } from '../domain/merge-tickets';

export const conversationMutations: MutationResolvers = {
  addTicketMessage: async (_, { input }, ctx) =>
    payload('message', await addTicketMessage(ctx.dataSource, viewerOf(ctx), input)),
  mergeTickets: async (_, { input }, ctx) =>
    payload('ticket', await mergeTickets(ctx.dataSource, viewerOf(ctx), input)),
  linkTickets: async (_, { input }, ctx) =>
    payload('ticket', await linkTickets(ctx.dataSource, viewerOf(ctx), input)),
  flagTicketFeedback: async (_, { input }, ctx) => {
    const result = await flagTicketFeedback(ctx.dataSource, viewerOf(ctx), input);
    return result.ok
      ? { ...result.value, userErrors: [] }
      : { ticket: null, feedbackId: null, userErrors: result.errors };
  },
};

export const ticketMessageResolvers: TicketMessageResolvers = {
  // the message was reachable through its ticket, or written on it by this viewer just now
  ticket: async (m, _, ctx) => (await ctx.loaders.ticket.load(m.ticketId))!,
  author: (m) => ({ id: m.authorId }),
};

export const ticketFeedbackFlagResolvers: TicketFeedbackFlagResolvers = {
  flaggedBy: (f) => ({ id: f.flaggedBy }),
};
