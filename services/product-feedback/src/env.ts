import { serviceEnvSchema } from '@crm/config';
import type { z } from 'zod';

export const productFeedbackEnvSchema = serviceEnvSchema('product-feedback');

export type ProductFeedbackEnv = z.infer<typeof productFeedbackEnvSchema>;
