import { scopeOf, type Viewer } from '@crm/auth';
import {
  forbidden,
  parseInput,
  transactionally,
  userError,
  UserErrors,
  type Result,
} from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { findCampaign } from '../db/campaigns';
import { capturePerson, type Capture } from './capture';
import { captureLeadInput, explainMissingContact } from './lead-inputs';

/** A marketer enters a lead (a business card from a trade show, a call): deduplicated like the form. */
export async function captureLead(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof captureLeadInput>,
): Promise<Result<Capture>> {
  if (scopeOf(viewer, 'marketing.write') === 'none')
    throw forbidden('your roles cannot capture marketing leads');
  const parsed = explainMissingContact(parseInput(captureLeadInput, raw));
  if (!parsed.ok) return parsed;
  const { campaignId, touchKind, tags, consent, ...person } = parsed.value;
  return transactionally(dataSource, async (tx) => {
    const campaign = campaignId ? await findCampaign(tx, campaignId) : null;
    if (campaignId && !campaign) {
      throw new UserErrors([
        userError('campaignId', 'NOT_FOUND', `campaignId: no campaign ${campaignId}`),
      ]);
    }
    return capturePerson(tx, {
      person,
      campaign,
      touchKind,
      source: 'MANUAL',
      tags,
      consent: consent
        ? {
            text: consent.text ?? null,
            version: consent.version ?? null,
            at: new Date().toISOString(),
            ip: null,
            userAgent: null,
          }
        : null,
      sourceIp: null,
      userAgent: null,
      payload: null,
      actorId: viewer.id,
    });
  });
}
