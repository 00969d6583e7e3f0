import { createTokenVerifier } from '@crm/auth';
import {
  createLogger,
  EnvError,
  GATEWAY_PRODUCTION_RULES,
  installShutdown,
  parseEnv,
} from '@crm/config';
import { createGatewayApp } from './app';
import { gatewayEnvSchema } from './env';
import { supergraphFromFile } from './supergraph-file';

async function main(): Promise<void> {
  let env;
  try {
    env = parseEnv(gatewayEnvSchema, process.env, GATEWAY_PRODUCTION_RULES);
  } catch (err) {
    if (err instanceof EnvError) {
      process.stderr.write(`gateway: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger('gateway', env.LOG_LEVEL);
  const { app, stop } = await createGatewayApp({
    supergraph: supergraphFromFile(env.SUPERGRAPH_PATH, env.SUPERGRAPH_POLL_MS, logger),
    subgraphUrls: env.subgraphUrls,
    verifyToken: createTokenVerifier({
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      jwksUrl: env.JWKS_URL,
    }),
    logger,
    introspection: env.introspection,
    limits: env.limits,
    gatewaySecret: env.GATEWAY_SECRET,
    trustProxy: env.trustProxy,
    consoleDir: env.CONSOLE_DIR || null,
  });
  const server = app.listen(env.PORT, () =>
    logger.info(
      {
        port: env.PORT,
        introspection: env.introspection,
        limits: env.limits,
        gatewayCredential: Boolean(env.GATEWAY_SECRET),
      },
      'listening',
    ),
  );
  installShutdown(logger, [
    { name: 'http', close: () => new Promise<void>((resolve) => server.close(() => resolve())) },
    { name: 'gateway', close: stop },
  ]);
}

void main();
