import { runService } from '@crm/subgraph';
import { createIdentityApp } from './app';
import { migrations } from './db/migrations';
import { seedDemoCompany } from './domain/seed-demo';
import { createTokenSigner } from './domain/token-signer';
import { identityEnvSchema, identityProductionRules } from './env';

void runService({
  name: 'identity',
  envSchema: identityEnvSchema,
  productionRules: identityProductionRules,
  migrations,
  publishes: true,
  async createApp({ env, dataSource, logger, verifyToken }, readiness) {
    const signer = await createTokenSigner(dataSource, {
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      ttlSeconds: env.TOKEN_TTL_SECONDS,
      privateKeyPem: env.JWT_PRIVATE_KEY,
    });
    return createIdentityApp({
      dataSource,
      signer,
      verifyToken,
      logger,
      readiness,
      issuer: env.JWT_ISSUER,
      refreshTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
    });
  },
  async afterStart({ env, dataSource, logger }) {
    if (env.DEMO_SEED) await seedDemoCompany(dataSource, logger);
  },
});
