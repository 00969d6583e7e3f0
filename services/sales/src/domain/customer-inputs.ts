import { customerKinds, customerTiers, lifecycleStages } from '@crm/events';
import { z } from 'zod';
import { normalizePhone } from './normalize';

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((v) => (v === '' ? null : v))
    .nullish();

export const phone = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (value === '') return null;
    const normalized = normalizePhone(value);
    if (!normalized) {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not a valid phone number (mainland numbers like 13812345678 or 021-62345678; others with their country code, e.g. +44 20 7946 0958)`,
      });
      return z.NEVER;
    }
    return normalized;
  })
  .nullish();

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => (v === '' ? null : v))
  .pipe(z.email('is not a valid email address').nullable())
  .nullish();

const tags = z
  .array(z.string().trim().min(1, 'must not be empty').max(50, 'must be at most 50 characters'))
  .max(30, 'at most 30 tags');

export const addressInput = z
  .object({
    country: optionalText(100),
    province: optionalText(100),
    city: optionalText(100),
    district: optionalText(100),
    street: optionalText(300),
    postalCode: optionalText(20),
  })
  .nullish();

export const createCustomerInput = z.object({
  kind: z.enum(customerKinds).default('COMPANY'),
  name: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  industry: optionalText(100),
  region: optionalText(100),
  tier: z.enum(customerTiers).nullish(),
  lifecycleStage: z.enum(lifecycleStages).default('PROSPECT'),
  tags: tags.default([]),
  phone,
  email,
  address: addressInput,
  ownerId: z.uuid('is not a valid id').nullish(),
});

export const updateCustomerInput = z.object({
  id: z.uuid('is not a valid id'),
  kind: z.enum(customerKinds).optional(),
  name: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters')
    .optional(),
  industry: optionalText(100),
  region: optionalText(100),
  tier: z.enum(customerTiers).nullish(),
  lifecycleStage: z.enum(lifecycleStages).optional(),
  tags: tags.optional(),
  phone,
  email,
  address: addressInput,
});

export type CreateCustomerInput = z.output<typeof createCustomerInput>;
export type UpdateCustomerInput = z.output<typeof updateCustomerInput>;
