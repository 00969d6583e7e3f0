import { z } from 'zod';
import { defineEvent } from '../define-event';
import { dateTime, id, money } from './common';

export const customerKinds = ['COMPANY', 'PERSON'] as const;
export const customerTiers = ['KEY', 'A', 'B', 'C'] as const;
export const lifecycleStages = ['PROSPECT', 'CUSTOMER', 'CHURNED'] as const;

/** The customer facts other departments replicate: the full state after the change. */
export const customerSnapshot = z.object({
  customerId: id,
  kind: z.enum(customerKinds),
  name: z.string(),
  industry: z.string().nullable(),
  region: z.string().nullable(),
  tier: z.enum(customerTiers).nullable(),
  lifecycleStage: z.enum(lifecycleStages),
  ownerId: id.nullable(),
  backupOwnerId: id.nullable(),
  /** Sales team of the owner when the change happened. */
  teamId: id.nullable(),
  /** Normalized phone (E.164) used as a matching key; absent when the customer has none. */
  phoneKey: z.string().nullable(),
  /** Normalized (lower-case) email used as a matching key. */
  emailKey: z.string().nullable(),
  tags: z.array(z.string()),
  /** Increases by one with every change; consumers keep the highest they have seen. */
  version: z.number().int().positive(),
  occurredAt: dateTime,
  /** Matching keys of the customer's contacts (E.164); present when the contacts changed. */
  contactPhoneKeys: z.array(z.string()).optional(),
  /** Matching keys of the customer's contacts (lower-case emails); present when the contacts changed. */
  contactEmailKeys: z.array(z.string()).optional(),
});

const CUSTOMER_TOPIC = 'crm.sales.customer.v1';

export const customerCreated = defineEvent({
  type: 'crm.sales.customer.created.v1',
  topic: CUSTOMER_TOPIC,
  producer: 'sales',
  description: 'A customer record was created in sales (the unified customer id is born here).',
  schema: customerSnapshot,
  key: (d) => d.customerId,
  subject: (d) => d.customerId,
});

export const customerUpdated = defineEvent({
  type: 'crm.sales.customer.updated.v1',
  topic: CUSTOMER_TOPIC,
  producer: 'sales',
  description: 'A customer record changed; `changedFields` names what changed.',
  schema: customerSnapshot.extend({ changedFields: z.array(z.string()) }),
  key: (d) => d.customerId,
  subject: (d) => d.customerId,
});

export const customerMerged = defineEvent({
  type: 'crm.sales.customer.merged.v1',
  topic: CUSTOMER_TOPIC,
  producer: 'sales',
  description:
    'Customer `sourceId` was merged into `targetId`: re-point every reference to the source at the target. The source is a tombstone from now on; `target` is the surviving record.',
  schema: z.object({
    sourceId: id,
    targetId: id,
    target: customerSnapshot,
    mergedBy: id.nullable(),
    mergedAt: dateTime,
  }),
  key: (d) => d.targetId,
  subject: (d) => d.targetId,
});

export const customerRepublished = defineEvent({
  type: 'crm.sales.customer.republished.v1',
  topic: CUSTOMER_TOPIC,
  producer: 'sales',
  description:
    'The current state of a customer, sent again by a backfill (`republishCustomers`) so a department that started late, or whose copy missed events that expired, learns every customer. Not a change: apply it like a snapshot, keeping the highest `version`. `mergedInto` names the survivor of a merged-away customer.',
  schema: customerSnapshot.extend({ mergedInto: id.nullable() }),
  key: (d) => d.customerId,
  subject: (d) => d.customerId,
});

/** Why a customer changed hands. */
export const ownershipChangeReasons = [
  'TRANSFER',
  'DEACTIVATION_HANDOVER',
  'POOL_RETURN',
  'RELEASE',
  'CLAIM',
] as const;

export const customerOwnerChanged = defineEvent({
  type: 'crm.sales.customer.owner_changed.v1',
  topic: CUSTOMER_TOPIC,
  producer: 'sales',
  description:
    'A customer changed owner (transfer, hand-over of a deactivated rep, return to or claim from the public pool); `ownerId` null means the public pool. A customer.updated with the full state travels beside it.',
  schema: z.object({
    customerId: id,
    previousOwnerId: id.nullable(),
    ownerId: id.nullable(),
    backupOwnerId: id.nullable(),
    teamId: id.nullable(),
    reason: z.enum(ownershipChangeReasons),
    changedBy: id.nullable(),
    /** The customer's version after the change. */
    version: z.number().int().positive(),
    changedAt: dateTime,
  }),
  key: (d) => d.customerId,
  subject: (d) => d.customerId,
});

