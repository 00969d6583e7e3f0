import { envFields, serviceEnvSchema } from '@crm/config';
import { z } from 'zod';

export const identityEnvSchema = serviceEnvSchema('identity').extend({
  /** Lifetime of issued tokens, in seconds. */
  TOKEN_TTL_SECONDS: envFields.positiveInt(8 * 3600),
  /** PEM private key (PKCS#8, RSA) to sign tokens with; generated and kept in the database when absent. */
  JWT_PRIVATE_KEY: z.string().optional(),
  /** Create the demo company (teams, one person per role) when it is missing. */
  DEMO_SEED: envFields.boolean(false),
});

export type IdentityEnv = z.infer<typeof identityEnvSchema>;
