import { envFields, serviceEnvSchema } from '@crm/config';
import { z } from 'zod';

export const marketingEnvSchema = serviceEnvSchema('marketing').extend({
  /** Web-form submissions one client (IP) may make to one form per window. */
  FORM_RATE_LIMIT: envFields.positiveInt(20),
  FORM_RATE_WINDOW_SECONDS: envFields.positiveInt(60),
  /**
   * Which proxies' X-Forwarded-For to believe for the client IP (Express "trust proxy"): by
   * default the gateway and load balancers on private networks.
   */
  FORM_TRUST_PROXY: z.string().min(1).default('loopback, linklocal, uniquelocal'),
});

export type MarketingEnv = z.infer<typeof marketingEnvSchema>;
