import { z } from 'zod';
import { defineEvent } from '../define-event';
import { dateTime, id, money } from './common';

const LEAD_TOPIC = 'crm.marketing.lead.v1';
const CAMPAIGN_TOPIC = 'crm.marketing.campaign.v1';

export const campaignChannels = [
  'TRADE_SHOW',
  'WEB_FORM',
  'SOCIAL',
  'EMAIL',
  'ADS',
  'WEBINAR',
  'REFERRAL',
] as const;
export const campaignStatuses = ['PLANNED', 'ACTIVE', 'PAUSED', 'COMPLETED'] as const;
/** How a person touched marketing: each capture and each engagement is one touch. */
export const touchKinds = [
  'FORM_SUBMITTED',
  'MANUAL_ENTRY',
  'WEBINAR_ATTENDED',
  'EVENT_VISITED',
  'EMAIL_OPENED',
  'EMAIL_CLICKED',
  'CONTENT_DOWNLOADED',
] as const;
export const leadSources = ['WEB_FORM', 'MANUAL'] as const;

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
    /** Marketing's tags on the lead (e.g. interests), for the rep's first call. */
    tags: z.array(z.string()).optional(),
  }),
  key: (d) => d.leadId,
  subject: (d) => d.leadId,
});

/** A new person reached marketing. No contact data: that travels only with `lead.qualified`. */
export const leadCaptured = defineEvent({
  type: 'crm.marketing.lead.captured.v1',
  topic: LEAD_TOPIC,
  producer: 'marketing',
  description:
    'A new lead was captured (web form or entered by a marketer); duplicates of an existing lead are `lead.touched` instead.',
  schema: z.object({
    leadId: id,
    source: z.enum(leadSources),
    campaignId: id.nullable(),
    channel: z.enum(campaignChannels).nullable(),
    region: z.string().nullable(),
    industry: z.string().nullable(),
    score: z.number().int(),
    matchedCustomerId: id.nullable(),
    capturedAt: dateTime,
  }),
  key: (d) => d.leadId,
  subject: (d) => d.leadId,
});

export const leadTouched = defineEvent({
  type: 'crm.marketing.lead.touched.v1',
  topic: LEAD_TOPIC,
  producer: 'marketing',
  description:
    'An existing lead engaged again: a duplicate submission (same phone or email) or a recorded engagement such as a webinar.',
  schema: z.object({
    leadId: id,
    touchId: id,
    kind: z.enum(touchKinds),
    campaignId: id.nullable(),
    channel: z.enum(campaignChannels).nullable(),
    /** Score points this touch added. */
    points: z.number().int(),
    /** The lead's score after the touch. */
    score: z.number().int(),
    /** True when a new submission matched this existing lead instead of creating one. */
    duplicate: z.boolean(),
    occurredAt: dateTime,
  }),
  key: (d) => d.leadId,
  subject: (d) => d.leadId,
});

/** A campaign's state after a change (other departments keep names and channels for reports). */
const campaignSnapshot = z.object({
  campaignId: id,
  name: z.string(),
  channel: z.enum(campaignChannels),
  status: z.enum(campaignStatuses),
  budget: money.nullable(),
  actualCost: money,
  startsAt: dateTime.nullable(),
  endsAt: dateTime.nullable(),
  ownerId: id.nullable(),
  version: z.number().int().positive(),
  occurredAt: dateTime,
});

export const campaignCreated = defineEvent({
  type: 'crm.marketing.campaign.created.v1',
  topic: CAMPAIGN_TOPIC,
  producer: 'marketing',
  description: 'A campaign was planned.',
  schema: campaignSnapshot,
  key: (d) => d.campaignId,
  subject: (d) => d.campaignId,
});

export const campaignUpdated = defineEvent({
  type: 'crm.marketing.campaign.updated.v1',
  topic: CAMPAIGN_TOPIC,
  producer: 'marketing',
  description:
    'A campaign changed (fields, status, cost); `changedFields` names what changed. A deleted campaign is `campaign.deleted`.',
  schema: campaignSnapshot.extend({ changedFields: z.array(z.string()) }),
  key: (d) => d.campaignId,
  subject: (d) => d.campaignId,
});

export const campaignDeleted = defineEvent({
  type: 'crm.marketing.campaign.deleted.v1',
  topic: CAMPAIGN_TOPIC,
  producer: 'marketing',
  description: 'A planned campaign without leads was deleted.',
  schema: z.object({ campaignId: id, deletedAt: dateTime }),
  key: (d) => d.campaignId,
  subject: (d) => d.campaignId,
});

export const marketingEvents = [
  leadQualified,
  leadCaptured,
  leadTouched,
  campaignCreated,
  campaignUpdated,
  campaignDeleted,
];
