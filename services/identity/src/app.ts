import path from 'node:path';
import type { TokenVerifier } from '@crm/auth';
import type { Logger, ReadinessCheck } from '@crm/config';
import { createSubgraphApp, subgraphTypeDefs, type SubgraphApp } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { IdentityContext } from './context';
import { createLoaders } from './db/loaders';
import type { TokenSigner } from './domain/token-signer';
import { resolvers } from './resolvers';

export interface IdentityAppDeps {
  dataSource: DataSource;
  signer: TokenSigner;
  verifyToken: TokenVerifier;
  logger: Logger;
  readiness?: ReadinessCheck[];
  /** Issuer URL advertised in the OpenID configuration document. */
  issuer: string;
  jwksUrl: string;
}

export function createIdentityApp(deps: IdentityAppDeps): Promise<SubgraphApp<IdentityContext>> {
  return createSubgraphApp<IdentityContext>({
    service: 'identity',
    typeDefs: subgraphTypeDefs(path.join(__dirname, 'schema.graphql')),
    resolvers,
    verifyToken: deps.verifyToken,
    readiness: deps.readiness ?? [],
    logger: deps.logger,
    publicFields: ['login'],
    context: (base) => ({
      ...base,
      dataSource: deps.dataSource,
      signer: deps.signer,
      loaders: createLoaders(deps.dataSource),
    }),
    routes: (app) => {
      app.get('/.well-known/jwks.json', async (_req, res) => {
        res.setHeader('cache-control', 'public, max-age=300');
        res.json(await deps.signer.jwks());
      });
      app.get('/.well-known/openid-configuration', (_req, res) => {
        res.json({
          issuer: deps.issuer,
          jwks_uri: deps.jwksUrl,
          id_token_signing_alg_values_supported: ['RS256'],
        });
      });
    },
  });
}
