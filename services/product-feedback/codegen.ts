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
        contextType: '../context#ProductFeedbackContext',
        mappers: {
          FeedbackItem: '../db/feedback-items#FeedbackItem',
          Idea: '../db/ideas#Idea',
          IdeaVote: '../db/idea-votes#IdeaVote',
          IdeaRanking: '../resolvers/ranking#Ranking',
          RankedIdea: '../resolvers/ranking#RankedIdea',
          IdeaCustomerScore: '../resolvers/ranking#CustomerScore',
          IdeaLostDeal: '../db/idea-ranking#LostDeal',
          IdeaRankingWeights: '../db/ranking-weights#RankingWeights',
          ChangelogEntry: '../db/changelog#ChangelogEntry',
          Customer: '../resolvers/refs#EntityRef',
          Employee: '../resolvers/refs#EntityRef',
          Ticket: '../resolvers/refs#EntityRef',
          Opportunity: '../resolvers/refs#EntityRef',
          Campaign: '../resolvers/refs#EntityRef',
        },
        mapperTypeSuffix: 'Model',
        scalars: { DateTime: { input: 'Date', output: 'Date | string' }, JSON: 'unknown' },
      },
    },
  },
};

export default config;
