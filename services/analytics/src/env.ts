import { serviceEnvSchema } from '@crm/config';
import type { z } from 'zod';

export const analyticsEnvSchema = serviceEnvSchema('analytics');

export type AnalyticsEnv = z.infer<typeof analyticsEnvSchema>;
