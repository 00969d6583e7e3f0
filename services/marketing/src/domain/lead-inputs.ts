import { emailField, phoneField } from '@crm/contact';
import { touchKinds } from '@crm/events';
import type { Result } from '@crm/subgraph';
import { z } from 'zod';
import { idField, optionalText, requiredName } from './input-fields';

export const tagsField = z
  .array(z.string().trim().min(1, 'must not be empty').max(50, 'must be at most 50 characters'))
  .max(30, 'at most 30 tags')
  .transform((tags) => [...new Set(tags)]);

/** Who the person is: the same fields whether a marketer types them or a website posts them. */
export const personFields = {
  name: requiredName(100),
  company: optionalText(200),
  title: optionalText(100),
  phone: phoneField({ max: 40 }),
  email: emailField({ max: 254 }),
  region: optionalText(100),
  industry: optionalText(100),
  companySize: optionalText(50),
  notes: optionalText(2000),
};

/** A person can only be followed up with a phone number or an email. */
function reachableCheck(
  value: { phone?: unknown; email?: unknown },
  ctx: z.core.$RefinementCtx<unknown>,
): void {
  if (!value.phone && !value.email) {
    ctx.addIssue({
      code: 'custom',
      path: ['phone'],
      message: 'a phone number or an email is required to follow the lead up',
    });
  }
}

const reachable = [
  reachableCheck,
  {
    // also when other fields are wrong (all problems at once), unless phone or email is itself wrong
    when: (payload: z.core.ParsePayload) =>
      !payload.issues.some((i) => i.path?.[0] === 'phone' || i.path?.[0] === 'email'),
  },
] as const;

export const captureLeadInput = z
  .object({
    ...personFields,
    campaignId: idField.nullish(),
    touchKind: z.enum(touchKinds).default('MANUAL_ENTRY'),
    tags: tagsField.default([]),
    consent: z.object({ text: optionalText(2000), version: optionalText(50) }).nullish(),
  })
  .superRefine(...reachable);

const truthy = ['true', 'on', 'yes', '1', 'checked'];

/** A public web-form submission (JSON or urlencoded: every value may arrive as a string). */
export const webFormInput = z
  .object({
    ...personFields,
    consent: z
      .union([z.boolean(), z.string()])
      .refine(
        (v) => v === true || (typeof v === 'string' && truthy.includes(v.trim().toLowerCase())),
        'the person must agree to be contacted (send consent=true)',
      ),
    consentText: optionalText(2000),
    consentVersion: optionalText(50),
  })
  .superRefine(...reachable);

export type CaptureLeadInput = z.output<typeof captureLeadInput>;
export type WebFormInput = z.output<typeof webFormInput>;

/** parseInput says "is required" for a missing phone; say that an email would do as well. */
export function explainMissingContact<T>(result: Result<T>): Result<T> {
  if (result.ok) return result;
  return {
    ok: false,
    errors: result.errors.map((e) =>
      e.code === 'REQUIRED' && e.field?.at(-1) === 'phone' && e.field.length === 2
        ? { ...e, message: 'phone: a phone number or an email is required to follow the lead up' }
        : e,
    ),
  };
}
