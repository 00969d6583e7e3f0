// Types every operation of the console from the composed supergraph (gateway/supergraph.graphql,
// written by `turbo run compose`): a schema change that breaks a screen fails the build.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../gateway/supergraph.graphql',
  documents: ['src/**/*.tsx', 'src/**/*.ts', '!src/__generated__/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/__generated__/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: {
          DateTime: 'string',
          JSON: 'unknown',
          // the supergraph's own routing types; no operation can reach them
          join__FieldSet: 'never',
          join__DirectiveArguments: 'never',
          link__Import: 'never',
        },
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
      },
    },
  },
  errorsOnly: true,
};

export default config;
