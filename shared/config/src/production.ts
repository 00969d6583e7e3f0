/** The raw variables a process was started with. */
export type RawEnv = Record<string, string | undefined>;

/** One production requirement: the problem it finds in the variables, or null. */
export type ProductionRule = (source: RawEnv) => string | null;

export const DEFAULT_JWT_ISSUER = 'http://127.0.0.1:4001';
export const DEFAULT_JWT_AUDIENCE = 'crm';

/** Passwords that come with images, examples and this repository's files. */
const DEFAULT_PASSWORDS = [
  '',
  'crm',
  'postgres',
  'password',
  'secret',
  'changeme',
  'root',
  'admin',
];

const truthy = (value: string | undefined) => ['true', '1', 'yes'].includes(value ?? '');

export const productionRules = {
  issuer: (source) =>
    !source.JWT_ISSUER || source.JWT_ISSUER === DEFAULT_JWT_ISSUER
      ? `JWT_ISSUER: the development default (${DEFAULT_JWT_ISSUER}); set your token issuer's URL`
      : null,
  audience: (source) =>
    !source.JWT_AUDIENCE || source.JWT_AUDIENCE === DEFAULT_JWT_AUDIENCE
      ? `JWT_AUDIENCE: the development default ("${DEFAULT_JWT_AUDIENCE}"); set the audience your issuer puts in this deployment's tokens`
      : null,
  gatewaySecret: (source) =>
    source.GATEWAY_SECRET
      ? null
      : 'GATEWAY_SECRET: not set; without it a subgraph serves callers that bypass the gateway',
  databasePassword: (source) => {
    if (!source.DATABASE_URL)
      return 'DATABASE_URL: not set (the development default has no password)';
    let password: string;
    try {
      password = decodeURIComponent(new URL(source.DATABASE_URL).password);
    } catch {
      return null; // the schema reports a malformed URL
    }
    return DEFAULT_PASSWORDS.includes(password.toLowerCase())
      ? `DATABASE_URL: ${password ? 'a default password' : 'no password'}; use the database user's own secret password`
      : null;
  },
  noDemoSeed: (source) =>
    truthy(source.DEMO_SEED)
      ? 'DEMO_SEED: the demo company (with its published passwords) must not be seeded in production'
      : null,
  signingKeyGiven: (source) =>
    source.JWT_PRIVATE_KEY
      ? null
      : 'JWT_PRIVATE_KEY: not set; production signs with a key you provide, not one generated into the identity database',
} satisfies Record<string, ProductionRule>;

/** What every service needs in production; a service adds its own rules. */
export const SERVICE_PRODUCTION_RULES: ProductionRule[] = [
  productionRules.issuer,
  productionRules.audience,
  productionRules.gatewaySecret,
  productionRules.databasePassword,
];

export const GATEWAY_PRODUCTION_RULES: ProductionRule[] = [
  productionRules.issuer,
  productionRules.audience,
  productionRules.gatewaySecret,
];

/** Every problem `rules` find when the variables say NODE_ENV=production; none otherwise. */
export function productionProblems(source: RawEnv, rules: ProductionRule[]): string[] {
  if (source.NODE_ENV !== 'production') return [];
  return rules.map((rule) => rule(source)).filter((p): p is string => p !== null);
}
