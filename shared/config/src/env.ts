import { z } from 'zod';
import { databaseNameOf, serviceInfo, type ServiceName } from './topology';

/** Every bad or missing variable, reported together. */
export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

export function parseEnv<S extends z.ZodType>(
  schema: S,
  source: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const value = typeof issue.path[0] === 'string' ? source[issue.path[0]] : undefined;
      return `${name}: ${issue.message}${value === undefined ? '' : ` (got ${JSON.stringify(value)})`}`;
    }),
  );
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

export const envFields = {
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
    DATABASE_URL: postgresUrl.default(`postgres://root@127.0.0.1:5432/${databaseNameOf(name)}`),
    RUN_MIGRATIONS: boolean(true),
    KAFKA_BROKERS: list.default(['127.0.0.1:9092']),
    KAFKA_CLIENT_ID: z.string().min(1).default(`crm-${name}`),
    KAFKA_GROUP_ID: z.string().min(1).default(`crm-${name}`),
    JWT_ISSUER: z.string().min(1).default('http://localhost:4001'),
    JWT_AUDIENCE: z.string().min(1).default('crm'),
    JWKS_URL: z.url().default('http://127.0.0.1:4001/.well-known/jwks.json'),
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
