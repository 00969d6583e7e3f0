import { type Viewer } from '@crm/auth';
import { newId, recordAudit } from '@crm/database';
import { campaignCreated, publishEvent } from '@crm/events';
import {
  parseInput,
  transactionally,
  userError,
  UserErrors,
  type InputOf,
  type Result,
} from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { campaignNameTaken, insertCampaign, type Campaign } from '../db/campaigns';
import { campaignAuditView, campaignSnapshot, newFormKey } from './campaign-events';
import { createCampaignInput } from './campaign-inputs';
import { mayWriteMarketing } from './guards';

export function checkDates(startsAt: Date | null, endsAt: Date | null): void {
  if (startsAt && endsAt && endsAt < startsAt) {
    throw new UserErrors([
      userError('endsAt', 'INVALID', 'endsAt: the campaign cannot end before it starts'),
    ]);
  }
}

export function duplicateName(name: string): UserErrors {
  return new UserErrors([
    userError('name', 'DUPLICATE', `name: a campaign called "${name}" already exists`),
  ]);
}

/** Plans a campaign (status PLANNED) with its own public form key. */
export async function createCampaign(
  dataSource: DataSource,
  viewer: Viewer,
  raw: InputOf<typeof createCampaignInput>,
): Promise<Result<Campaign>> {
  mayWriteMarketing(viewer, 'manage campaigns');
  const parsed = parseInput(createCampaignInput, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  return transactionally(dataSource, async (tx) => {
    checkDates(input.startsAt ?? null, input.endsAt ?? null);
    if (await campaignNameTaken(tx, input.name)) throw duplicateName(input.name);
    const campaign = await insertCampaign(tx, {
      id: newId(),
      name: input.name,
      description: input.description ?? null,
      channel: input.channel,
      status: 'PLANNED',
      currency: input.currency,
      budget: input.budget ?? null,
      actualCost: input.actualCost,
      startsAt: input.startsAt ?? null,
      endsAt: input.endsAt ?? null,
      ownerId: input.ownerId === undefined ? viewer.id : input.ownerId,
      formKey: newFormKey(),
      formConsentText: input.formConsentText ?? null,
      formConsentVersion: input.formConsentVersion ?? null,
      createdBy: viewer.id,
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'campaign.create',
      entityType: 'Campaign',
      entityId: campaign.id,
      after: campaignAuditView(campaign),
    });
    await publishEvent(tx, campaignCreated, campaignSnapshot(campaign), { actorId: viewer.id });
    return campaign;
  });
}
