import { z } from 'zod';
import {
  DEFAULT_JWT_AUDIENCE,
  DEFAULT_JWT_ISSUER,
  productionProblems,
  type ProductionRule,
} from './production';
import { databaseNameOf, serviceInfo, type ServiceName } from './topology';

/** Every bad or missing variable, reported together. */
export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/**
 * The variables parsed by `schema`; with NODE_ENV=production also checked against
 * `productionRules`. Every problem of both kinds is reported in one EnvError.
 */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  source: Record<string, string | undefined> = process.env,
  productionRules: ProductionRule[] = [],
): z.infer<S> {
  const result = schema.safeParse(source);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(environment)';
        const value = typeof issue.path[0] === 'string' ? source[issue.path[0]] : undefined;
        // secrets are not echoed back, nor the password in a URL
        const shown =
          value === undefined || /SECRET|KEY|PASSWORD/.test(name)
            ? ''
            : ` (got ${JSON.stringify(value.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@'))})`;
        return `${name}: ${issue.message}${shown}`;
      });
  problems.push(...productionProblems(source, productionRules));
  if (problems.length || !result.success) throw new EnvError(problems);
  return result.data;
}

const boolean = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const list = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string()).min(1, 'needs at least one entry'));

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// URL');

const gatewaySecret = z
  .string()
  .min(32, 'must be at least 32 characters (e.g. openssl rand -base64 48)')
  .optional();

export const envFields = {
  gatewaySecret,
  boolean,
  list,
  postgresUrl,
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  positiveInt: (fallback: number) => z.coerce.number().int().positive().default(fallback),
};

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Variables every service reads; a service extends this with its own. */
export function serviceEnvSchema(name: ServiceName) {
  const info = serviceInfo(name);
  return z.object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    PORT: envFields.port(info.port),
    /** The interface to listen on (0.0.0.0 in a container whose port is not published). */
    HOST: z.string().min(1).default('127.0.0.1'),
    /** Shared with the gateway: when set, only requests with the gateway's credential are served. */
    GATEWAY_SECRET: gatewaySecret,
    DATABASE_URL: postgresUrl.default(`postgres://root@127.0.0.1:5432/${databaseNameOf(name)}`),
    RUN_MIGRATIONS: boolean(true),
    KAFKA_BROKERS: list.default(['127.0.0.1:9092']),
    KAFKA_CLIENT_ID: z.string().min(1).default(`crm-${name}`),
    KAFKA_GROUP_ID: z.string().min(1).default(`crm-${name}`),
    JWT_ISSUER: z.string().min(1).default(DEFAULT_JWT_ISSUER),
    JWT_AUDIENCE: z.string().min(1).default(DEFAULT_JWT_AUDIENCE),
    JWKS_URL: z.url().default(`${DEFAULT_JWT_ISSUER}/.well-known/jwks.json`),
    BUSINESS_TIMEZONE: z
      .string()
      .default('Asia/Shanghai')
      .refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai'),
  });
}

export type ServiceEnv = z.infer<ReturnType<typeof serviceEnvSchema>>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
