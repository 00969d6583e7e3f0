import type { CodegenConfig } from '@graphql-codegen/cli';

// Resolver types from the subgraph's SDL (and the shared types it uses); see src/__generated__.
const config: CodegenConfig = {
  schema: ['src/schema/*.graphql', 'node_modules/@crm/subgraph/src/common.graphql'],
  generates: {
    'src/__generated__/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        enumsAsTypes: true,
        useIndexSignature: true,
        contextType: '../context#MarketingContext',
        mappers: {
          Campaign: '../db/campaigns#Campaign',
          CampaignPerformance: '../domain/performance#CampaignPerformance',
          ChannelPerformance: '../domain/performance#ChannelPerformance',
          Lead: '../db/leads#Lead',
          LeadTouch: '../resolvers/lead#VisibleTouch',
          LeadHistoryEntry: '../db/lead-history#HistoryEntry',
          LeadScoring: '../db/scoring#ScoringSettings',
          ScoringRule: '../db/scoring#ScoringRule',
          Segment: '../db/segments#Segment',
          SegmentFilter: '../db/segments#Segment',
          Customer: '../resolvers/refs#EntityRef',
          Employee: '../resolvers/refs#EntityRef',
        },
        mapperTypeSuffix: 'Model',
        scalars: { DateTime: { input: 'Date', output: 'Date | string' }, JSON: 'unknown' },
      },
    },
  },
};

export default config;
