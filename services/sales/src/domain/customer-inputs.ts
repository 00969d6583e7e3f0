import { customerKinds, customerTiers, lifecycleStages } from '@crm/events';
import { z } from 'zod';
import { emailField, phoneField } from '@crm/contact';

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((v) => (v === '' ? null : v))
    .nullish();

export const phone = phoneField();

export const email = emailField();

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
