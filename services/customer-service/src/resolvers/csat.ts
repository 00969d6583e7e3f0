import type { TicketSurveyResolvers } from '../__generated__/resolvers-types';

export const ticketSurveyResolvers: TicketSurveyResolvers = {
  link: (s) => `/csat/${s.token}`,
};
