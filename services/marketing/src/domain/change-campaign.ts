import { type Viewer } from '@crm/auth';
import { recordAudit, type Tx } from '@crm/database';
import { campaignDeleted, campaignUpdated, publishEvent } from '@crm/events';
import {
  parseInput,
  transactionally,
  userError,
  UserErrors,
  type InputOf,
  type Result,
} from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import {
  campaignInUse,
  campaignNameTaken,
  deleteCampaignRow,
  findCampaign,
  saveCampaign,
  type Campaign,
} from '../db/campaigns';
import {
  campaignAuditView,
  campaignSnapshot,
  changedCampaignFields,
  newFormKey,
} from './campaign-events';
import { campaignIdInput, setCampaignStatusInput, updateCampaignInput } from './campaign-inputs';
import { CAMPAIGN_TRANSITIONS, canMove } from './campaign-status';
import { checkDates, duplicateName } from './create-campaign';
import { mayWriteMarketing, notFound } from './guards';

const mayManage = (viewer: Viewer) => mayWriteMarketing(viewer, 'manage campaigns');

async function lockedCampaign(tx: Tx, id: string): Promise<Campaign> {
  const campaign = await findCampaign(tx, id, true);
  if (!campaign) throw notFound('id', 'campaign', id);
  return campaign;
}

/**
 * Loads the campaign, applies `change`, and when anything changed saves it with its audit
 * record and a campaign.updated event, all in one transaction.
 */
async function changeCampaign(
  dataSource: DataSource,
  viewer: Viewer,
  id: string,
  action: string,
  change: (before: Campaign, tx: Tx) => Promise<Campaign> | Campaign,
): Promise<Result<Campaign>> {
  return transactionally(dataSource, async (tx) => {
    const before = await lockedCampaign(tx, id);
    const next = await change(before, tx);
    const changed = changedCampaignFields(before, next);
    if (!changed.length) return before;
    const campaign = await saveCampaign(tx, next);
    await recordAudit(tx, {
      actorId: viewer.id,
      action,
      entityType: 'Campaign',
      entityId: campaign.id,
      before: campaignAuditView(before),
      after: campaignAuditView(campaign),
    });
    await publishEvent(
      tx,
      campaignUpdated,
      { ...campaignSnapshot(campaign), changedFields: changed },
      { actorId: viewer.id },
    );
    return campaign;
  });
}

/** Changes the fields given; null clears an optional one. */
export async function updateCampaign(
  dataSource: DataSource,
  viewer: Viewer,
  raw: InputOf<typeof updateCampaignInput>,
): Promise<Result<Campaign>> {
  mayManage(viewer);
  const parsed = parseInput(updateCampaignInput, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  return changeCampaign(dataSource, viewer, input.id, 'campaign.update', async (before, tx) => {
    const pick = <K extends keyof Campaign>(key: K, value: Campaign[K] | undefined): Campaign[K] =>
      value === undefined ? before[key] : value;
    const next: Campaign = {
      ...before,
      name: pick('name', input.name),
      description: pick('description', input.description),
      channel: pick('channel', input.channel),
      currency: pick('currency', input.currency),
      budget: pick('budget', input.budget),
      actualCost: pick('actualCost', input.actualCost),
      startsAt: pick('startsAt', input.startsAt),
      endsAt: pick('endsAt', input.endsAt),
      ownerId: pick('ownerId', input.ownerId),
      formConsentText: pick('formConsentText', input.formConsentText),
      formConsentVersion: pick('formConsentVersion', input.formConsentVersion),
    };
    checkDates(next.startsAt, next.endsAt);
    if (next.channel !== before.channel && before.status !== 'PLANNED') {
      throw new UserErrors([
        userError(
          'channel',
          'INVALID_TRANSITION',
          'channel: only a planned campaign can change its channel (its leads keep the channel they came through)',
        ),
      ]);
    }
    if (next.name.toLowerCase() !== before.name.toLowerCase()) {
      if (await campaignNameTaken(tx, next.name, before.id)) throw duplicateName(next.name);
    }
    return next;
  });
}

/** PLANNED -> ACTIVE -> PAUSED <-> ACTIVE -> COMPLETED (final). */
export async function setCampaignStatus(
  dataSource: DataSource,
  viewer: Viewer,
  raw: InputOf<typeof setCampaignStatusInput>,
): Promise<Result<Campaign>> {
  mayManage(viewer);
  const parsed = parseInput(setCampaignStatusInput, raw);
  if (!parsed.ok) return parsed;
  const { id, status } = parsed.value;
  return changeCampaign(dataSource, viewer, id, 'campaign.status', (before) => {
    if (before.status === status) return before;
    if (!canMove(before.status, status)) {
      const allowed = CAMPAIGN_TRANSITIONS[before.status];
      throw new UserErrors([
        userError(
          'status',
          'INVALID_TRANSITION',
          `status: a ${before.status} campaign cannot become ${status} (allowed: ${allowed.join(', ') || 'none, it is final'})`,
        ),
      ]);
    }
    return { ...before, status };
  });
}

/** A new public form key; the old one stops working at once (e.g. after a spam wave). */
export async function rotateCampaignFormKey(
  dataSource: DataSource,
  viewer: Viewer,
  raw: InputOf<typeof campaignIdInput>,
): Promise<Result<Campaign>> {
  mayManage(viewer);
  const parsed = parseInput(campaignIdInput, raw);
  if (!parsed.ok) return parsed;
  return changeCampaign(
    dataSource,
    viewer,
    parsed.value.id,
    'campaign.rotate_form_key',
    (before) => ({
      ...before,
      formKey: newFormKey(),
    }),
  );
}

/** Deletes a planned campaign that nothing refers to yet (a mistake); others are COMPLETED instead. */
export async function deleteCampaign(
  dataSource: DataSource,
  viewer: Viewer,
  raw: InputOf<typeof campaignIdInput>,
): Promise<Result<string>> {
  mayManage(viewer);
  const parsed = parseInput(campaignIdInput, raw);
  if (!parsed.ok) return parsed;
  return transactionally(dataSource, async (tx) => {
    const campaign = await lockedCampaign(tx, parsed.value.id);
    if (campaign.status !== 'PLANNED' || (await campaignInUse(tx, campaign.id))) {
      throw new UserErrors([
        userError(
          'id',
          'CONFLICT',
          'id: only a planned campaign without leads can be deleted; complete it instead',
        ),
      ]);
    }
    await deleteCampaignRow(tx, campaign.id);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'campaign.delete',
      entityType: 'Campaign',
      entityId: campaign.id,
      before: campaignAuditView(campaign),
    });
    await publishEvent(
      tx,
      campaignDeleted,
      { campaignId: campaign.id, deletedAt: new Date().toISOString() },
      { actorId: viewer.id },
    );
    return campaign.id;
  });
}
