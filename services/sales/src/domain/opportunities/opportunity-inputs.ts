import { z } from 'zod';

export const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY or USD');

/** Money as a decimal string: never a float on the way in either. */
export const moneyInput = z.object({
  amount: z
    .string()
    .trim()
    .regex(/^\d{1,16}(\.\d{1,2})?$/, 'must be a decimal amount such as 120000 or 99.50'),
  currency: currencyCode.default('CNY'),
});

export const calendarDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-31')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'is not a real date');

const name = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');

export const createOpportunityInput = z.object({
  customerId: z.uuid('is not a valid id'),
  name,
  amount: moneyInput,
  stageId: z.uuid('is not a valid id').nullish(),
  expectedCloseDate: calendarDate.nullish(),
  contactId: z.uuid('is not a valid id').nullish(),
  sourceCampaignId: z.uuid('is not a valid id').nullish(),
});

export const updateOpportunityInput = z.object({
  id: z.uuid('is not a valid id'),
  name: name.optional(),
  amount: moneyInput.optional(),
  expectedCloseDate: calendarDate.nullish(),
  contactId: z.uuid('is not a valid id').nullish(),
});

const reason = z.string().trim().max(1000, 'must be at most 1000 characters');

export const moveStageInput = z.object({
  id: z.uuid('is not a valid id'),
  stageId: z.uuid('is not a valid id'),
  reason: reason.nullish(),
});

export const closeOpportunityInput = z.object({
  id: z.uuid('is not a valid id'),
  reason: reason.nullish(),
  missingFeature: z
    .string()
    .trim()
    .max(2000, 'must be at most 2000 characters')
    .transform((v) => (v === '' ? null : v))
    .nullish(),
});

export type CreateOpportunityInput = z.output<typeof createOpportunityInput>;
