import { z } from 'zod';
import { calendarDate, currencyCode } from '../opportunities/opportunity-inputs';

const percent = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be a percentage such as 10 or 12.5')
  .refine((v) => Number(v) <= 100, 'must be at most 100');

export const quoteLineInput = z.object({
  productName: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  quantity: z
    .string()
    .trim()
    .regex(/^\d{1,12}(\.\d{1,4})?$/, 'must be a decimal quantity such as 3 or 2.5')
    .refine((v) => /[1-9]/.test(v), 'must be more than 0'),
  unitPrice: z
    .string()
    .trim()
    .regex(/^\d{1,14}(\.\d{1,2})?$/, 'must be a decimal price such as 1999 or 19.90'),
  discountPercent: percent.default('0'),
});

const lines = z
  .array(quoteLineInput)
  .min(1, 'needs at least one line')
  .max(200, 'at most 200 lines');

export const createQuoteInput = z.object({
  customerId: z.uuid('is not a valid id'),
  opportunityId: z.uuid('is not a valid id').nullish(),
  title: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  currency: currencyCode.default('CNY'),
  discountPercent: percent.default('0'),
  validUntil: calendarDate.nullish(),
  lines,
});

export const updateQuoteInput = z.object({
  id: z.uuid('is not a valid id'),
  title: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  discountPercent: percent.optional(),
  validUntil: calendarDate.nullish(),
  lines: lines.optional(),
});

export const quoteIdInput = z.object({ id: z.uuid('is not a valid id') });

export const decideQuoteInput = z.object({
  id: z.uuid('is not a valid id'),
  comment: z.string().trim().max(2000, 'must be at most 2000 characters').nullish(),
});

export type QuoteLineInput = z.output<typeof quoteLineInput>;
