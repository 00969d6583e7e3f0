import path from 'node:path';
import {
  DEFAULT_JWT_AUDIENCE,
  DEFAULT_JWT_ISSUER,
  envFields,
  GATEWAY_PORT,
  LOG_LEVELS,
  SERVICES,
  subgraphUrlVariable,
} from '@crm/config';
import { DEFAULT_QUERY_LIMITS } from '@crm/subgraph';
import { z } from 'zod';

const subgraphUrls = Object.fromEntries(
  SERVICES.map((s) => [subgraphUrlVariable(s.name), z.url().optional()]),
);

function trustProxyOf(value: string | undefined): boolean | number | string {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

export const gatewayEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    PORT: envFields.port(GATEWAY_PORT),
    SUPERGRAPH_PATH: z.string().default(path.resolve(__dirname, '..', 'supergraph.graphql')),
    /** The built web console served at / (empty: none). */
    CONSOLE_DIR: z.string().default(path.resolve(__dirname, '..', '..', 'console', 'dist')),
    /** How often the supergraph file is checked for a new version (no restart needed). */
    SUPERGRAPH_POLL_MS: envFields.positiveInt(2_000),
    JWT_ISSUER: z.string().min(1).default(DEFAULT_JWT_ISSUER),
    JWT_AUDIENCE: z.string().min(1).default(DEFAULT_JWT_AUDIENCE),
    JWKS_URL: z.url().default(`${DEFAULT_JWT_ISSUER}/.well-known/jwks.json`),
    /** Shared with every subgraph, which then serves only requests carrying the gateway's credential. */
    GATEWAY_SECRET: envFields.gatewaySecret,
    /** Which proxies' X-Forwarded-For to believe: a hop count or addresses/subnets (Express "trust proxy"); none by default. */
    TRUST_PROXY: z.string().optional(),
    /** Defaults: on outside production. */
    INTROSPECTION: z.enum(['true', 'false']).optional(),
    /** Query limits, enforced in every environment (see @crm/subgraph query-limits). */
    MAX_QUERY_DEPTH: envFields.positiveInt(DEFAULT_QUERY_LIMITS.maxDepth),
    MAX_QUERY_COST: envFields.positiveInt(DEFAULT_QUERY_LIMITS.maxCost),
    MAX_QUERY_ALIASES: envFields.positiveInt(DEFAULT_QUERY_LIMITS.maxAliases),
    MAX_QUERY_DIRECTIVES: envFields.positiveInt(DEFAULT_QUERY_LIMITS.maxDirectives),
    MAX_QUERY_TOKENS: envFields.positiveInt(DEFAULT_QUERY_LIMITS.maxTokens),
    ...subgraphUrls,
  })
  .transform((env) => {
    const production = env.NODE_ENV === 'production';
    return {
      ...env,
      trustProxy: trustProxyOf(env.TRUST_PROXY),
      introspection: env.INTROSPECTION ? env.INTROSPECTION === 'true' : !production,
      limits: {
        maxDepth: env.MAX_QUERY_DEPTH,
        maxCost: env.MAX_QUERY_COST,
        maxAliases: env.MAX_QUERY_ALIASES,
        maxDirectives: env.MAX_QUERY_DIRECTIVES,
        maxTokens: env.MAX_QUERY_TOKENS,
      },
      subgraphUrls: Object.fromEntries(
        SERVICES.map((s) => [
          s.name,
          (env as Record<string, unknown>)[subgraphUrlVariable(s.name)] as string | undefined,
        ]),
      ) as Record<string, string | undefined>,
    };
  });

export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;
