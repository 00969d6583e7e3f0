import { z } from 'zod';
import { defineEvent } from '../define-event';
import { dateTime, id } from './common';

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

export const salesEvents = [customerCreated, customerUpdated];
