import { campaignChannels, campaignStatuses } from '@crm/events';
import { z } from 'zod';
import { idField, optionalText, requiredName } from './input-fields';

/** Money amounts: decimal strings with at most 2 places (numeric(18, 2) columns), never floats. */
export const amount = z
  .string()
  .trim()
  .regex(/^\d{1,16}(\.\d{1,2})?$/, 'must be an amount like 15000 or 15000.50 (at most 2 decimals)')
  // the form the database gives back (15000 -> 15000.00), so an unchanged amount is no change
  .transform((v) => {
    const [units, cents = ''] = v.split('.');
    return `${BigInt(units).toString()}.${cents.padEnd(2, '0')}`;
  });

const currency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY or USD');

const name = requiredName(200);

export const createCampaignInput = z.object({
  name,
  description: optionalText(2000),
  channel: z.enum(campaignChannels),
  currency: currency.default('CNY'),
  budget: amount.nullish(),
  actualCost: amount.default('0'),
  startsAt: z.date().nullish(),
  endsAt: z.date().nullish(),
  ownerId: idField.nullish(),
  formConsentText: optionalText(2000),
  formConsentVersion: optionalText(50),
});

export const updateCampaignInput = z.object({
  id: idField,
  name: name.optional(),
  description: optionalText(2000),
  channel: z.enum(campaignChannels).optional(),
  currency: currency.optional(),
  budget: amount.nullish(),
  actualCost: amount.optional(),
  startsAt: z.date().nullish(),
  endsAt: z.date().nullish(),
  ownerId: idField.nullish(),
  formConsentText: optionalText(2000),
  formConsentVersion: optionalText(50),
});

export const setCampaignStatusInput = z.object({
  id: idField,
  status: z.enum(campaignStatuses),
});

export const campaignIdInput = z.object({ id: idField });
