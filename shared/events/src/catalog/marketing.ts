import { z } from 'zod';
import { defineEvent } from '../define-event';
import { dateTime, id } from './common';

const LEAD_TOPIC = 'crm.marketing.lead.v1';

/** What sales needs to follow a qualified lead up: who, how to reach them, where they came from. */
export const leadQualified = defineEvent({
  type: 'crm.marketing.lead.qualified.v1',
  topic: LEAD_TOPIC,
  producer: 'marketing',
  description:
    'A lead reached the qualification threshold: sales assigns it to a rep with a first-contact deadline.',
  schema: z.object({
    leadId: id,
    name: z.string(),
    company: z.string().nullable(),
    title: z.string().nullable(),
    /** As the lead wrote it (display form). */
    phone: z.string().nullable(),
    /** E.164 matching key. */
    phoneKey: z.string().nullable(),
    email: z.string().nullable(),
    emailKey: z.string().nullable(),
    region: z.string().nullable(),
    industry: z.string().nullable(),
    companySize: z.string().nullable(),
    campaignId: id.nullable(),
    channel: z.string().nullable(),
    score: z.number().int(),
    /** A known customer with the same phone or email (from marketing's replica), if any. */
    matchedCustomerId: id.nullable(),
    notes: z.string().nullable(),
    qualifiedAt: dateTime,
  }),
  key: (d) => d.leadId,
  subject: (d) => d.leadId,
});

export const marketingEvents = [leadQualified];
