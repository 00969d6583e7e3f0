import { serviceEnvSchema } from '@crm/config';
import type { z } from 'zod';

export const salesEnvSchema = serviceEnvSchema('sales');

export type SalesEnv = z.infer<typeof salesEnvSchema>;
