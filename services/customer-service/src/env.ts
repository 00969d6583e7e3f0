import { serviceEnvSchema } from '@crm/config';
import type { z } from 'zod';

export const customerServiceEnvSchema = serviceEnvSchema('customer-service');

export type CustomerServiceEnv = z.infer<typeof customerServiceEnvSchema>;
