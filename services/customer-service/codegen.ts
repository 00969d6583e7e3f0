import type { CodegenConfig } from '@graphql-codegen/cli';

// Resolver types from the subgraph's SDL (plus the types every subgraph shares), so resolvers
// are checked against the schema instead of hand-written argument interfaces.
const config: CodegenConfig = {
  schema: ['src/schema/*.graphql', '../../shared/subgraph/src/common.graphql'],
  generates: {
    'src/__generated__/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        enumsAsTypes: true,
        useIndexSignature: true,
        contextType: '../context#CustomerServiceContext',
        mappers: {
          Ticket: '../db/tickets#Ticket',
          TicketMessage: '../db/ticket-messages#TicketMessage',
          TicketFeedbackFlag: '../db/ticket-feedback#TicketFeedback',
          SlaPolicy: '../db/sla-policies#SlaPolicy',
          BusinessCalendar: '../db/business-calendars#StoredCalendar',
          WorkingHours: '../domain/sla/business-time#WorkingInterval',
          TicketSla: '../resolvers/sla#TicketSlaView',
          SlaClock: '../domain/sla/sla-clock#ClockView',
          AgentProfile: '../db/agents#AgentProfile',
          TicketSurvey: '../db/csat-surveys#CsatSurvey',
          FollowUpVisit: '../db/follow-up-visits#FollowUpVisit',
          Customer: '../resolvers/entities#EntityRef',
          Employee: '../resolvers/entities#EntityRef',
        },
        mapperTypeSuffix: 'Model',
        scalars: { DateTime: 'Date | string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
