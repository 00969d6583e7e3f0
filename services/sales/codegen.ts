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
        contextType: '../context#SalesContext',
        mapperTypeSuffix: 'Model',
        mappers: {
          Customer: '../db/customers#Customer',
          Contact: '../db/contacts#Contact',
          DuplicateCandidate: '../db/duplicate-candidates#DuplicatePair',
          CustomerImport: '../db/imports#CustomerImport',
          ImportProblem: '../db/imports#ImportProblemRow',
          Opportunity: '../db/opportunities#Opportunity',
          StageChange: '../db/opportunities#StageChange',
          PipelineStage: '../db/stages#Stage',
          ForecastRow: '../domain/opportunities/forecast#ForecastTotalRow',
          Activity: '../db/activities#Activity',
          Task: '../db/tasks#Task',
          FollowUpDue: '../db/agenda#FollowUpDue',
          Agenda: '../domain/followups/agenda#Agenda',
          Quote: '../db/quotes#Quote',
          QuoteLine: '../resolvers/references#PricedQuoteLine',
          LeadAssignment: '../db/leads#SalesLead',
          LeadAssignmentRule: '../db/lead-rules#LeadRule',
          TeamHandover: '../db/handover#TeamHandover',
          PoolSettings: '../db/pool#PoolSettings',
          Employee: '../resolvers/references#EmployeeRef',
          Lead: '../resolvers/references#LeadRef',
          Team: '../resolvers/references#TeamRef',
        },
      },
    },
  },
};

export default config;
