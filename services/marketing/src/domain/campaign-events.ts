import { randomBytes } from 'node:crypto';
import { campaignCreated, type EventData } from '@crm/events';
import type { Campaign } from '../db/campaigns';

/** A fresh public form key: 144 random bits, URL-safe. */
export function newFormKey(): string {
  return randomBytes(18).toString('base64url');
}

export function campaignSnapshot(c: Campaign): EventData<typeof campaignCreated> {
  return {
    campaignId: c.id,
    name: c.name,
    channel: c.channel,
    status: c.status,
    budget: c.budget === null ? null : { amount: c.budget, currency: c.currency },
    actualCost: { amount: c.actualCost, currency: c.currency },
    startsAt: c.startsAt?.toISOString() ?? null,
    endsAt: c.endsAt?.toISOString() ?? null,
    ownerId: c.ownerId,
    version: c.version,
    occurredAt: new Date().toISOString(),
  };
}

const TRACKED = [
  'name',
  'description',
  'channel',
  'status',
  'currency',
  'budget',
  'actualCost',
  'startsAt',
  'endsAt',
  'ownerId',
  'formKey',
  'formConsentText',
  'formConsentVersion',
] as const;

/** Fields that differ between two states (the event's `changedFields`). */
export function changedCampaignFields(before: Campaign, after: Campaign): string[] {
  return TRACKED.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
}

/** The audit log keeps no form key: it is a credential of the public form. */
export function campaignAuditView(c: Campaign) {
  const { formKey: _k, createdAt: _c, updatedAt: _u, ...rest } = c;
  return rest;
}
