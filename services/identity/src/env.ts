import { envFields, productionRules, serviceEnvSchema, type ProductionRule } from '@crm/config';
import { z } from 'zod';

export const identityEnvSchema = serviceEnvSchema('identity').extend({
  /** Lifetime of access tokens, in seconds: short, a session goes on with its refresh token. */
  TOKEN_TTL_SECONDS: envFields.positiveInt(15 * 60),
  /** Lifetime of a refresh token, in seconds (each is traded once for a new one). */
  REFRESH_TOKEN_TTL_SECONDS: envFields.positiveInt(30 * 24 * 3600),
  /** PEM private key (PKCS#8, RSA) to sign tokens with; generated and kept in the database when absent. */
  JWT_PRIVATE_KEY: z.string().optional(),
  /** Create the demo company (teams, one person per role) when it is missing. */
  DEMO_SEED: envFields.boolean(false),
});

export type IdentityEnv = z.infer<typeof identityEnvSchema>;

/** Besides what every service needs: no demo company, and a signing key that is provided. */
export const identityProductionRules: ProductionRule[] = [
  productionRules.noDemoSeed,
  productionRules.signingKeyGiven,
];
