import path from 'node:path';
import { envFields, GATEWAY_PORT, LOG_LEVELS, SERVICES, subgraphUrlVariable } from '@crm/config';
import { z } from 'zod';

const subgraphUrls = Object.fromEntries(
  SERVICES.map((s) => [subgraphUrlVariable(s.name), z.url().optional()]),
);

export const gatewayEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    PORT: envFields.port(GATEWAY_PORT),
    SUPERGRAPH_PATH: z.string().default(path.resolve(__dirname, '..', 'supergraph.graphql')),
    /** How often the supergraph file is checked for a new version (no restart needed). */
    SUPERGRAPH_POLL_MS: envFields.positiveInt(2_000),
    JWT_ISSUER: z.string().min(1).default('http://localhost:4001'),
    JWT_AUDIENCE: z.string().min(1).default('crm'),
    JWKS_URL: z.url().default('http://127.0.0.1:4001/.well-known/jwks.json'),
    /** Defaults: on outside production. */
    INTROSPECTION: z.enum(['true', 'false']).optional(),
    /** Depth and cost limits; default on in production. */
    QUERY_LIMITS: z.enum(['true', 'false']).optional(),
    MAX_QUERY_DEPTH: envFields.positiveInt(12),
    MAX_QUERY_COST: envFields.positiveInt(20_000),
    ...subgraphUrls,
  })
  .transform((env) => {
    const production = env.NODE_ENV === 'production';
    return {
      ...env,
      introspection: env.INTROSPECTION ? env.INTROSPECTION === 'true' : !production,
      limits: env.QUERY_LIMITS ? env.QUERY_LIMITS === 'true' : production,
      subgraphUrls: Object.fromEntries(
        SERVICES.map((s) => [
          s.name,
          (env as Record<string, unknown>)[subgraphUrlVariable(s.name)] as string | undefined,
        ]),
      ) as Record<string, string | undefined>,
    };
  });

export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;
