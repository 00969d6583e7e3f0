import { touchKinds } from '@crm/events';
import { z } from 'zod';
import { idField } from './input-fields';
import { personFields, tagsField } from './lead-inputs';

const optional = <T extends z.ZodType>(schema: T) => schema.optional();

export const updateLeadInput = z.object({
  id: idField,
  name: optional(personFields.name),
  company: personFields.company,
  title: personFields.title,
  phone: personFields.phone,
  email: personFields.email,
  region: personFields.region,
  industry: personFields.industry,
  companySize: personFields.companySize,
  notes: personFields.notes,
  tags: tagsField.optional(),
});

export const tagLeadsInput = z
  .object({
    leadIds: z.array(idField).min(1, 'is required').max(100, 'at most 100 leads'),
    add: tagsField.default([]),
    remove: tagsField.default([]),
  })
  .refine((v) => v.add.length + v.remove.length > 0, {
    path: ['add'],
    message: 'give tags to add or to remove',
  });

export const recordEngagementInput = z.object({
  leadId: idField,
  kind: z.enum(touchKinds),
  campaignId: idField.nullish(),
  occurredAt: z
    .date()
    .refine((d) => d.getTime() <= Date.now() + 60_000, 'must not be in the future')
    .nullish(),
  details: z.record(z.string(), z.unknown()).nullish(),
});

export const qualifyLeadInput = z.object({
  id: idField,
  note: z.string().trim().max(500, 'must be at most 500 characters').nullish(),
});
