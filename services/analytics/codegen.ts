import type { CodegenConfig } from '@graphql-codegen/cli';

// Resolver types from the subgraph's SDL (plus the shared types every subgraph appends).
const config: CodegenConfig = {
  schema: ['src/schema/*.graphql', '../../shared/subgraph/src/common.graphql'],
  generates: {
    'src/__generated__/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        enumsAsTypes: true,
        useIndexSignature: true,
        contextType: '../context#AnalyticsContext',
        mapperTypeSuffix: 'Model',
        mappers: {
          CustomerHealth: '../resolvers/health#CustomerHealthView',
          SalesSummary: '../domain/sales-report#SalesSummary',
          FunnelStage: '../domain/sales-report#FunnelStage',
          Opportunity: '../domain/sales-report#OpportunityRef',
          ServiceReport: '../domain/service-report#ServiceReport',
          ServiceFigures: '../domain/service-report#ServiceFigures',
          SlaBreach: '../db/service-report#BreachRow',
          Bottlenecks: '../domain/bottlenecks#Bottlenecks',
          OverdueTask: '../db/bottlenecks#OverdueTaskRow',
          LeadPastDeadline: '../db/bottlenecks#LeadPastDeadlineRow',
          BottleneckTeamCount: '../domain/bottlenecks#BottleneckTeamCount',
        },
      },
    },
  },
};

export default config;
