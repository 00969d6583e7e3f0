import { z } from 'zod';

export const id = z.uuid();
export const dateTime = z.iso.datetime({ offset: true });
/** Decimal string, never a float. */
export const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'decimal string');
export const currency = z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code');
export const money = z.object({ amount: decimal, currency });