const LEAD_TOPIC = 'crm.sales.lead.v1';

export const leadAssigned = defineEvent({
  type: 'crm.sales.lead.assigned.v1',
  topic: LEAD_TOPIC,
  producer: 'sales',
  description:
    'Sales assigned a qualified lead to a rep (first assignment or a reassignment) with a first-contact deadline.',
  schema: z.object({
    leadId: id,
    assigneeId: id,
    teamId: id.nullable(),
    /** The rule that chose the rep, e.g. ROUND_ROBIN, TERRITORY, MANUAL, SLA_REASSIGNMENT. */
    rule: z.string(),
    dueAt: dateTime,
    previousAssigneeId: id.nullable(),
    assignedAt: dateTime,
  }),
  key: (d) => d.leadId,
  subject: (d) => d.leadId,
});

export const leadContacted = defineEvent({
  type: 'crm.sales.lead.contacted.v1',
  topic: LEAD_TOPIC,
  producer: 'sales',
  description: 'The assigned rep logged a first contact with the lead.',
  schema: z.object({ leadId: id, assigneeId: id, contactedAt: dateTime, withinSla: z.boolean() }),
  key: (d) => d.leadId,
  subject: (d) => d.leadId,
});

export const leadSlaBreached = defineEvent({
  type: 'crm.sales.lead.sla_breached.v1',
  topic: LEAD_TOPIC,
  producer: 'sales',
  description: 'A lead was not contacted by its first-contact deadline; sales reassigns it.',
  schema: z.object({
    leadId: id,
    assigneeId: id,
    teamId: id.nullable(),
    dueAt: dateTime,
    breachedAt: dateTime,
  }),
  key: (d) => d.leadId,
  subject: (d) => d.leadId,
});

export const leadConverted = defineEvent({
  type: 'crm.sales.lead.converted.v1',
  topic: LEAD_TOPIC,
  producer: 'sales',
  description:
    'A lead became (or was linked to) a customer, with a contact and an opportunity carrying the source campaign.',
  schema: z.object({
    leadId: id,
    customerId: id,
    contactId: id.nullable(),
    opportunityId: id.nullable(),
    campaignId: id.nullable(),
    /** True when the lead was linked to a customer that already existed. */
    existingCustomer: z.boolean(),
    convertedBy: id,
    convertedAt: dateTime,
  }),
  key: (d) => d.leadId,
  subject: (d) => d.leadId,
});

export const leadDisqualified = defineEvent({
  type: 'crm.sales.lead.disqualified.v1',
  topic: LEAD_TOPIC,
  producer: 'sales',
  description: 'Sales disqualified a lead, with the reason.',
  schema: z.object({
    leadId: id,
    reason: z.string(),
    disqualifiedBy: id,
    disqualifiedAt: dateTime,
  }),
  key: (d) => d.leadId,
  subject: (d) => d.leadId,
});

const OPPORTUNITY_TOPIC = 'crm.sales.opportunity.v1';

export const opportunityWon = defineEvent({
  type: 'crm.sales.opportunity.won.v1',
  topic: OPPORTUNITY_TOPIC,
  producer: 'sales',
  description: 'An opportunity was won: marketing attributes the revenue to its source campaign.',
  schema: z.object({
    opportunityId: id,
    customerId: id,
    name: z.string(),
    amount: money,
    ownerId: id.nullable(),
    teamId: id.nullable(),
    sourceCampaignId: id.nullable(),
    leadId: id.nullable(),
    wonAt: dateTime,
  }),
  key: (d) => d.customerId,
  subject: (d) => d.opportunityId,
});

export const salesEvents = [
  customerCreated,
  customerUpdated,
  customerMerged,
  customerRepublished,
  customerOwnerChanged,
  leadAssigned,
  leadContacted,
  leadSlaBreached,
  leadConverted,
  leadDisqualified,
  opportunityWon,
];
