import { z } from 'zod';
import { email, optionalText, phone } from './customer-inputs';

const name = z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters');

export const addContactInput = z.object({
  customerId: z.uuid('is not a valid id'),
  name,
  title: optionalText(100),
  phone,
  email,
  /** The first contact of a customer is primary whatever this says. */
  isPrimary: z.boolean().default(false),
});

export const updateContactInput = z.object({
  id: z.uuid('is not a valid id'),
  name: name.optional(),
  title: optionalText(100),
  phone,
  email,
  isPrimary: z.boolean().optional(),
});

export const removeContactInput = z.object({ id: z.uuid('is not a valid id') });

export type AddContactInput = z.output<typeof addContactInput>;
