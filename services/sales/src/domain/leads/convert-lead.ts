import type { Viewer } from '@crm/auth';
import { newId, recordAudit, type Tx } from '@crm/database';
import { customerCreated, leadConverted, publishEvent } from '@crm/events';
import { cancelJob } from '@crm/scheduler';
import type { Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { findContactsOfCustomers, insertContact, type Contact } from '../../db/contacts';
import { findKeyMatches, lockMatchKeys } from '../../db/customer-keys';
import { insertCustomer } from '../../db/customers';
import { saveLead, type SalesLead } from '../../db/leads';
import { auditView, customerSnapshot } from '../customer-events';
import { customerKeys } from '../duplicates';
import { companyNameKey } from '../name-key';
import { customerForPipeline } from '../opportunities/create-opportunity';
import { calendarDate, moneyInput } from '../opportunities/opportunity-inputs';
import { openOpportunity } from '../opportunities/open-opportunity';
import { mutationUseCase } from '../opportunities/use-case';
import { LEAD_FIRST_CONTACT_JOB } from './assign-lead';
import { leadToWork, markContacted } from './lead-access';

export const convertLeadInput = z.object({
  leadId: z.uuid('is not a valid id'),
  /** Link to this existing customer instead of matching or creating one. */
  customerId: z.uuid('is not a valid id').nullish(),
  opportunity: z
    .object({
      name: z.string().trim().min(1, 'must not be empty').max(200).nullish(),
      amount: moneyInput,
      expectedCloseDate: calendarDate.nullish(),
    })
    .nullish(),
});

/**
 * The customer the lead becomes: the one named, else marketing's match, else an active customer
 * with the same phone, email or company name, else a new customer owned by the lead's assignee.
 */
async function customerOfLead(
  tx: Tx,
  viewer: Viewer,
  lead: SalesLead,
  requested: string | null | undefined,
) {
  const known = requested ?? lead.matchedCustomerId;
  if (known)
    return {
      ...(await customerForPipeline(tx, viewer, known, requested ? 'customerId' : 'leadId')),
      existing: true,
    };
  const kind = lead.company ? ('COMPANY' as const) : ('PERSON' as const);
  const name = lead.company ?? lead.name;
  const nameKey = companyNameKey(name);
  const keys = customerKeys({ kind, nameKey, phoneKey: lead.phoneKey, emailKey: lead.emailKey });
  await lockMatchKeys(tx, keys);
  const [match] = await findKeyMatches(tx, keys);
  if (match)
    return {
      ...(await customerForPipeline(tx, viewer, match.customerId, 'leadId')),
      existing: true,
    };
  const ownerId = lead.assigneeId ?? viewer.id;
  const customer = await insertCustomer(tx, {
    id: newId(),
    kind,
    name,
    industry: lead.industry,
    region: lead.region,
    tier: null,
    lifecycleStage: 'PROSPECT',
    tags: [],
    phone: kind === 'PERSON' ? lead.phone : null,
    phoneKey: kind === 'PERSON' ? lead.phoneKey : null,
    email: kind === 'PERSON' ? lead.email : null,
    emailKey: kind === 'PERSON' ? lead.emailKey : null,
    address: null,
    ownerId,
    backupOwnerId: null,
    teamId: lead.teamId,
    createdBy: viewer.id,
    nameKey,
    ownerSince: new Date(),
  });
  await recordAudit(tx, {
    actorId: viewer.id,
    action: 'customer.create',
    entityType: 'Customer',
    entityId: customer.id,
    after: auditView(customer),
  });
  await publishEvent(tx, customerCreated, customerSnapshot(customer), { actorId: viewer.id });
  return { customer, ownerId, teamId: lead.teamId, existing: false };
}

/** The lead person as a contact of the customer (an existing contact with the same phone or email is reused). */
async function contactOfLead(
  tx: Tx,
  viewer: Viewer,
  lead: SalesLead,
  customerId: string,
): Promise<Contact> {
  const contacts = await findContactsOfCustomers(tx, [customerId]);
  const same = contacts.find(
    (c) =>
      (lead.phoneKey && c.phoneKey === lead.phoneKey) ||
      (lead.emailKey && c.emailKey === lead.emailKey),
  );
  if (same) return same;
  return insertContact(tx, {
    id: newId(),
    customerId,
    name: lead.name,
    title: lead.title,
    phone: lead.phone,
    phoneKey: lead.phoneKey,
    email: lead.email,
    emailKey: lead.emailKey,
    isPrimary: contacts.length === 0,
    createdBy: viewer.id,
  });
}

/** Converts a lead: customer (linked or new), contact, optionally an opportunity carrying the campaign. */
export function convertLead(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof convertLeadInput>,
): Promise<Result<SalesLead>> {
  const guard = { permission: 'leads.write', denied: 'your roles cannot work on leads' } as const;
  return mutationUseCase(dataSource, viewer, guard, convertLeadInput, raw, async (tx, input) => {
    let lead = await leadToWork(tx, viewer, input.leadId);
    const { customer, ownerId, teamId, existing } = await customerOfLead(
      tx,
      viewer,
      lead,
      input.customerId,
    );
    const contact = await contactOfLead(tx, viewer, lead, customer.id);
    const opportunity = input.opportunity
      ? await openOpportunity(tx, viewer.id, {
          customerId: customer.id,
          name: input.opportunity.name ?? `${customer.name} · ${lead.name}`,
          amount: input.opportunity.amount.amount,
          currency: input.opportunity.amount.currency,
          expectedCloseDate: input.opportunity.expectedCloseDate ?? null,
          ownerId,
          teamId,
          contactId: contact.id,
          sourceCampaignId: lead.campaignId,
          leadId: lead.leadId,
        })
      : null;
    const now = new Date();
    lead = await markContacted(tx, viewer, lead, now);
    const after = await saveLead(tx, {
      ...lead,
      status: 'CONVERTED',
      customerId: customer.id,
      contactId: contact.id,
      opportunityId: opportunity?.id ?? null,
      closedAt: now,
    });
    await cancelJob(tx, LEAD_FIRST_CONTACT_JOB, lead.leadId);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'lead.convert',
      entityType: 'Lead',
      entityId: lead.leadId,
      before: { status: lead.status },
      after: {
        status: after.status,
        customerId: customer.id,
        contactId: contact.id,
        opportunityId: after.opportunityId,
      },
    });
    await publishEvent(
      tx,
      leadConverted,
      {
        leadId: lead.leadId,
        customerId: customer.id,
        contactId: contact.id,
        opportunityId: after.opportunityId,
        campaignId: lead.campaignId,
        existingCustomer: existing,
        convertedBy: viewer.id,
        convertedAt: now.toISOString(),
      },
      { actorId: viewer.id },
    );
    return after;
  });
}
