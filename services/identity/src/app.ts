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
  /** Issuer URL (JWT_ISSUER) advertised in the OpenID configuration document. */
  issuer: string;
  /** REFRESH_TOKEN_TTL_SECONDS (default 30 days). */
  refreshTtlSeconds?: number;
}

/** What anyone may call without an access token (once per operation). */
export const PUBLIC_FIELDS = ['login', 'refreshSession', 'logout'];

export function createIdentityApp(deps: IdentityAppDeps): Promise<SubgraphApp<IdentityContext>> {
  return createSubgraphApp<IdentityContext>({
    service: 'identity',
    typeDefs: subgraphTypeDefs(path.join(__dirname, 'schema.graphql')),
    resolvers,
    verifyToken: deps.verifyToken,
    readiness: deps.readiness ?? [],
    logger: deps.logger,
    publicFields: PUBLIC_FIELDS,
    context: (base) => ({
      ...base,
      dataSource: deps.dataSource,
      signer: deps.signer,
      refreshTtlSeconds: deps.refreshTtlSeconds ?? 30 * 24 * 3600,
      loaders: createLoaders(deps.dataSource),
    }),
    routes: (app) => {
      app.get('/.well-known/jwks.json', async (_req, res) => {
        res.setHeader('cache-control', 'public, max-age=300');
        res.json(await deps.signer.jwks());
      });
      app.get('/.well-known/openid-configuration', (_req, res) => {
        // the keys are the issuer's own: advertised under the issuer's URL, never another host
        res.json({
          issuer: deps.issuer,
          jwks_uri: `${deps.issuer.replace(/\/$/, '')}/.well-known/jwks.json`,
          id_token_signing_alg_values_supported: ['RS256'],
        });
      });
    },
  });
}
