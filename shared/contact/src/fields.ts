import { z } from 'zod';
import { normalizePhone } from './normalize';

/** What an input says about a phone number it cannot read. */
export function invalidPhoneMessage(value: string): string {
  return `"${value}" is not a valid phone number (mainland numbers like 13812345678 or 021-62345678; others with their country code, e.g. +44 20 7946 0958)`;
}

export interface ContactFieldOptions {
  /** Longest accepted text, checked before parsing ("must be at most N characters"). */
  max?: number;
}

/**
 * An optional phone number input: blank means none (null), anything else must be a real number
 * and becomes its NormalizedPhone (E.164 key and display form).
 */
export function phoneField({ max }: ContactFieldOptions = {}) {
  const text = z.string().trim();
  return (max === undefined ? text : text.max(max, `must be at most ${max} characters`))
    .transform((value, ctx) => {
      if (value === '') return null;
      const normalized = normalizePhone(value);
      if (!normalized) {
        ctx.addIssue({ code: 'custom', message: invalidPhoneMessage(value) });
        return z.NEVER;
      }
      return normalized;
    })
    .nullish();
}

/** An optional email input: trimmed and lower-cased (the matching key); blank means none (null). */
export function emailField({ max }: ContactFieldOptions = {}) {
  const text = z.string().trim().toLowerCase();
  return (max === undefined ? text : text.max(max, `must be at most ${max} characters`))
    .transform((v) => (v === '' ? null : v))
    .pipe(z.email('is not a valid email address').nullable())
    .nullish();
}
