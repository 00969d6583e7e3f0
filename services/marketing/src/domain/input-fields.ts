import { z } from 'zod';

/** An optional text of at most `max` characters; blank means none (null). */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((v) => (v === '' ? null : v))
    .nullish();

/** A required name: trimmed, not blank. */
export const requiredName = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

/** Ids are validated by the guard every subgraph shares. */
export { idField } from '@crm/subgraph';
