import type { CodegenConfig } from '@graphql-codegen/cli';

// Resolver types from the subgraph's SDL (and the shared types it uses); see src/__generated__.
const config: CodegenConfig = {
  schema: ['src/schema.graphql', 'node_modules/@crm/subgraph/src/common.graphql'],
  generates: {
    'src/__generated__/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        enumsAsTypes: true,
        useIndexSignature: true,
        contextType: '../context#IdentityContext',
        mappers: {
          Employee: '../db/employees#Employee',
          Team: '../db/teams#Team',
        },
        mapperTypeSuffix: 'Model',
        scalars: { DateTime: { input: 'Date', output: 'Date | string' }, JSON: 'unknown' },
      },
    },
  },
};

export default config;
